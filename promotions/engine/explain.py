"""Why a promotion did or did not apply, in words a shopper understands.

Every message is built here from one template per status, so the wording of
the whole store lives in one table. Code promotions are named by their code,
automatic ones by their name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from string import Formatter

from .money import format_cents

__all__ = ["Explanation", "ExplanationStatus", "NotMet", "describe", "describe_gift"]


class ExplanationStatus(StrEnum):
    """What happened to a promotion the engine considered."""

    APPLIED = "applied"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    OUTSIDE_WINDOW = "outside_window"
    BELOW_SUBTOTAL = "below_subtotal"
    BELOW_QUANTITY = "below_quantity"
    NO_ELIGIBLE_ITEMS = "no_eligible_items"
    NOT_COMBINABLE = "not_combinable"
    LIMIT_REACHED = "limit_reached"
    BUDGET_EXHAUSTED = "budget_exhausted"
    NOT_FOR_CUSTOMER = "not_for_customer"
    FIRST_ORDER_ONLY = "first_order_only"
    REGION_EXCLUDED = "region_excluded"
    BETTER_OFFER_APPLIED = "better_offer_applied"
    NO_DISCOUNT = "no_discount"
    PRICE_FLOOR = "price_floor"


@dataclass(frozen=True, slots=True)
class NotMet:
    """A "does not apply" result: the status and what would make it apply."""

    status: ExplanationStatus
    shortfall_cents: int | None = None
    shortfall_quantity: int | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    """The shopper-facing outcome for one promotion considered."""

    promotion_id: int
    name: str
    code: str | None
    status: ExplanationStatus
    message: str
    shortfall_cents: int | None = None
    would_cents: int | None = None  # what a promotion left out would have taken off on its own


_S = ExplanationStatus
_TEMPLATES: dict[ExplanationStatus, str] = {
    _S.APPLIED: "{label}: {amount} off{suffix}{floor}",
    _S.NOT_STARTED: "{label} hasn't started yet.",
    _S.EXPIRED: "{label} has ended.",
    _S.OUTSIDE_WINDOW: "{label} is only available {detail}.",
    _S.BELOW_SUBTOTAL: "Add {shortfall} more to {target}",
    _S.BELOW_QUANTITY: "Add {count} more eligible {items} to {target}",
    _S.NO_ELIGIBLE_ITEMS: "No items in your cart qualify for {label}.",
    _S.NOT_COMBINABLE: "{label} ({would} off) can't be combined with {other}, which saves you more.{note}",
    _S.LIMIT_REACHED: "{label} {detail}.",
    _S.BUDGET_EXHAUSTED: "{label} is no longer available.",
    _S.NOT_FOR_CUSTOMER: "{label} isn't available for your account.",
    _S.FIRST_ORDER_ONLY: "{label} is only for a first order.",
    _S.REGION_EXCLUDED: "{label} {detail}.",
    _S.BETTER_OFFER_APPLIED: "{label} ({would} off) gives less than {other}{where}.{note}",
    _S.NO_DISCOUNT: "{label} doesn't lower the price of anything in your cart.",
    _S.PRICE_FLOOR: "{label} can't take these items below the store's minimum price.",
}
_DEFAULT_DETAIL = {
    _S.LIMIT_REACHED: "has reached its usage limit",
    _S.REGION_EXCLUDED: "isn't available in your shipping region",
    _S.OUTSIDE_WINDOW: "at certain times",
}


def _placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


_NEEDS = {status: _placeholders(template) for status, template in _TEMPLATES.items()}


def describe(
    status: ExplanationStatus,
    *,
    label: str,
    is_code: bool,
    amount_cents: int = 0,
    shipping: bool = False,
    not_met: NotMet | None = None,
    other: str = "",
    would_cents: int = 0,
    lines: int = 0,
    floored: bool = False,
    greedy: bool = False,
) -> str:
    """Render the one-sentence message for `status` about the promotion `label`.

    `lines` > 0 says a promotion lost only on items it shared with `other`;
    `greedy` that the combination was found by the quick (greedy) search.
    """
    needs = _NEEDS[status]
    values: dict[str, object] = {"label": label, "other": other}
    # Only what the template uses is computed: this runs for every promotion considered.
    if "target" in needs:
        values["target"] = f"use {label}" if is_code else f"get {label}"
    if "amount" in needs:
        values["amount"] = format_cents(amount_cents)
        values["suffix"] = " shipping" if shipping else ""
    if "floor" in needs:
        values["floor"] = " (held at the store's minimum price)" if floored else ""
    if "would" in needs:
        values["would"] = format_cents(would_cents)
        values["where"] = "" if not lines else " on this item" if lines == 1 else " on these items"
        values["note"] = " (Best of many offers, found by a quick search.)" if greedy else ""
    if "shortfall" in needs:
        values["shortfall"] = format_cents(not_met.shortfall_cents or 0 if not_met else 0)
    if "count" in needs:
        count = not_met.shortfall_quantity if not_met and not_met.shortfall_quantity else 1
        values["count"] = count
        values["items"] = "item" if count == 1 else "items"
    if "detail" in needs:
        values["detail"] = (not_met.detail if not_met else None) or _DEFAULT_DETAIL.get(status, "")
    return _TEMPLATES[status].format_map(values)


_GIFT_TEMPLATE = "{label}: a free gift is in your cart."


def describe_gift(label: str) -> str:
    """The message for an applied free-gift promotion (a product, not an amount off)."""
    return _GIFT_TEMPLATE.format(label=label)
