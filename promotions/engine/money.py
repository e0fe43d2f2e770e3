"""Money in integer cents: formatting, percentages and exact splitting.

The rounding rule lives here and only here: a percentage of an amount is
computed exactly and rounded once, half-up, to whole cents.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "allocate",
    "basis_points",
    "format_cents",
    "normalize_code",
    "percent_of",
    "percent_of_basis_points",
    "share",
    "share_within",
]

_HUNDRED = Decimal(100)
_ONE = Decimal(1)


def format_cents(cents: int) -> str:
    """Format cents for shoppers: 1250 -> "$12.50", -5 -> "-$0.05"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{part:02d}"


def percent_of(amount_cents: int, percent: Decimal) -> int:
    """Return `percent` % of `amount_cents`, rounded once, half-up (away from zero)."""
    basis_points = percent * _HUNDRED
    if basis_points == basis_points.to_integral_value():
        return percent_of_basis_points(amount_cents, int(basis_points))
    exact = Decimal(amount_cents) * percent / _HUNDRED
    return int(exact.quantize(_ONE, rounding=ROUND_HALF_UP))


def percent_of_basis_points(amount_cents: int, basis_points: int) -> int:
    """Same rounding as `percent_of`, for a percentage in integer basis points (12.5% = 1250)."""
    product = abs(amount_cents) * basis_points
    rounded = (product + 5_000) // 10_000  # half-up on the exact product
    return -rounded if amount_cents < 0 else rounded


def basis_points(percent: Decimal) -> int | None:
    """`percent` in integer basis points, or None when it has more than two decimals."""
    value = percent * _HUNDRED
    return int(value) if value == value.to_integral_value() else None


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` by the largest-remainder method.

    The parts always sum to `total`. Ties in the remainders go to the earlier
    position, so callers that pass lines in a fixed order (by sku) get a
    deterministic split. All-zero weights split `total` evenly.
    """
    count = len(weights)
    if count == 0:
        if total:
            raise ValueError("cannot allocate a non-zero total over no weights")
        return []
    if total < 0:
        return [-part for part in allocate(-total, weights)]
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must be >= 0")
    weight_sum = sum(weights)
    if weight_sum == 0:
        weights = [1] * count
        weight_sum = count
    parts = []
    remainders = []
    for position, weight in enumerate(weights):
        part, remainder = divmod(total * weight, weight_sum)
        parts.append(part)
        remainders.append((-remainder, position))
    leftover = total - sum(parts)
    if leftover:
        remainders.sort()
        for _, position in remainders[:leftover]:
            parts[position] += 1
    return parts


def share(total: int, bases: Sequence[int]) -> list[int]:
    """Share `total`, clamped to sum(bases), in proportion to `bases`; no part exceeds its base."""
    if len(bases) == 1:  # the common one-line case, without the largest-remainder machinery
        return [max(0, min(total, bases[0]))]
    base = sum(bases)
    if base <= 0 or total <= 0:
        return [0] * len(bases)
    return allocate(min(total, base), bases)


def share_within(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """Share `total` in proportion to `weights`, no part above its cap.

    What a capped part cannot take is shared again over the others (so a line
    held at its price floor passes its share on); the parts add up to
    min(total, sum(caps)).
    """
    parts = [0] * len(weights)
    open_positions = [i for i, cap in enumerate(caps) if cap > 0]
    left = min(total, sum(caps))
    while left > 0 and open_positions:
        split = allocate(left, [weights[i] for i in open_positions])
        over = [i for i, part in zip(open_positions, split, strict=True) if part > caps[i]]
        if not over:
            for i, part in zip(open_positions, split, strict=True):
                parts[i] = part
            break
        for i in over:
            parts[i] = caps[i]
            left -= caps[i]
        open_positions = [i for i in open_positions if parts[i] == 0]
    return parts


def normalize_code(text: str) -> str:
    """Normalize a typed code: strip surrounding whitespace and uppercase it."""
    return text.strip().upper()
