"""Read side of the promotions admin: the list with codes and counters, without N+1."""

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from core.extensions import db
from promotions.admin.store import store
from promotions.models import DisplayStatus, Promotion, PromotionAuditEntry, PromotionCode
from promotions.service import display_status, now_utc


@dataclass(frozen=True, slots=True)
class PromotionRow:
    promotion: Promotion
    status: DisplayStatus
    code_count: int
    first_code: str | None


def promotion_rows(q: str | None, status: str | None, trigger: str | None) -> list[PromotionRow]:
    """Promotions matching the search (name or code) and filters, newest first."""
    query = select(Promotion).order_by(Promotion.id.desc())
    if q:
        pattern = f"%{q.strip().lower()}%"
        has_code = select(PromotionCode.promotion_id).where(func.lower(PromotionCode.code).like(pattern))
        query = query.where(or_(func.lower(Promotion.name).like(pattern), Promotion.id.in_(has_code)))
    if trigger in ("automatic", "code"):
        query = query.where(Promotion.trigger == trigger)
    promotions = list(db.session.scalars(query))
    counts = dict(
        db.session.execute(
            select(PromotionCode.promotion_id, func.count()).group_by(PromotionCode.promotion_id)
        ).all()
    )
    firsts = dict(
        db.session.execute(
            select(PromotionCode.promotion_id, func.min(PromotionCode.code)).group_by(PromotionCode.promotion_id)
        ).all()
    )
    now = now_utc()
    rows = []
    for promotion in promotions:
        shown = display_status(promotion, now)
        if status and shown != status:
            continue
        public = (promotion.rule or {}).get("codes") or []
        rows.append(PromotionRow(promotion, shown, counts.get(promotion.id, 0), public[0] if public else firsts.get(promotion.id)))
    return rows


def audit_entries(promotion_id: int) -> list[PromotionAuditEntry]:
    query = (
        select(PromotionAuditEntry)
        .where(PromotionAuditEntry.promotion_id == promotion_id)
        .order_by(PromotionAuditEntry.created_at.desc(), PromotionAuditEntry.id.desc())
    )
    return list(db.session.scalars(query))


def form_choices() -> tuple[list, list, list[str]]:
    """Departments, products and every tag in use: what a promotion can target."""
    products = list(store().products())
    tags = sorted({tag for product in products for tag in product.tags or ()})
    return list(store().departments()), products, tags


def department_names() -> dict[str, str]:
    return {d.slug: d.name for d in store().departments()}
