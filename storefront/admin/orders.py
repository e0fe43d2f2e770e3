"""Orders admin (owners): list with filters, detail, cancel (stock and code uses come back)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from core.auth import Role, admin_required
from core.extensions import db
from storefront.checkout.cancel import cancel_order
from storefront.checkout.models import OrderStatus, OutboxMessage
from storefront.checkout.queries import list_orders, order_by_number

bp = Blueprint("orders", __name__, url_prefix="/orders")
PER_PAGE = 25


class CancelForm(FlaskForm):
    """CSRF only."""


def order_filters(args) -> dict:
    """Page, status and search from query args; anything odd falls back to the default."""
    page = args.get("page", "1")
    status = args.get("status") or None
    return {
        "page": int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        "status": OrderStatus(status) if status in {s.value for s in OrderStatus} else None,
        "q": (args.get("q") or "").strip()[:100] or None,
    }


def outbox_for(order) -> list[OutboxMessage]:
    """Mail about this order: to its customer, naming its number."""
    query = select(OutboxMessage).where(
        OutboxMessage.recipient == order.email, OutboxMessage.subject.contains(order.number)
    ).order_by(OutboxMessage.created_at)
    return list(db.session.scalars(query))


@bp.get("")
@admin_required(Role.OWNER)
def index():
    filters = order_filters(request.args)
    found = list_orders(per_page=PER_PAGE, **filters)
    return render_template("admin/orders/list.html", page=found, filters=filters)


@bp.get("/<number>")
@admin_required(Role.OWNER)
def show(number: str):
    order = order_by_number(number) or abort(404)
    return render_template("admin/orders/show.html", order=order, outbox=outbox_for(order), cancel=CancelForm())


@bp.post("/<number>/cancel")
@admin_required(Role.OWNER)
def cancel(number: str):
    if CancelForm().validate_on_submit():
        cancel_order(number, current_user.email)
        flash(f"Order {number} cancelled; its stock and promotion uses were released.", "success")
    return redirect(url_for("admin.orders.show", number=number))
