"""Staff accounts (owners only): list, add, deactivate, reactivate."""

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from core.auth import Role, admin_required
from core.refusals import FieldErrors, attempt, show_on_form
from storefront.accounts.staff import create_staff, end_staff_sessions, list_staff, set_active

bp = Blueprint("users", __name__, url_prefix="/users")


class StaffForm(FieldErrors, FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField("Name", validators=[Length(max=120)])
    role = SelectField(
        "Role",
        choices=[
            SelectChoice(Role.MARKETING.value, "Marketing (promotions and reports)"),
            SelectChoice(Role.OWNER.value, "Owner (everything)"),
        ],
        default=Role.MARKETING.value,
    )
    password = PasswordField(
        "Temporary password", validators=[DataRequired(), Length(min=10, max=200)],
        description="At least 10 characters; share it with them privately.",
    )


class ToggleForm(FlaskForm):
    """CSRF only."""


def _page(form: StaffForm, status: int = 200):
    users = list_staff()
    return render_template("admin/users.html", form=form, toggle=ToggleForm(), users=users), status


@bp.get("")
@admin_required(Role.OWNER)
def index():
    return _page(StaffForm())


@bp.post("")
@admin_required(Role.OWNER)
def create():
    form = StaffForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    user, refused = attempt(
        lambda: create_staff(form.email.data, form.password.data, Role(form.role.data), form.name.data or "")
    )
    if refused is not None:
        show_on_form(form, refused)
        return _page(form, refused.status)
    flash(f"{user.email} can now sign in as {user.role}.", "success")
    return redirect(url_for("admin.users.index"))


@bp.post("/<int:user_id>/deactivate")
@admin_required(Role.OWNER)
def deactivate(user_id: int):
    return _toggle(user_id, False)


@bp.post("/<int:user_id>/activate")
@admin_required(Role.OWNER)
def activate(user_id: int):
    return _toggle(user_id, True)


@bp.post("/<int:user_id>/sign-out-everywhere")
@admin_required(Role.OWNER)
def sign_out_everywhere(user_id: int):
    """Every session of that account ends, e.g. after a laptop went missing."""
    if not _form_valid():
        return redirect(url_for("admin.users.index"))
    user = end_staff_sessions(user_id)
    if user.id == current_user.id:
        logout_user()
        session.clear()
        flash("You are signed out everywhere, here too. Please sign in again.", "info")
        return redirect(url_for("admin.login"))
    flash(f"{user.email} is signed out everywhere.", "success")
    return redirect(url_for("admin.users.index"))


def _form_valid() -> bool:
    if ToggleForm().validate_on_submit():
        return True
    flash("The form expired; please try again.", "error")
    return False


def _toggle(user_id: int, active: bool):
    if not _form_valid():
        return redirect(url_for("admin.users.index"))
    user = set_active(user_id, active, actor=current_user)
    flash(f"{user.email} is {'active' if active else 'deactivated'}.", "success")
    return redirect(url_for("admin.users.index"))
