"""check_code: what to tell a shopper who types a code.

A code is ACCEPTED when it exists, is within its dates and has uses left
(per code, per promotion, per shopper, budget), even if the cart does not
qualify yet: such codes stay on the cart and the priced cart explains what
is missing. Every refusal gets the same message apart from the code itself,
so answers do not help anyone enumerate codes; the status is for logs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .eligibility import NO_USAGE, check_dates, check_limits
from .explain import ExplanationStatus
from .index import PromotionIndex
from .money import normalize_code
from .pricing import PricingContext

__all__ = ["CodeCheck", "CodeStatus", "check_code", "refusal_message"]


class CodeStatus(StrEnum):
    """The outcome of checking a typed code (refusal kinds are for logs only)."""

    ACCEPTED = "accepted"
    UNKNOWN = "unknown"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    USED_UP = "used_up"


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """The answer to a typed code: normalized code, status, promotion (if known) and message."""

    code: str
    status: CodeStatus
    promotion_id: int | None
    message: str


_STATUS_FOR = {
    ExplanationStatus.NOT_STARTED: CodeStatus.NOT_STARTED,
    ExplanationStatus.EXPIRED: CodeStatus.EXPIRED,
    ExplanationStatus.LIMIT_REACHED: CodeStatus.USED_UP,
    ExplanationStatus.BUDGET_EXHAUSTED: CodeStatus.USED_UP,
}


def refusal_message(code: str) -> str:
    """The one message for every refused code."""
    return f"Code {code} can't be used."


def check_code(text: str, index: PromotionIndex, context: PricingContext) -> CodeCheck:
    """Check a typed code against dates and limits, not against the cart."""
    code = normalize_code(text)
    found = index.find_code(code) if code else None
    if found is None:
        return CodeCheck(code, CodeStatus.UNKNOWN, None, refusal_message(code))
    promotion, matched = found
    usage = context.usage.get(promotion.id, NO_USAGE)
    not_met = check_dates(promotion.starts_at, promotion.ends_at, context.now) or check_limits(
        promotion, matched, usage
    )
    if not_met is not None:
        return CodeCheck(code, _STATUS_FOR[not_met.status], promotion.id, refusal_message(code))
    return CodeCheck(
        code, CodeStatus.ACCEPTED, promotion.id, f"Code {code} added: {promotion.name}."
    )
