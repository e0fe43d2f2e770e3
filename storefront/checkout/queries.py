"""Read-side order queries for the shopper, the account page and the admin order pages."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from core.extensions import db
from core.pagination import Page
from promotions.admin.store import CodeUse
from storefront.accounts.identity import is_same_customer
from storefront.checkout.models import Order, OrderDiscount, OrderStatus


def _with_details():
    return select(Order).options(
        selectinload(Order.lines), selectinload(Order.discounts), selectinload(Order.payment)
    )


def order_by_number(number: str) -> Order | None:
    """One order with its lines, discounts and payment (three small queries, no N+1)."""
    return db.session.scalar(_with_details().where(Order.number == number.strip().upper()))


def order_for_guest(number: str, email: str) -> Order | None:
    """The order only when the email matches: a number alone reveals nothing."""
    order = order_by_number(number)
    if order is None or not is_same_customer(order.email, email):
        return None
    return order


def order_number_for_cart(cart_id: int) -> str | None:
    return db.session.scalar(select(Order.number).where(Order.cart_id == cart_id))


def orders_for_user(user_id: int) -> list[Order]:
    query = _with_details().where(Order.user_id == user_id).order_by(Order.placed_at.desc())
    return list(db.session.scalars(query))


def list_orders(
    *, page: int = 1, per_page: int = 25, status: OrderStatus | None = None, q: str | None = None
) -> Page[Order]:
    """Admin list, newest first; `q` matches the number or the email."""
    query = select(Order)
    if status is not None:
        query = query.where(Order.status == status)
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(Order.number).like(like), func.lower(Order.email).like(like)))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = db.session.scalars(
        query.options(selectinload(Order.lines), selectinload(Order.payment))
        .order_by(Order.placed_at.desc(), Order.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(items), page, per_page, total)


def code_uses(code: str, limit: int = 200) -> list[CodeUse]:
    """The latest orders that used `code`, for the promotions admin's code lookup."""
    rows = db.session.execute(
        select(Order.number, Order.placed_at, Order.status, Order.email, OrderDiscount.amount_cents)
        .join(OrderDiscount, OrderDiscount.order_id == Order.id)
        .where(OrderDiscount.code == code)
        .order_by(Order.placed_at.desc()).limit(limit)
    )
    return [CodeUse(*row) for row in rows]
