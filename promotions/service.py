"""Writing promotions: every change leaves an audit entry (and moves the promotions version).

Callers hand in rule documents already loaded by `promotions.schemas` (the admin
API, the admin pages, the demo seed); this module keeps the typed columns, the
code rows and the stored rule in step, in one transaction per call.
"""

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, Select, func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from core.errors import Conflict, Invalid, NotFound
from core.extensions import db
from core.transactions import write_transaction
from core.versions import read_versions
from promotions.engine import Stacking, Trigger
from promotions.models import (
    DisplayStatus,
    Promotion,
    PromotionAuditEntry,
    PromotionCode,
    PromotionStatus,
    as_utc,
)
from promotions.rule_checks import check_rule
from promotions.schemas import RuleSchema, to_rule

SYSTEM = "system"
# No look-alikes: no 0 or O, no 1, I or L (31 symbols: 8 characters give 31**8 ≈ 8.5e11 codes).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MAX_BATCH = 10_000


class PromotionNotFound(NotFound):
    def __init__(self, promotion_id: int):
        super().__init__(f"No promotion with id {promotion_id}.")


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


def now_utc() -> datetime:
    return datetime.now(UTC)


# --- reading ------------------------------------------------------------------------------


def get_promotion(promotion_id: int) -> Promotion:
    promotion = db.session.get(Promotion, promotion_id)
    if promotion is None:
        raise PromotionNotFound(promotion_id)
    return promotion


def list_promotions(status: PromotionStatus | None = None) -> list[Promotion]:
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


def current_version() -> int:
    """The promotions version: the one query pricing makes about promotions (core.versions
    reads every counter at once with a statement built once per process)."""
    return read_versions()[0]


# --- the write path ---------------------------------------------------------------------


def _state(promotion: Promotion) -> dict:
    return {"status": promotion.status.value, "rule": promotion.rule}


def _finish(promotion: Promotion, action: str, actor: str, before: dict | None, after=None) -> None:
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


def _writable(promotion_id: int) -> Promotion:
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
    _finish(promotion, "create", actor, None)
    return promotion


@write_transaction()
def update_promotion(promotion_id: int, changes: dict, *, actor: str = SYSTEM) -> Promotion:
    """Merge a partially loaded document over the stored rule and validate the whole."""
    promotion = _writable(promotion_id)
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
    _finish(promotion, "update", actor, before)
    return promotion


@write_transaction()
def _set_status(promotion_id: int, status: PromotionStatus, action: str, actor: str) -> Promotion:
    promotion = _writable(promotion_id)
    before = _state(promotion)
    promotion.status = status
    _finish(promotion, action, actor, before)
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
    promotion = _writable(promotion_id)
    before = _state(promotion)
    rule = to_rule(promotion)
    now = now_utc()
    if rule["starts_at"] is not None and _parse(rule["starts_at"]) >= now:
        rule["starts_at"] = None
    rule["ends_at"] = now.isoformat()
    _apply_rule(promotion, RuleSchema().load(rule))
    _finish(promotion, "end_now", actor, before)
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
    _finish(promotion, "delete", actor, before, after={})
    return None


# --- codes --------------------------------------------------------------------------------


@write_transaction()
def add_code(
    promotion_id: int, code: str, *, usage_limit: int | None = None, actor: str = SYSTEM
) -> PromotionCode:
    """Add one (normalized) code; a public one also joins the rule's `codes` list."""
    promotion = _writable(promotion_id)
    _require_code_trigger(promotion)
    taken = db.session.scalar(select(PromotionCode).where(PromotionCode.code == code))
    if taken is not None:
        raise CodeTaken([code])
    row = PromotionCode(promotion=promotion, code=code, usage_limit=usage_limit)
    db.session.add(row)
    rule = dict(promotion.rule)
    rule["codes"] = [*rule.get("codes", []), code]
    promotion.rule = rule
    _finish(promotion, "add_code", actor, None, after={"code": code, "usage_limit": usage_limit})
    return row


def draw_codes(
    count: int, *, prefix: str, length: int, taken: Callable[[list[str]], set[str]] | None = None
) -> list[str]:
    """`count` new unique codes `prefix` + `length` characters from CODE_ALPHABET, none `taken`."""
    taken = taken or taken_codes
    made: set[str] = set()
    while len(made) < count:
        wanted = count - len(made)
        batch = {
            prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
            for _ in range(wanted)
        } - made
        for chunk in _chunks(sorted(batch), 500):
            batch -= taken(chunk)
        made |= set(list(batch)[:wanted])
    return sorted(made)


def taken_codes(codes: list[str]) -> set[str]:
    """Which of `codes` already belong to a promotion."""
    return set(db.session.scalars(select(PromotionCode.code).where(PromotionCode.code.in_(codes))))


def check_codes_allowed(promotion_id: int) -> Promotion:
    """The promotion exists, is not archived and takes codes; raises otherwise."""
    promotion = _writable(promotion_id)
    _require_code_trigger(promotion)
    return promotion


@write_transaction()
def generate_codes(
    promotion_id: int,
    count: int,
    *,
    prefix: str = "",
    length: int = 8,
    usage_limit: int | None = 1,
    actor: str = SYSTEM,
) -> list[str]:
    """Generate `count` unique codes `prefix` + `length` characters from CODE_ALPHABET."""
    if not 1 <= count <= MAX_BATCH:
        raise Invalid(f"Generate between 1 and {MAX_BATCH} codes at a time.", fields={"count": ["Out of range."]})
    promotion = check_codes_allowed(promotion_id)
    codes = draw_codes(count, prefix=prefix, length=length)
    db.session.add_all(
        PromotionCode(promotion=promotion, code=code, usage_limit=usage_limit) for code in codes
    )
    after = {"generated": count, "prefix": prefix, "usage_limit": usage_limit}
    _finish(promotion, "generate_codes", actor, None, after=after)
    return codes


@write_transaction()
def publish_codes(
    promotion_id: int, codes: Select, *, count: int, prefix: str, usage_limit: int | None, actor: str,
    then: Callable[[], None],
) -> None:
    """Add a staged batch (`codes` selects a column named `code`) in one statement, audited.

    `then` runs in the same transaction before it commits (the caller drops its staged rows).
    """
    promotion = check_codes_allowed(promotion_id)
    staged = codes.subquery()
    rows = select(literal(promotion_id), staged.c.code, literal(usage_limit, Integer),
                  literal(0), literal(now_utc(), DateTime(timezone=True)))
    db.session.execute(
        insert(PromotionCode).from_select(
            ["promotion_id", "code", "usage_limit", "times_used", "created_at"], rows
        )
    )
    then()
    after = {"generated": count, "prefix": prefix, "usage_limit": usage_limit}
    _finish(promotion, "generate_codes", actor, None, after=after)


def _require_code_trigger(promotion: Promotion) -> None:
    if promotion.trigger != Trigger.CODE:
        raise Invalid(
            "Automatic promotions don't take codes; set trigger to code first.",
            fields={"code": ["This promotion is automatic."]},
        )


def _chunks(items: list[str], size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
