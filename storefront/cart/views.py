"""Cart pages: view, add, change quantity, remove. Views parse, call the service, render."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded

from catalog.age import age_confirmed, remember_age_confirmed
from catalog.navigation import department_links
from core.fields import form_number
from core.refusals import attempt
from promotions.banner import safe_banner
from promotions.compile import compiled_promotions
from storefront.cart import service
from storefront.cart.schemas import AddLineSchema, CodeSchema, QuantitySchema
from storefront.cart.session import cart_for_update, current_cart, shown_cart
from storefront.cart.throttle import TOO_MANY_CODES, code_throttled
from storefront.cart.view_model import cart_view
from storefront.errors import explain, handle_http_exception

bp = Blueprint("cart", __name__, url_prefix="/cart")


def render_cart(*, error: str | None = None, fields: dict | None = None, status: int = 200):
    """The cart page, cheap to render for each request: the cart and the versions are read in
    one statement without a transaction (storefront.cart.reads), the versions once (pricing
    and the banner share the promotions, the header's links the catalog's), and the header's
    count comes from the cart loaded."""
    cart, (promotions_version, catalog_version, _content) = shown_cart()
    promotions = compiled_promotions(promotions_version)
    view = cart_view(cart, promotions=promotions) if cart else None
    count = view.item_count if view else 0
    return render_template(
        "cart/cart.html",
        cart=view,
        error=error,
        fields=fields or {},
        cart_item_count=lambda: count,
        site_banner=lambda: safe_banner(promotions),
        department_links=lambda: department_links(catalog_version),
    ), status


def cart_action(change):
    """Run a cart change; a refusal re-renders the cart with the reason and a 4xx."""
    _, refused = attempt(change, passing=(service.AgeNotConfirmed,))  # add() asks the age question
    if refused is None:
        return redirect(url_for("cart.show"))
    page, status = render_cart(error=explain(refused), fields=refused.fields, status=refused.status)
    return page, status, list(refused.headers)


@bp.get("")
def show():
    """Rendered for each request: a shopper's cart is never kept for anyone."""
    return render_cart()


@bp.post("/add")
def add():
    """Add a product; a CBD item asked for before the age question asks it right here.

    The question's form posts back to this view with the same item and `confirm`, so the
    shopper who says yes gets the item in the cart in one step.
    """
    answer = request.form.get("confirm")
    if answer == "no":
        return render_template("catalog/age_denied.html"), 403
    if answer == "yes":
        remember_age_confirmed()

    def change():
        data = AddLineSchema().load(
            {"sku": request.form.get("sku", ""), "quantity": form_number(request.form.get("quantity", "1"))}
        )
        product = service.add_item(
            cart_for_update(), data["sku"], data["quantity"], age_confirmed=age_confirmed()
        )
        flash(f"Added {data['quantity']} × {product.name} to your cart.", "success")

    try:
        return cart_action(change)
    except service.AgeNotConfirmed as refusal:
        return _ask_age_then_add(refusal.product)


def _ask_age_then_add(product):
    hidden = {"sku": product.sku, "quantity": request.form.get("quantity", "1")}
    page = render_template(
        "catalog/age_gate.html", department=product.department, action=url_for("cart.add"), hidden=hidden, product=product
    )
    return page, 403


@bp.post("/lines/<sku>")
def update(sku: str):
    def change():
        data = QuantitySchema().load({"quantity": form_number(request.form.get("quantity"))})
        service.set_quantity(_existing_cart(), sku, data["quantity"])
        flash("Your cart was updated.", "success")

    return cart_action(change)


@bp.post("/lines/<sku>/remove")
def remove(sku: str):
    def change():
        service.remove_item(_existing_cart(), sku)
        flash("The item was removed from your cart.", "success")

    return cart_action(change)


@bp.post("/codes")
@code_throttled
def apply_code():
    def change():
        data = CodeSchema().load({"code": request.form.get("code", "")})
        check = service.apply_code(cart_for_update(), data["code"])
        flash(check.message, "success")

    return cart_action(change)


@bp.post("/codes/<code>/remove")
def remove_code(code: str):
    def change():
        service.remove_code(_existing_cart(), code)
        flash(f"Code {code} was removed.", "success")

    return cart_action(change)


@bp.errorhandler(RateLimitExceeded)
def too_many_codes(error):
    """The cart page again, saying why; other limits answer as usual."""
    if request.endpoint != "cart.apply_code":
        return handle_http_exception(error)
    return render_cart(error=TOO_MANY_CODES, status=429)


def _existing_cart():
    cart = current_cart()
    if cart is None:
        raise service.CartNotFound()
    return cart
