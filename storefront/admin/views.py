"""The admin shell: sign in, sign out, dashboard."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from storefront.accounts.service import authenticate
from storefront.admin.auth import admin_required
from storefront.admin.forms import LoginForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("admin.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None and user.is_staff:
            session.clear()  # a fresh session at sign-in
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash("That email and password don't match an admin account.", "error")
        return render_template("admin/login.html", form=form), 401
    return render_template("admin/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
@admin_required()
def logout():
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("admin.login"))


@bp.get("")
@admin_required()
def dashboard():
    return render_template("admin/dashboard.html")
