"""Checkout and order API. Send an `Idempotency-Key` header: a retry gets the first answer."""

from flask import g, jsonify, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from core.auth import ADMIN_API_SECURITY, Role, admin_api_required
from core.errors import Invalid, NotFound
from storefront.cart.schemas import RepricedCart
from storefront.cart.service import find_cart
from storefront.checkout.cancel import cancel_order
from storefront.checkout.idempotency import request_fingerprint
from storefront.checkout.queries import order_for_guest
from storefront.checkout.quote import quote
from storefront.checkout.schemas import CheckoutSchema, OrderOut, OrderQuerySchema
from storefront.checkout.service import CartChanged, PlaceOrder
from storefront.checkout.submit import error_body, submit

blp = Blueprint("checkout_api", __name__, url_prefix="/api/v1", description="Checkout and orders")


class IdempotencyHeader(Schema):
    class Meta:
        unknown = "exclude"

    key = fields.String(
        data_key="Idempotency-Key", load_default=None, validate=validate.Length(1, 200)
    )


def _repriced(token: str, data: dict) -> dict:
    """The cart as it prices now, for a 409: the client shows it and confirms again."""
    current = quote(
        find_cart(token),
        email=data["email"],
        region=data["shipping_address"]["region"],
        method=data["shipping_method"],
    )
    body = RepricedCart().dump(current.view)
    body["fingerprint"] = current.fingerprint
    return body


@blp.route("/carts/<token>/checkout", methods=["POST"])
@blp.arguments(IdempotencyHeader, location="headers", as_kwargs=True)
@blp.arguments(CheckoutSchema)
@blp.response(201, OrderOut)
@blp.alt_response(402, schema="ErrorEnvelope", description="Payment declined")
@blp.alt_response(409, schema="ErrorEnvelope", description="Cart changed (with `cart`), completed, or in flight")
@blp.alt_response(422, schema="ErrorEnvelope", description="Invalid input or key reused")
def checkout(data, token, key=None):
    """Place the order for cart `token`; send `expected_total_cents` or `fingerprint` to refuse surprises."""
    if key is not None and not 1 <= len(key) <= 200:
        raise Invalid("Idempotency-Key must be 1 to 200 characters.")
    place = PlaceOrder(cart_token=token, data=data)
    fingerprint = request_fingerprint("api", token, request.get_json(silent=True))
    try:
        outcome = submit(place, key=key and f"api:{key}", fingerprint=fingerprint)
    except CartChanged as changed:
        body = error_body(changed)
        body["error"]["changes"] = changed.notes
        body["cart"] = _repriced(token, data)
        return jsonify(body), 409
    # The body is already dumped (and, for a replay, stored): send it as it is.
    return jsonify(outcome.body), outcome.status


@blp.route("/orders/<number>")
@blp.arguments(OrderQuerySchema, location="query")
@blp.response(200, OrderOut)
@blp.alt_response(404, schema="ErrorEnvelope", description="No order with that number and email")
def get_order(args, number):
    """An order for the guest who placed it: the email must match."""
    order = order_for_guest(number, args["email"])
    if order is None:
        raise NotFound("We couldn't find an order with that number and email.")
    return order


@blp.route("/orders/<number>/cancel", methods=["POST"])
@blp.doc(security=ADMIN_API_SECURITY)
@admin_api_required(Role.OWNER)
@blp.response(200, OrderOut)
@blp.alt_response(409, schema="ErrorEnvelope", description="Already cancelled")
def cancel(number):
    """Cancel an order: stock and promotion uses come back once."""
    return cancel_order(number, g.admin_user.email)
