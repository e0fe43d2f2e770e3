"""Admin API: orders (owners only). Cancelling lives here too, beside the checkout API's."""

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from core.auth import ADMIN_API_SECURITY, Role, admin_api_required
from core.errors import NotFound
from core.pagination import PageOut
from storefront.checkout.cancel import cancel_order
from storefront.checkout.models import OrderStatus
from storefront.checkout.queries import list_orders, order_by_number
from storefront.checkout.schemas import OrderOut

blp = Blueprint("admin_orders_api", __name__, url_prefix="/api/v1/admin/orders", description="Admin: orders")
owner_only = admin_api_required(Role.OWNER)


class OrderListQuery(Schema):
    status = fields.String(validate=validate.OneOf([s.value for s in OrderStatus]))
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "Part of the number or email"})
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=25, validate=validate.Range(1, 100))


class OrderPageOut(PageOut):
    items = fields.List(fields.Nested(OrderOut))


@blp.route("")
@blp.doc(security=ADMIN_API_SECURITY)
@owner_only
@blp.arguments(OrderListQuery, location="query")
@blp.response(200, OrderPageOut)
def list_(args):
    """Orders, newest first, filtered by status and a search on number or email."""
    status = OrderStatus(args["status"]) if args.get("status") else None
    return list_orders(page=args["page"], per_page=args["per_page"], status=status, q=args.get("q"))


@blp.route("/<number>")
@blp.doc(security=ADMIN_API_SECURITY)
@owner_only
@blp.response(200, OrderOut)
def show(number):
    """One order with lines, discounts, payment and address."""
    order = order_by_number(number)
    if order is None:
        raise NotFound(f"No order {number}.")
    return order


@blp.route("/<number>/cancel", methods=["POST"])
@blp.doc(security=ADMIN_API_SECURITY)
@owner_only
@blp.response(200, OrderOut)
@blp.alt_response(409, schema="ErrorEnvelope", description="Already cancelled")
def cancel(number):
    """Cancel an order: stock and promotion uses come back once."""
    return cancel_order(number, g.admin_user.email)
