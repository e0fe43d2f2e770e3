"""Discount codes of a promotion: one typed by the merchant, or a generated batch.

Codes are unique across promotions and matched normalized (upper case, no spaces); generated
ones avoid look-alike characters so a shopper reading one aloud types it right.
"""

import secrets
from collections.abc import Callable

from sqlalchemy import DateTime, Integer, Select, insert, literal, select

from core.errors import Invalid
from core.extensions import db
from core.transactions import write_transaction
from promotions.engine import Trigger
from promotions.models import Promotion, PromotionCode
from promotions.queries import now_utc
from promotions.service import SYSTEM, CodeTaken, audit_change, writable_promotion

# No look-alikes: no 0 or O, no 1, I or L (31 symbols: 8 characters give 31**8 ≈ 8.5e11 codes).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MAX_BATCH = 10_000


@write_transaction()
def add_code(
    promotion_id: int, code: str, *, usage_limit: int | None = None, actor: str = SYSTEM
) -> PromotionCode:
    """Add one (normalized) code; a public one also joins the rule's `codes` list."""
    promotion = writable_promotion(promotion_id)
    _require_code_trigger(promotion)
    taken = db.session.scalar(select(PromotionCode).where(PromotionCode.code == code))
    if taken is not None:
        raise CodeTaken([code])
    row = PromotionCode(promotion=promotion, code=code, usage_limit=usage_limit)
    db.session.add(row)
    rule = dict(promotion.rule)
    rule["codes"] = [*rule.get("codes", []), code]
    promotion.rule = rule
    audit_change(promotion, "add_code", actor, None, after={"code": code, "usage_limit": usage_limit})
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
    promotion = writable_promotion(promotion_id)
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
    audit_change(promotion, "generate_codes", actor, None, after=after)
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
    audit_change(promotion, "generate_codes", actor, None, after=after)


def _require_code_trigger(promotion: Promotion) -> None:
    if promotion.trigger != Trigger.CODE:
        raise Invalid(
            "Automatic promotions don't take codes; set trigger to code first.",
            fields={"code": ["This promotion is automatic."]},
        )


def _chunks(items: list[str], size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
