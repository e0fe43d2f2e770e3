"""A compiled index of active promotions, so pricing looks only at what could apply.

Code promotions are found by normalized code; automatic promotions by what
they target (sku, department, tag), with promotions that have no include
filter in an "all items" bucket. Looking up a cart costs in proportion to
its lines and the promotions that touch them, not to the size of the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .cart import CartLine, CartSnapshot
from .money import normalize_code
from .rules import Code, Promotion, Trigger

__all__ = ["Candidate", "PromotionIndex"]


class Candidate(NamedTuple):
    """A promotion that could apply, the code that switched it on, and its eligible lines."""

    promotion: Promotion
    code: Code | None
    positions: tuple[int, ...]  # eligible lines, as positions in the lines given


class PromotionIndex:
    """Active promotions in priority order, indexed by code and by target."""

    __slots__ = ("promotions", "_by_code", "_by_sku", "_by_department", "_by_tag", "_all_items")

    def __init__(self, promotions: Sequence[Promotion]) -> None:
        self.promotions: tuple[Promotion, ...] = tuple(sorted(promotions, key=lambda p: p.sort_key))
        ids = {p.id for p in self.promotions}
        if len(ids) != len(self.promotions):
            raise ValueError("promotion ids must be unique")
        self._by_code: dict[str, tuple[int, Code]] = {}
        by_sku: dict[str, list[int]] = {}
        by_department: dict[str, list[int]] = {}
        by_tag: dict[str, list[int]] = {}
        all_items: list[int] = []
        for rank, promotion in enumerate(self.promotions):
            if promotion.trigger is Trigger.CODE:
                for code in promotion.codes:
                    # The higher-priority promotion keeps a code that is (wrongly) shared.
                    self._by_code.setdefault(code.text, (rank, code))
                continue
            eligibility = promotion.eligibility
            if not eligibility.has_includes:
                all_items.append(rank)
                continue
            for target, bucket in (
                (eligibility.products, by_sku),
                (eligibility.departments, by_department),
                (eligibility.tags, by_tag),
            ):
                for key in target:
                    bucket.setdefault(key, []).append(rank)
        self._by_sku = {key: tuple(ranks) for key, ranks in by_sku.items()}
        self._by_department = {key: tuple(ranks) for key, ranks in by_department.items()}
        self._by_tag = {key: tuple(ranks) for key, ranks in by_tag.items()}
        self._all_items = tuple(all_items)

    @classmethod
    def build(cls, promotions: Iterable[Promotion]) -> PromotionIndex:
        """Compile `promotions` (assumed active or scheduled) into an index."""
        return cls(tuple(promotions))

    def __len__(self) -> int:
        return len(self.promotions)

    def __repr__(self) -> str:
        return f"PromotionIndex({len(self.promotions)} promotions)"

    def find_code(self, code: str) -> tuple[Promotion, Code] | None:
        """The promotion and code for a typed code, or None."""
        found = self._by_code.get(normalize_code(code))
        if found is None:
            return None
        rank, matched = found
        return self.promotions[rank], matched

    def candidates(self, cart: CartSnapshot, codes: Iterable[str]) -> list[Promotion]:
        """Promotions that could apply to `cart` with `codes` entered, in priority order."""
        lines = sorted(cart.lines, key=lambda line: line.sku)
        normalized = list(dict.fromkeys(normalize_code(code) for code in codes))
        return [candidate.promotion for candidate in self.gather(lines, normalized)]

    def gather(self, lines: Sequence[CartLine], codes: Sequence[str]) -> list[Candidate]:
        """Candidates for `lines` and normalized `codes`, in priority order, with eligible positions."""
        hits: dict[int, list[int]] = {}
        by_sku, by_department, by_tag = self._by_sku, self._by_department, self._by_tag
        for position, line in enumerate(lines):
            buckets = [by_sku.get(line.sku), by_department.get(line.department)]
            buckets.extend(by_tag.get(tag) for tag in line.tags)
            for bucket in buckets:
                if not bucket:
                    continue
                for rank in bucket:
                    seen = hits.get(rank)
                    if seen is None:
                        hits[rank] = [position]
                    elif seen[-1] != position:
                        seen.append(position)
        entered: dict[int, Code] = {}
        for text in codes:
            found = self._by_code.get(text)
            if found is not None and found[0] not in entered:
                entered[found[0]] = found[1]
        ranks = sorted({*hits, *self._all_items, *entered})
        promotions = self.promotions
        result = []
        everything = range(len(lines))
        for rank in ranks:
            promotion = promotions[rank]
            eligibility = promotion.eligibility
            seen = hits.get(rank)
            if seen is None:  # all-items or code promotion: filter every line
                positions = tuple(i for i in everything if eligibility.matches(lines[i]))
            elif eligibility.has_excludes:
                positions = tuple(i for i in seen if not eligibility.excludes(lines[i]))
            else:
                positions = tuple(seen)
            result.append(Candidate(promotion, entered.get(rank), positions))
        return result
