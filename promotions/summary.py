"""A promotion's rule in one plain sentence, for merchants who never read the rule format.

"$50 off orders of $200 or more with code BNR41921, once per customer, until Dec 31".
Pure: a validated rule document (promotions.schemas format) in, a string out; the caller
passes the store's time zone and, if it has them, display names for department slugs.
The benefit and each condition describe themselves (their engine class's `describe`);
this module adds what every promotion has: the items it covers, codes, limits and dates.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from promotions.engine import promotion_from_rule
from promotions.engine.conditions import MinSubtotal
from promotions.engine.wording import Words, dollars, either

__all__ = ["summarise_rule"]


def _items(eligible: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    """What the promotion covers, e.g. "CBD items" / "items tagged vegan"; None for everything."""
    parts = []
    departments = [names.get(slug, slug) for slug in eligible.get("departments") or ()]
    if departments:
        parts.append(f"{either(departments)} items")
    if eligible.get("products"):
        parts.append(either(list(eligible["products"])))
    if eligible.get("tags"):
        parts.append(f"items tagged {either(list(eligible['tags']))}")
    excluded = [names.get(slug, slug) for slug in eligible.get("exclude_departments") or ()]
    excluded += list(eligible.get("exclude_products") or ())
    excluded += [f"tagged {tag}" for tag in eligible.get("exclude_tags") or ()]
    covered = either(parts) if parts else None
    if excluded:
        covered = f"{covered or 'everything'} except {either(excluded)}"
    return covered


def _codes(rule: Mapping[str, Any]) -> str | None:
    if rule.get("trigger") != "code":
        return None
    codes = list(rule.get("codes") or ())
    if not codes:
        return "with a personal code"
    if len(codes) == 1:
        return f"with code {codes[0]}"
    return f"with code {either(codes[:3])}" + (f" (+{len(codes) - 3} more)" if len(codes) > 3 else "")


def _limits(rule: Mapping[str, Any]) -> list[str]:
    phrases = []
    per_customer = rule.get("usage_limit_per_customer")
    if per_customer == 1:
        phrases.append("once per customer")
    elif per_customer:
        phrases.append(f"up to {per_customer} times per customer")
    if rule.get("usage_limit"):
        phrases.append(f"for the first {rule['usage_limit']:,} orders")
    if rule.get("budget_cents") is not None:
        phrases.append(f"while {dollars(rule['budget_cents'])} of discounts last")
    return phrases


def _day(moment: datetime, zone: ZoneInfo, year: bool) -> str:
    local = moment.astimezone(zone)
    text = f"{local:%b} {local.day}"
    if local.hour or local.minute:
        text += f", {local:%H:%M}"
    return f"{text}, {local.year}" if year else text


def _dates(rule: Mapping[str, Any], zone: ZoneInfo, now: datetime | None) -> list[str]:
    def parse(value):
        return datetime.fromisoformat(value) if isinstance(value, str) else value

    starts, ends = parse(rule.get("starts_at")), parse(rule.get("ends_at"))
    this_year = (now or datetime.now(zone)).astimezone(zone).year
    phrases = []
    if starts is not None and (now is None or starts > now):
        phrases.append(f"from {_day(starts, zone, starts.astimezone(zone).year != this_year)}")
    if ends is not None:
        # The end is exclusive: a midnight end means "until the end of the day before".
        local = ends.astimezone(zone)
        last = local - timedelta(days=1) if (local.hour, local.minute) == (0, 0) else local
        phrases.append(f"until {_day(last, zone, last.year != this_year)}")
    return phrases


def summarise_rule(
    rule: Mapping[str, Any],
    *,
    timezone: str = "America/New_York",
    names: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> str:
    """The rule as one sentence, dates in `timezone`, departments by their `names`."""
    names = names or {}
    zone = ZoneInfo(timezone)
    promotion = promotion_from_rule(rule, promotion_id=0)
    threshold = next(
        (c.amount_cents for c in promotion.conditions if isinstance(c, MinSubtotal)), None
    )
    words = Words(_items(rule.get("eligible") or {}, names), threshold, names)
    phrases = [promotion.benefit.describe(words)]
    phrases += [condition.describe(words) for condition in promotion.conditions]
    head = " ".join(filter(None, [*phrases, _codes(rule)]))
    tail = _limits(rule) + _dates(rule, zone, now)
    if rule.get("stacking") == "exclusive":
        tail.append("not combined with other offers")
    sentence = ", ".join([head, *tail])
    return sentence[:1].upper() + sentence[1:]
