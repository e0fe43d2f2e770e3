"""Optional customer accounts: register, sign in (the guest cart comes along), order history."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user

from core.extensions import limiter
from core.refusals import attempt
from storefront.accounts.customers import keep_cart_for, merge_guest_cart, register_customer
from storefront.accounts.forms import PasswordForm, RegisterForm, SignInForm
from storefront.accounts.service import authenticate, change_password
from storefront.accounts.session import sign_out_everywhere
from storefront.cart.session import SESSION_KEY, current_cart
from storefront.checkout.queries import orders_for_user

bp = Blueprint("account", __name__, url_prefix="/account")

# What survives the fresh session a sign-in starts with.
CARRIED = ("age_confirmed", "my_orders", "checkout_details")


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("account.orders")


def _sign_in(user) -> None:
    guest = current_cart()
    carried = {key: session[key] for key in CARRIED if key in session}
    session.clear()  # a fresh session at sign-in (no fixation)
    session.update(carried)
    login_user(user)
    cart = merge_guest_cart(user, guest)
    if cart is not None:
        session[SESSION_KEY] = cart.token


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        user, refused = attempt(lambda: register_customer(form.email.data, form.password.data, form.name.data or ""))
        if refused is not None:
            form.email.errors.append(refused.fields.get("email", [refused.message])[0])
            return render_template("account/register.html", form=form), refused.status
        _sign_in(user)
        flash("Welcome! Your account is ready.", "success")
        return redirect(_safe_next(request.args.get("next")))
    return render_template("account/register.html", form=form), 422 if form.errors else 200


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per 15 minutes", methods=["POST"], deduct_when=lambda response: response.status_code == 401)
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            _sign_in(user)
            flash("You are signed in.", "success")
            return redirect(_safe_next(request.args.get("next")))
        flash("That email and password don't match an account.", "error")
        return render_template("account/sign_in.html", form=form), 401
    return render_template("account/sign_in.html", form=form), 422 if form.errors else 200


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        keep_cart_for(current_user, current_cart())  # it waits in the account for next time
    sign_out_everywhere()
    flash("You are signed out.", "info")
    return redirect(url_for("pages.home"))


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change the password; this browser stays signed in, every other session ends."""
    if not current_user.is_authenticated:
        return redirect(url_for("account.sign_in", next=request.path))
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        _, refused = attempt(lambda: change_password(user, form.current.data, form.password.data))
        if refused is not None:
            form.current.errors.append(refused.message)
            return render_template("account/password.html", form=form), refused.status
        login_user(user)  # this session continues under the new session version
        flash("Your password is changed, and you are signed out everywhere else.", "success")
        return redirect(url_for("account.orders"))
    return render_template("account/password.html", form=form), 422 if form.errors else 200


@bp.get("/orders")
def orders():
    if not current_user.is_authenticated:
        return redirect(url_for("account.sign_in", next=request.path))
    return render_template("account/orders.html", orders=orders_for_user(current_user.id))
