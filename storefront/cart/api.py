"""Cart API: carts are addressed by their token; every answer is the priced cart."""

from flask import request
from flask_limiter.errors import RateLimitExceeded
from flask_smorest import Blueprint

from promotions.compile import compiled_promotions
from storefront.cart import service
from storefront.cart.reads import read_cart
from storefront.cart.schemas import AddLineSchema, CartOut, CodeSchema, QuantitySchema
from storefront.cart.throttle import TOO_MANY_CODES, code_throttled
from storefront.cart.view_model import cart_view
from storefront.errors import error_response, handle_http_exception

blp = Blueprint("carts_api", __name__, url_prefix="/api/v1/carts", description="Carts")


@blp.route("", methods=["POST"])
@blp.response(201, CartOut)
def create_cart():
    """Start an empty cart; keep its `token` to address it."""
    return cart_view(service.create_cart())


@blp.route("/<token>")
@blp.response(200, CartOut)
def get_cart(token):
    """The cart, priced now (for each request: never kept)."""
    cart, (promotions_version, _catalog, _content) = read_cart(token)
    if cart is None:
        raise service.CartNotFound()
    return cart_view(cart, promotions=compiled_promotions(promotions_version))


@blp.route("/<token>/lines", methods=["POST"])
@blp.arguments(AddLineSchema)
@blp.response(200, CartOut)
def add_line(data, token):
    """Add a quantity of a product (adds to an existing line)."""
    cart = service.find_cart(token)
    service.add_item(cart, data["sku"], data["quantity"])
    return cart_view(cart)


@blp.route("/<token>/lines/<sku>", methods=["PATCH"])
@blp.arguments(QuantitySchema)
@blp.response(200, CartOut)
def change_line(data, token, sku):
    """Set a line's quantity."""
    cart = service.find_cart(token)
    service.set_quantity(cart, sku, data["quantity"])
    return cart_view(cart)


@blp.route("/<token>/lines/<sku>", methods=["DELETE"])
@blp.response(200, CartOut)
def remove_line(token, sku):
    """Remove a line."""
    cart = service.find_cart(token)
    service.remove_item(cart, sku)
    return cart_view(cart)


@blp.route("/<token>/codes", methods=["POST"])
@code_throttled
@blp.arguments(CodeSchema)
@blp.response(200, CartOut)
def apply_code(data, token):
    """Enter a code. A live code stays on the cart even before the cart qualifies (see
    `messages`); an unknown, expired, not yet active or used-up code is refused with 422
    and the cart is unchanged. Ten refusals in ten minutes per address or cart: 429."""
    cart = service.find_cart(token)
    service.apply_code(cart, data["code"])
    return cart_view(cart)


@blp.route("/<token>/codes/<code>", methods=["DELETE"])
@blp.response(200, CartOut)
def remove_code(token, code):
    """Take a code off the cart."""
    cart = service.find_cart(token)
    service.remove_code(cart, code)
    return cart_view(cart)


@blp.errorhandler(RateLimitExceeded)
def too_many_codes(error):
    """The code throttle says what happened; any other limit answers as usual."""
    if request.endpoint != f"{blp.name}.apply_code":
        return handle_http_exception(error)
    return error_response(429, "too_many_requests", TOO_MANY_CODES)
