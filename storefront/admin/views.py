"""The admin shell: sign in (throttled), sign out, dashboard; areas hang off `bp`."""

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_login import login_user

from catalog.models import Product
from core.auth import admin_required
from core.timezone import register_filters
from storefront.accounts.service import authenticate
from storefront.accounts.session import sign_out_everywhere
from storefront.admin import throttle
from storefront.admin.auth import mark_seen
from storefront.admin.chart import day_chart
from storefront.admin.dashboard import PERIOD_DAYS, build_dashboard
from storefront.admin.forms import LoginForm
from storefront.admin.navigation import register_navigation

bp = Blueprint("admin", __name__, url_prefix="/admin")
register_filters(bp)
register_navigation(bp)

TOO_MANY = "Too many sign-in attempts. Please wait 15 minutes and try again."


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("admin.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "POST" and (wait := throttle.retry_after(request.form.get("email", ""))):
        flash(TOO_MANY, "error")
        return render_template("admin/login.html", form=form), 429, {"Retry-After": str(wait)}
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None and user.is_staff:
            session.clear()  # a fresh session at sign-in...
            g.pop("csrf_token", None)  # ...so a fresh CSRF token too
            login_user(user)
            mark_seen()
            return redirect(_safe_next(request.args.get("next")))
        throttle.record_failure(form.email.data)
        flash("That email and password don't match an admin account.", "error")
        return render_template("admin/login.html", form=form), 401
    return render_template("admin/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
@admin_required()
def logout():
    sign_out_everywhere()
    flash("You are signed out.", "info")
    return redirect(url_for("admin.login"))


@bp.get("")
@admin_required()
def dashboard():
    figures = build_dashboard()
    chart = day_chart(figures.period.days, title=f"Promotion uses and discount per day, last {PERIOD_DAYS} days")
    return render_template(
        "admin/dashboard.html", figures=figures, chart=chart, period_days=PERIOD_DAYS, low_stock_limit=Product.LOW_STOCK
    )


def _register_areas() -> None:
    """Each admin area is a child blueprint: /admin/<area>/..., endpoints admin.<area>.*."""
    from catalog.admin.views import bp as catalog_bp
    from promotions.admin.views import bp as promotions_bp
    from storefront.admin.jobs import bp as jobs_bp
    from storefront.admin.orders import bp as orders_bp
    from storefront.admin.reports import bp as reports_bp
    from storefront.admin.tokens import bp as tokens_bp
    from storefront.admin.users import bp as users_bp

    for child in (promotions_bp, reports_bp, catalog_bp, orders_bp, users_bp, tokens_bp, jobs_bp):
        bp.register_blueprint(child)


_register_areas()
