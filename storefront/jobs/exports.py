"""CSV exports of orders and of code usage, written as jobs with progress per page of rows."""

import csv
import io

from sqlalchemy import func, select

from core.extensions import db
from storefront.checkout.models import Order, OrderDiscount
from storefront.jobs.models import Job, JobKind
from storefront.jobs.runner import Outcome, Progress, handles

PAGE = 1000


def _export(job: Job, progress: Progress, *, query, count_query, header: list[str], key, name: str) -> Outcome:
    """Page through `query` by `key` (an id column), reporting progress after each page."""
    total = db.session.scalar(count_query) or 0
    progress.report(0, total)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    done, last = 0, 0
    while True:
        rows = db.session.execute(query.where(key > last).order_by(key).limit(PAGE)).all()
        if not rows:
            break
        writer.writerows(row[1:] for row in rows)
        done, last = done + len(rows), rows[-1][0]
        progress.report(done)
    return Outcome(f"{done:,} rows exported.", buffer.getvalue(), f"{name}-job-{job.id}.csv")


@handles(JobKind.ORDERS_CSV, "An orders export")
def export_orders(job: Job, progress: Progress) -> Outcome:
    columns = (Order.number, Order.placed_at, Order.status, Order.email, Order.subtotal_cents,
               Order.discount_cents, Order.shipping_cents, Order.tax_cents, Order.total_cents)
    return _export(
        job, progress, query=select(Order.id, *columns), count_query=select(func.count(Order.id)),
        header=["number", "placed_at", "status", "email", "subtotal_cents", "discount_cents",
                "shipping_cents", "tax_cents", "total_cents"],
        key=Order.id, name="orders",
    )


@handles(JobKind.CODE_USAGE_CSV, "A code usage export")
def export_code_usage(job: Job, progress: Progress) -> Outcome:
    used = OrderDiscount.code.is_not(None)
    return _export(
        job, progress,
        query=select(OrderDiscount.id, OrderDiscount.code, OrderDiscount.name, Order.number, Order.placed_at,
                     Order.status, OrderDiscount.amount_cents).join(Order, Order.id == OrderDiscount.order_id).where(used),
        count_query=select(func.count(OrderDiscount.id)).where(used),
        header=["code", "promotion", "order", "placed_at", "order_status", "discount_cents"],
        key=OrderDiscount.id, name="code-usage",
    )
