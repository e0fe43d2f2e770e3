"""Plain words for rule types: how money, percentages and lists read to a merchant.

Every condition and benefit has a `describe(words)` that returns its phrase of the
promotion's one-sentence summary (promotions.summary composes them). `Words` carries
what a phrase may need beyond the rule type's own parameters, as plain values, so the
engine stays free of the app: the caller looks names up, the engine only reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = ["Words", "dollars", "either", "percent"]


class Words(NamedTuple):
    """What a rule type's phrase may refer to besides its own parameters."""

    items: str | None = None  # the covered items in words ("CBD items"); None for everything
    threshold_cents: int | None = None  # the promotion's minimum spend, when it has one
    names: Mapping[str, str] = MappingProxyType({})  # display names of department slugs and SKUs


def dollars(cents: int) -> str:
    """$50, $12.50: whole dollars lose their cents."""
    return f"${cents // 100:,}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


def percent(value: Any) -> str:
    """20%, 12.5%: the number as typed, without trailing zeros."""
    number = Decimal(str(value)).normalize()
    return f"{number:f}%"


def either(words: list[str], joiner: str = "or") -> str:
    """"a", "a or b", "a, b or c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {joiner} {words[-1]}"
