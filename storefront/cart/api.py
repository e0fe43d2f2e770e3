"""Cart API: carts are addressed by their token; every answer is the priced cart."""

from flask_smorest import Blueprint

from storefront.cart import service
from storefront.cart.pricing import price_cart
from storefront.cart.schemas import AddLineSchema, CartOut, QuantitySchema

blp = Blueprint("carts_api", __name__, url_prefix="/api/v1/carts", description="Carts")


@blp.route("", methods=["POST"])
@blp.response(201, CartOut)
def create_cart():
    """Start an empty cart; keep its `token` to address it."""
    return price_cart(service.create_cart())


@blp.route("/<token>")
@blp.response(200, CartOut)
def get_cart(token):
    """The cart, priced now."""
    return price_cart(service.find_cart(token))


@blp.route("/<token>/lines", methods=["POST"])
@blp.arguments(AddLineSchema)
@blp.response(200, CartOut)
def add_line(data, token):
    """Add a quantity of a product (adds to an existing line)."""
    cart = service.find_cart(token)
    service.add_item(cart, data["sku"], data["quantity"])
    return price_cart(cart)


@blp.route("/<token>/lines/<sku>", methods=["PATCH"])
@blp.arguments(QuantitySchema)
@blp.response(200, CartOut)
def change_line(data, token, sku):
    """Set a line's quantity."""
    cart = service.find_cart(token)
    service.set_quantity(cart, sku, data["quantity"])
    return price_cart(cart)


@blp.route("/<token>/lines/<sku>", methods=["DELETE"])
@blp.response(200, CartOut)
def remove_line(token, sku):
    """Remove a line."""
    cart = service.find_cart(token)
    service.remove_item(cart, sku)
    return price_cart(cart)
