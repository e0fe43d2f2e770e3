"""Writing promotions: every change leaves an audit entry (and moves the promotions version).

Callers hand in rule documents already loaded by `promotions.schemas` (the admin
API, the admin pages, the demo seed); this module keeps the typed columns, the
code rows and the stored rule in step, in one transaction per call.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.errors import Conflict
from core.extensions import db
from core.transactions import write_transaction
from promotions.engine import Stacking, Trigger
from promotions.models import Promotion, PromotionAuditEntry, PromotionCode, PromotionStatus
from promotions.queries import get_promotion, now_utc
from promotions.rule_checks import check_rule
from promotions.schemas import RuleSchema, to_rule

SYSTEM = "system"


class PromotionArchived(Conflict):
    def __init__(self):
        super().__init__("This promotion is archived and can't be changed. Duplicate it instead.")


class CodeTaken(Conflict):
    def __init__(self, codes: list[str]):
        listed = ", ".join(sorted(codes))
        super().__init__(f"Already in use: {listed}.", fields={"codes": [f"Already in use: {listed}."]})


class CodeInUse(Conflict):
    def __init__(self, code: str):
        super().__init__(
            f"Code {code} has been used and can't be removed; end the promotion instead.",
            fields={"codes": [f"{code} has been used."]},
        )


def _state(promotion: Promotion) -> dict:
    return {"status": promotion.status.value, "rule": promotion.rule}


def audit_change(promotion: Promotion, action: str, actor: str, before: dict | None, after=None) -> None:
    """Audit (the version moves with the caller's commit); a code collision becomes a 409."""
    db.session.flush()
    db.session.add(
        PromotionAuditEntry(
            promotion_id=promotion.id,
            actor=actor,
            action=action,
            before=before,
            after=_state(promotion) if after is None else after,
        )
    )
    try:
        db.session.flush()
    except IntegrityError as error:
        raise Conflict("A code in this promotion is already in use.") from error


def _parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _apply_rule(promotion: Promotion, rule: dict) -> None:
    """Store `rule` and mirror it into the typed columns."""
    promotion.rule = rule
    promotion.name = rule["name"]
    promotion.description = rule["description"]
    promotion.terms = rule["terms"]
    promotion.trigger = Trigger(rule["trigger"])
    promotion.priority = rule["priority"]
    promotion.stacking = Stacking(rule["stacking"])
    promotion.combines_with = rule["combines_with"]
    promotion.starts_at = _parse(rule["starts_at"])
    promotion.ends_at = _parse(rule["ends_at"])
    promotion.usage_limit = rule["usage_limit"]
    promotion.usage_limit_per_customer = rule["usage_limit_per_customer"]
    promotion.budget_cents = rule["budget_cents"]
    promotion.banner_text = rule["banner"]
    promotion.show_in_banner = bool(rule["show_in_banner"] and rule["banner"])


def _check_free(codes: list[str], promotion_id: int | None) -> None:
    if not codes:
        return
    taken = db.session.scalars(
        select(PromotionCode.code).where(
            PromotionCode.code.in_(codes), PromotionCode.promotion_id != (promotion_id or 0)
        )
    ).all()
    if taken:
        raise CodeTaken(list(taken))


def _sync_codes(promotion: Promotion, old: list[str], new: list[str]) -> None:
    """Rule codes become code rows; codes dropped from the rule go unless already used."""
    added = [code for code in new if code not in old]
    removed = [code for code in old if code not in new]
    _check_free(added, promotion.id)
    if removed:
        rows = db.session.scalars(
            select(PromotionCode).where(
                PromotionCode.promotion_id == promotion.id, PromotionCode.code.in_(removed)
            )
        ).all()
        for row in rows:
            if row.times_used:
                raise CodeInUse(row.code)
            db.session.delete(row)
    existing = set(
        db.session.scalars(
            select(PromotionCode.code).where(
                PromotionCode.promotion_id == promotion.id, PromotionCode.code.in_(added)
            )
        )
    ) if added else set()
    for code in added:
        if code not in existing:
            db.session.add(PromotionCode(promotion=promotion, code=code))


def writable_promotion(promotion_id: int) -> Promotion:
    """The promotion, if it may still change: archived ones are read-only."""
    promotion = get_promotion(promotion_id)
    if promotion.status == PromotionStatus.ARCHIVED:
        raise PromotionArchived()
    return promotion


@write_transaction()
def create_promotion(data: dict, *, actor: str = SYSTEM) -> Promotion:
    """Create from a loaded `PromotionIn` document (`status` defaults to active)."""
    data = dict(data)
    status = PromotionStatus(data.pop("status", None) or PromotionStatus.ACTIVE)
    check_rule(data)
    promotion = Promotion(status=status, times_used=0, given_cents=0)
    _apply_rule(promotion, data)
    db.session.add(promotion)
    db.session.flush()
    _sync_codes(promotion, [], data["codes"])
    audit_change(promotion, "create", actor, None)
    return promotion


@write_transaction()
def update_promotion(promotion_id: int, changes: dict, *, actor: str = SYSTEM) -> Promotion:
    """Merge a partially loaded document over the stored rule and validate the whole."""
    promotion = writable_promotion(promotion_id)
    before = _state(promotion)
    changes = dict(changes)
    status = changes.pop("status", None)
    old_rule = to_rule(promotion)
    rule = RuleSchema().load({**old_rule, **changes})
    check_rule(rule)
    _sync_codes(promotion, old_rule["codes"], rule["codes"])
    _apply_rule(promotion, rule)
    if status is not None:
        promotion.status = PromotionStatus(status)
    audit_change(promotion, "update", actor, before)
    return promotion


@write_transaction()
def _set_status(promotion_id: int, status: PromotionStatus, action: str, actor: str) -> Promotion:
    promotion = writable_promotion(promotion_id)
    before = _state(promotion)
    promotion.status = status
    audit_change(promotion, action, actor, before)
    return promotion


def pause_promotion(promotion_id: int, *, actor: str = SYSTEM) -> Promotion:
    return _set_status(promotion_id, PromotionStatus.PAUSED, "pause", actor)


def resume_promotion(promotion_id: int, *, actor: str = SYSTEM) -> Promotion:
    return _set_status(promotion_id, PromotionStatus.ACTIVE, "resume", actor)


def archive_promotion(promotion_id: int, *, actor: str = SYSTEM) -> Promotion:
    return _set_status(promotion_id, PromotionStatus.ARCHIVED, "archive", actor)


@write_transaction()
def end_promotion_now(promotion_id: int, *, actor: str = SYSTEM) -> Promotion:
    """Set the end to now (exclusive), so the promotion stops at once and shows as expired."""
    promotion = writable_promotion(promotion_id)
    before = _state(promotion)
    rule = to_rule(promotion)
    now = now_utc()
    if rule["starts_at"] is not None and _parse(rule["starts_at"]) >= now:
        rule["starts_at"] = None
    rule["ends_at"] = now.isoformat()
    _apply_rule(promotion, RuleSchema().load(rule))
    audit_change(promotion, "end_now", actor, before)
    return promotion


@write_transaction()
def duplicate_promotion(promotion_id: int, *, actor: str = SYSTEM) -> Promotion:
    """A draft copy without codes (codes are unique) and with fresh counters."""
    original = get_promotion(promotion_id)
    rule = to_rule(original)
    rule.update(name=f"Copy of {rule['name']}"[:200], codes=[], show_in_banner=False)
    return create_promotion({**rule, "status": PromotionStatus.DRAFT.value}, actor=actor)


def was_used(promotion: Promotion) -> bool:
    code_uses = db.session.scalar(
        select(func.coalesce(func.sum(PromotionCode.times_used), 0)).where(
            PromotionCode.promotion_id == promotion.id
        )
    )
    return bool(promotion.times_used or promotion.given_cents or code_uses)


@write_transaction()
def delete_promotion(promotion_id: int, *, actor: str = SYSTEM) -> Promotion | None:
    """Delete an unused promotion; a used one is archived instead and returned."""
    promotion = get_promotion(promotion_id)
    if was_used(promotion):
        if promotion.status == PromotionStatus.ARCHIVED:
            return promotion
        return archive_promotion(promotion_id, actor=actor)
    before = _state(promotion)
    db.session.delete(promotion)
    audit_change(promotion, "delete", actor, before, after={})
    return None


