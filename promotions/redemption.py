"""Atomic claims on limited promotions: conditional UPDATEs whose row count is the answer.

Checkout calls `claim_all` inside its order transaction, so a refused claim rolls every
earlier claim back with it; `release_all` undoes claims when an order is cancelled. No
read-modify-write: the database checks each limit in the same statement that spends it,
so two shoppers can never both take the last use. Rows are touched in promotion-id order
(promotion, then its code, then the shopper's use) so concurrent checkouts never deadlock.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.extensions import db
from promotions.models import Promotion, PromotionCode, PromotionCustomerUse


@dataclass(frozen=True, slots=True)
class Claim:
    """One applied promotion to spend: a use, its code's use, its amount, the shopper's use."""

    promotion_id: int
    label: str
    amount_cents: int
    code: str | None = None
    customer_key: str | None = None


class ClaimRefused(Exception):
    """A limit was reached between pricing and placing; `reason` is for the shopper."""

    def __init__(self, claim: Claim, reason: str):
        super().__init__(f"{claim.label} {reason}")
        self.claim = claim
        self.message = f"{claim.label} {reason}"


def _claim_promotion(claim: Claim) -> int | None:
    """Spend one use and the amount; the promotion's per-customer limit."""
    table = Promotion.__table__
    result = db.session.execute(
        update(table)
        .where(
            table.c.id == claim.promotion_id,
            (table.c.usage_limit.is_(None)) | (table.c.times_used < table.c.usage_limit),
            (table.c.budget_cents.is_(None))
            | (table.c.given_cents + claim.amount_cents <= table.c.budget_cents),
        )
        .values(
            times_used=table.c.times_used + 1,
            given_cents=table.c.given_cents + claim.amount_cents,
        )
        .returning(table.c.usage_limit_per_customer)
    ).first()
    if result is None:
        raise ClaimRefused(claim, _why_promotion_refused(claim))
    return result[0]


def _why_promotion_refused(claim: Claim) -> str:
    row = db.session.execute(
        select(Promotion.usage_limit, Promotion.times_used).where(Promotion.id == claim.promotion_id)
    ).first()
    if row is None:
        return "is no longer available."
    if row.usage_limit is not None and row.times_used >= row.usage_limit:
        return "has reached its usage limit."
    return "has reached its budget."


def _claim_code(claim: Claim) -> None:
    """Spend one use of the code."""
    table = PromotionCode.__table__
    result = db.session.execute(
        update(table)
        .where(
            table.c.code == claim.code,
            table.c.promotion_id == claim.promotion_id,
            (table.c.usage_limit.is_(None)) | (table.c.times_used < table.c.usage_limit),
        )
        .values(times_used=table.c.times_used + 1)
        .returning(table.c.id)
    ).first()
    if result is None:
        raise ClaimRefused(claim, "has reached its usage limit.")


def _claim_customer_use(claim: Claim, limit: int | None) -> None:
    """Upsert the shopper's count; with a limit, the update only happens below it."""
    table = PromotionCustomerUse.__table__
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(promotion_id=claim.promotion_id, customer_key=claim.customer_key, uses=1)
    if limit is not None and limit < 1:
        raise ClaimRefused(claim, "has already been used as many times as allowed for your account.")
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.promotion_id, table.c.customer_key],
        set_={"uses": table.c.uses + 1},
        where=None if limit is None else table.c.uses < limit,
    ).returning(table.c.uses)
    if db.session.execute(statement).first() is None:
        raise ClaimRefused(claim, "has already been used as many times as allowed for your account.")


def claim_all(claims: Iterable[Claim]) -> None:
    """Spend every claim or raise ClaimRefused (the caller rolls back the transaction).

    The promotions version moves with the commit (core.versions), so a limit
    reached or a budget spent shows in the banner and the caches of prices.
    """
    for claim in sorted(claims, key=lambda c: c.promotion_id):
        limit_per_customer = _claim_promotion(claim)
        if claim.code:
            _claim_code(claim)
        if claim.customer_key:
            _claim_customer_use(claim, limit_per_customer)


def release_all(claims: Iterable[Claim]) -> None:
    """Give back what `claim_all` spent; the caller guarantees it runs once per order."""
    promotions = Promotion.__table__
    codes = PromotionCode.__table__
    uses = PromotionCustomerUse.__table__
    for claim in sorted(claims, key=lambda c: c.promotion_id):
        db.session.execute(
            update(promotions)
            .where(promotions.c.id == claim.promotion_id, promotions.c.times_used > 0)
            .values(
                times_used=promotions.c.times_used - 1,
                given_cents=promotions.c.given_cents - claim.amount_cents,
            )
        )
        if claim.code:
            db.session.execute(
                update(codes)
                .where(codes.c.code == claim.code, codes.c.times_used > 0)
                .values(times_used=codes.c.times_used - 1)
            )
        if claim.customer_key:
            db.session.execute(
                update(uses)
                .where(
                    uses.c.promotion_id == claim.promotion_id,
                    uses.c.customer_key == claim.customer_key,
                    uses.c.uses > 0,
                )
                .values(uses=uses.c.uses - 1)
            )


def frozen_rules(promotion_ids: Iterable[int]) -> dict[int, dict]:
    """Each promotion's rule document as it is now, for the order to keep a copy of."""
    ids = sorted(set(promotion_ids))
    if not ids:
        return {}
    rows = db.session.execute(select(Promotion.id, Promotion.rule).where(Promotion.id.in_(ids)))
    return {row.id: row.rule for row in rows}
