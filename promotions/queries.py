"""Reading promotions: one by id, the list, and the status an admin sees for each."""

from datetime import UTC, datetime

from sqlalchemy import select

from core.errors import NotFound
from core.extensions import db
from promotions.models import DisplayStatus, Promotion, PromotionStatus, as_utc


class PromotionNotFound(NotFound):
    def __init__(self, promotion_id: int):
        super().__init__(f"No promotion with id {promotion_id}.")


def now_utc() -> datetime:
    """Now, in UTC (what stored promotion windows are compared with)."""
    return datetime.now(UTC)


def get_promotion(promotion_id: int) -> Promotion:
    """The promotion, or a 404 that names the id."""
    promotion = db.session.get(Promotion, promotion_id)
    if promotion is None:
        raise PromotionNotFound(promotion_id)
    return promotion


def list_promotions(status: PromotionStatus | None = None) -> list[Promotion]:
    """Every promotion (or those with `status`), highest priority first."""
    query = select(Promotion).order_by(Promotion.priority.desc(), Promotion.id)
    if status is not None:
        query = query.where(Promotion.status == status)
    return list(db.session.scalars(query))


def display_status(promotion: Promotion, now: datetime | None = None) -> DisplayStatus:
    """Draft, paused and archived as stored; an active one may be scheduled, expired or used up."""
    if promotion.status != PromotionStatus.ACTIVE:
        return DisplayStatus(promotion.status.value)
    now = now or now_utc()
    starts, ends = as_utc(promotion.starts_at), as_utc(promotion.ends_at)
    if starts is not None and now < starts:
        return DisplayStatus.SCHEDULED
    if ends is not None and now >= ends:
        return DisplayStatus.EXPIRED
    if promotion.usage_limit is not None and promotion.times_used >= promotion.usage_limit:
        return DisplayStatus.USED_UP
    if promotion.budget_cents is not None and promotion.given_cents >= promotion.budget_cents:
        return DisplayStatus.USED_UP
    return DisplayStatus.ACTIVE
