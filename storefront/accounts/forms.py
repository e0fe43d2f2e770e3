"""Customer account forms (Flask-WTF: every form carries a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

MIN_PASSWORD = 10


def new_password(label: str = "Password") -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200, message=f"Use at least {MIN_PASSWORD} characters.")],
    )


def repeated_password() -> PasswordField:
    return PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", message="The passwords don't match.")]
    )


class RegisterForm(FlaskForm):
    name = StringField("Name", validators=[Length(max=120)])
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    password = new_password()
    confirm = repeated_password()


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = new_password("New password")
    confirm = repeated_password()


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
