"""What promotions earned and cost over a period: orders with vs without, per day.

Days are the store's local days. Cancelled orders are left out: their stock and code
uses were given back, so they neither earned nor cost anything.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from core.extensions import db
from core.timezone import day_bounds, to_local
from storefront.checkout.models import Order, OrderDiscount, OrderStatus

MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    orders: int
    uses: int
    discount_cents: int


@dataclass(frozen=True, slots=True)
class PromotionLine:
    promotion_id: int | None
    name: str
    uses: int
    discount_cents: int


@dataclass(slots=True)
class Report:
    first: date
    last: date
    promotion_id: int | None
    orders: int = 0
    uses: int = 0
    discount_cents: int = 0
    orders_with: int = 0
    revenue_with_cents: int = 0
    orders_without: int = 0
    revenue_without_cents: int = 0
    days: list[Day] = field(default_factory=list)
    promotions: list[PromotionLine] = field(default_factory=list)

    @property
    def revenue_cents(self) -> int:
        return self.revenue_with_cents + self.revenue_without_cents

    @property
    def aov_with_cents(self) -> int:
        return self.revenue_with_cents // self.orders_with if self.orders_with else 0

    @property
    def aov_without_cents(self) -> int:
        return self.revenue_without_cents // self.orders_without if self.orders_without else 0


def in_period(first: date, last: date) -> tuple:
    """Filters for the placed (not cancelled) orders of these store-local days."""
    start, end = day_bounds(first, last)
    # Order.placed_at is stored as naive UTC.
    start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    return (Order.status == OrderStatus.PLACED, Order.placed_at >= start, Order.placed_at < end)


def build_report(first: date, last: date, promotion_id: int | None = None) -> Report:
    """Totals, days and (overall) the per-promotion breakdown: two grouped queries."""
    if last < first or (last - first).days >= MAX_DAYS:
        from core.errors import Invalid

        raise Invalid("Choose a period of at most a year, ending after it starts.", fields={"to": ["Check the dates."]})
    period = in_period(first, last)
    discounts = select(
        OrderDiscount.order_id,
        func.count(OrderDiscount.id).label("uses"),
        func.sum(OrderDiscount.amount_cents).label("given"),
    ).where(OrderDiscount.promotion_id.is_not(None))
    if promotion_id is not None:
        discounts = discounts.where(OrderDiscount.promotion_id == promotion_id)
    discounts = discounts.group_by(OrderDiscount.order_id).subquery()
    rows = db.session.execute(
        select(Order.placed_at, Order.total_cents, discounts.c.uses, discounts.c.given)
        .outerjoin(discounts, discounts.c.order_id == Order.id)
        .where(*period)
    ).all()

    report = Report(first, last, promotion_id)
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for placed_at, total, uses, given in rows:
        report.orders += 1
        day = per_day[to_local(placed_at).date()]
        day[0] += 1
        if uses:
            report.uses += uses
            report.discount_cents += given or 0
            report.orders_with += 1
            report.revenue_with_cents += total
            day[1] += uses
            day[2] += given or 0
        else:
            report.orders_without += 1
            report.revenue_without_cents += total
    span = (last - first).days + 1
    report.days = [
        Day(day, *per_day.get(day, (0, 0, 0))) for day in (first + timedelta(days=n) for n in range(span))
    ]
    if promotion_id is None:
        breakdown = db.session.execute(
            select(OrderDiscount.promotion_id, func.max(OrderDiscount.name), func.count(), func.sum(OrderDiscount.amount_cents))
            .join(Order, Order.id == OrderDiscount.order_id)
            .where(*period, OrderDiscount.promotion_id.is_not(None))
            .group_by(OrderDiscount.promotion_id)
            .order_by(func.sum(OrderDiscount.amount_cents).desc())
        ).all()
        report.promotions = [PromotionLine(pid, name, uses, given or 0) for pid, name, uses, given in breakdown]
    return report


def report_rows(report: Report) -> list[list]:
    """The report as CSV rows: one per day, then the totals."""
    rows = [["day", "orders", "uses", "discount_cents"]]
    rows += [[d.day.isoformat(), d.orders, d.uses, d.discount_cents] for d in report.days]
    rows += [
        [],
        ["total orders", report.orders], ["uses", report.uses], ["discount_cents", report.discount_cents],
        ["orders_with_promotion", report.orders_with], ["revenue_with_cents", report.revenue_with_cents],
        ["aov_with_cents", report.aov_with_cents], ["orders_without_promotion", report.orders_without],
        ["revenue_without_cents", report.revenue_without_cents], ["aov_without_cents", report.aov_without_cents],
    ]
    return rows
