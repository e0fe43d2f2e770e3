"""Personal API tokens: each staff member creates and revokes their own."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from core.auth import admin_required
from storefront.accounts.tokens import issue_token, revoke_token, tokens_of

bp = Blueprint("tokens", __name__, url_prefix="/tokens")


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=80)])


class RevokeForm(FlaskForm):
    """Only the CSRF token: revoking is a POST like every other change."""


@bp.get("")
@admin_required()
def index():
    return _page(TokenForm())


def _page(form: TokenForm, clear: str | None = None, status: int = 200):
    tokens = tokens_of(current_user)
    body = render_template(
        "admin/tokens.html", form=form, revoke=RevokeForm(), tokens=tokens, clear=clear
    )
    return body, status


@bp.post("")
@admin_required()
def create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    _, clear = issue_token(current_user, form.name.data)
    # Shown once, on this response only; a redirect would need to carry it somewhere.
    return _page(TokenForm(formdata=None), clear=clear, status=201)


@bp.post("/<int:token_id>/revoke")
@admin_required()
def revoke(token_id: int):
    if RevokeForm().validate_on_submit():
        token = revoke_token(current_user, token_id)
        flash(f"Token “{token.name}” revoked.", "success")
    else:
        flash("The form expired; please try again.", "error")
    return redirect(url_for("admin.tokens.index"))
