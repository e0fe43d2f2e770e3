"""The figures on the admin's first page: sales today and over 30 days, promotions at work, stock to reorder.

Sales come from the reports module (same rules: store-local days, cancelled orders left
out); this module adds what only the dashboard needs.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from catalog.models import Product
from core.extensions import db
from core.timezone import to_local
from promotions.models import DisplayStatus, Promotion, PromotionStatus, as_utc
from promotions.service import display_status, now_utc
from storefront.admin.reporting import Report, build_report, in_period
from storefront.checkout.models import Order, OrderDiscount

PERIOD_DAYS = 30
ENDING_SOON = timedelta(days=7)
TOP = 5
LOW_STOCK_SHOWN = 10


@dataclass(frozen=True, slots=True)
class TopPromotion:
    promotion_id: int
    name: str
    uses: int
    discount_cents: int
    revenue_cents: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: Report
    period: Report
    top_by_uses: list[TopPromotion]
    top_by_revenue: list[TopPromotion]
    live: list[Promotion]
    scheduled: list[Promotion]
    ending_soon: list[Promotion]
    low_stock: list[Product]


def _top_promotions(first: date, last: date) -> list[TopPromotion]:
    """Per promotion: uses, discount given and the revenue of the orders it was used on."""
    per_order = (
        select(
            OrderDiscount.promotion_id,
            OrderDiscount.order_id,
            func.max(OrderDiscount.name).label("name"),
            func.count().label("uses"),
            func.sum(OrderDiscount.amount_cents).label("given"),
        )
        .join(Order, Order.id == OrderDiscount.order_id)
        .where(*in_period(first, last), OrderDiscount.promotion_id.is_not(None))
        .group_by(OrderDiscount.promotion_id, OrderDiscount.order_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            per_order.c.promotion_id,
            func.max(per_order.c.name),
            func.sum(per_order.c.uses),
            func.sum(per_order.c.given),
            func.sum(Order.total_cents),
        )
        .join(Order, Order.id == per_order.c.order_id)
        .group_by(per_order.c.promotion_id)
    ).all()
    return [TopPromotion(pid, name, int(uses), int(given or 0), int(revenue or 0)) for pid, name, uses, given, revenue in rows]


def _promotions_at_work(now: datetime) -> tuple[list[Promotion], list[Promotion], list[Promotion]]:
    """Live, scheduled to start, and live but ending within a week (soonest first)."""
    promotions = db.session.scalars(select(Promotion).where(Promotion.status == PromotionStatus.ACTIVE)).all()
    live, scheduled, ending = [], [], []
    for promotion in promotions:
        shown = display_status(promotion, now)
        if shown == DisplayStatus.SCHEDULED:
            scheduled.append(promotion)
        elif shown == DisplayStatus.ACTIVE:
            live.append(promotion)
            ends = as_utc(promotion.ends_at)
            if ends is not None and ends - now <= ENDING_SOON:
                ending.append(promotion)
    scheduled.sort(key=lambda p: as_utc(p.starts_at))
    ending.sort(key=lambda p: as_utc(p.ends_at))
    live.sort(key=lambda p: p.name.lower())
    return live, scheduled, ending


def _low_stock() -> list[Product]:
    return list(
        db.session.scalars(
            select(Product)
            .where(Product.active.is_(True), Product.stock <= Product.LOW_STOCK)
            .order_by(Product.stock, Product.name)
            .limit(LOW_STOCK_SHOWN)
        )
    )


def build_dashboard(now: datetime | None = None) -> Dashboard:
    """Everything the dashboard shows, in a handful of grouped queries."""
    now = now or now_utc()
    today = to_local(now).date()
    first = today - timedelta(days=PERIOD_DAYS - 1)
    top = _top_promotions(first, today)
    live, scheduled, ending = _promotions_at_work(now)
    return Dashboard(
        today=build_report(today, today),
        period=build_report(first, today),
        top_by_uses=sorted(top, key=lambda t: (-t.uses, t.name))[:TOP],
        top_by_revenue=sorted(top, key=lambda t: (-t.revenue_cents, t.name))[:TOP],
        live=live,
        scheduled=scheduled,
        ending_soon=ending,
        low_stock=_low_stock(),
    )
