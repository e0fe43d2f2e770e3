"""A promotion's rule in one plain sentence, for merchants who never read the rule format.

"$50 off orders of $200 or more with code BNR41921, once per customer, until Dec 31".
Pure: a rule document (promotions.schemas format) in, a string out; the caller passes
the store's time zone and, if it has them, display names for department slugs.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["summarise_rule"]


def dollars(cents: int) -> str:
    """$50, $12.50: whole dollars lose their cents."""
    return f"${cents // 100:,}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


def percent(value: Any) -> str:
    number = Decimal(str(value)).normalize()
    return f"{number:f}%"


def _either(words: list[str], joiner: str = "or") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {joiner} {words[-1]}"


def _items(eligible: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    """What the promotion covers, e.g. "CBD items" / "items tagged vegan"; None for everything."""
    parts = []
    departments = [names.get(slug, slug) for slug in eligible.get("departments") or ()]
    if departments:
        parts.append(f"{_either(departments)} items")
    if eligible.get("products"):
        parts.append(_either(list(eligible["products"])))
    if eligible.get("tags"):
        parts.append(f"items tagged {_either(list(eligible['tags']))}")
    excluded = [names.get(slug, slug) for slug in eligible.get("exclude_departments") or ()]
    excluded += list(eligible.get("exclude_products") or ())
    excluded += [f"tagged {tag}" for tag in eligible.get("exclude_tags") or ()]
    covered = _either(parts) if parts else None
    if excluded:
        covered = f"{covered or 'everything'} except {_either(excluded)}"
    return covered


def _min_subtotal(rule: Mapping[str, Any]) -> int | None:
    for condition in rule.get("conditions") or ():
        if condition.get("type") == "min_subtotal":
            return condition["amount_cents"]
    return None


def _benefit(benefit: Mapping[str, Any], items: str | None, threshold: int | None) -> str:
    kind = benefit.get("type")
    if items:
        target = items
    elif threshold is not None:
        target = f"orders of {dollars(threshold)} or more"
    else:
        target = "your order"
    if kind == "amount_off_order":
        text = f"{dollars(benefit['amount_cents'])} off {target}"
    elif kind == "percent_off":
        text = f"{percent(benefit['percent'])} off {target}"
    elif kind == "amount_off_each":
        text = f"{dollars(benefit['amount_cents'])} off each of {items or 'your items'}"
    elif kind == "fixed_price_each":
        text = f"{items or 'every item'} for {dollars(benefit['price_cents'])} each"
    elif kind == "buy_x_get_y":
        share = benefit.get("percent", 100)
        reward = "free" if Decimal(str(share)) == 100 else f"at {percent(share)} off"
        text = f"buy {benefit['buy']}, get {benefit['get']} {reward}"
        text += f" on {items}" if items else ""
        text += "" if benefit.get("repeat", True) else " (once per order)"
    elif kind == "tiered":
        steps = [
            f"{dollars(tier['amount_cents']) if tier.get('amount_cents') else percent(tier['percent'])}"
            f" off {dollars(tier['min_subtotal_cents'])} or more"
            for tier in benefit["tiers"]
        ]
        text = f"{'; '.join(steps)} on {items or 'your order'}"
    elif kind == "shipping":
        if benefit.get("percent") is not None and Decimal(str(benefit["percent"])) == 100:
            text = "free shipping"
        elif benefit.get("percent") is not None:
            text = f"{percent(benefit['percent'])} off shipping"
        else:
            text = f"{dollars(benefit['amount_cents'])} off shipping"
        if threshold is not None:
            text += f" on orders of {dollars(threshold)} or more"
    elif kind == "free_gift":
        text = f"a free gift ({benefit.get('quantity', 1)} × {benefit['sku']})"
        text += f" with {target}" if items or threshold is not None else ""
    else:
        text = "a discount"
    if benefit.get("max_discount_cents") is not None:
        text += f" (up to {dollars(benefit['max_discount_cents'])})"
    return text


def _conditions(rule: Mapping[str, Any], items: str | None) -> list[str]:
    phrases = []
    for condition in rule.get("conditions") or ():
        kind = condition.get("type")
        if kind == "min_subtotal" and items:
            phrases.append(f"when they add up to {dollars(condition['amount_cents'])} or more")
        elif kind == "min_quantity":
            phrases.append(f"when you buy {condition['quantity']} or more")
        elif kind == "first_order":
            phrases.append("on a first order")
        elif kind == "customer_emails":
            phrases.append("for selected customers")
        elif kind == "weekly_window":
            days = ", ".join(day.capitalize() for day in condition["days"])
            phrases.append(f"on {days} {condition['start']}–{condition['end']}")
        elif kind == "regions":
            if condition.get("include"):
                phrases.append(f"shipping to {_either(list(condition['include']))}")
            if condition.get("exclude"):
                phrases.append(f"not shipping to {_either(list(condition['exclude']))}")
    return phrases


def _codes(rule: Mapping[str, Any]) -> str | None:
    if rule.get("trigger") != "code":
        return None
    codes = list(rule.get("codes") or ())
    if not codes:
        return "with a personal code"
    if len(codes) == 1:
        return f"with code {codes[0]}"
    return f"with code {_either(codes[:3])}" + (f" (+{len(codes) - 3} more)" if len(codes) > 3 else "")


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
    items = _items(rule.get("eligible") or {}, names)
    threshold = _min_subtotal(rule)
    parts = [_benefit(rule.get("benefit") or {}, items, threshold)]
    parts += _conditions(rule, items)
    code = _codes(rule)
    head = " ".join([parts[0], *parts[1:]] + ([code] if code else []))
    tail = _limits(rule) + _dates(rule, zone, now)
    if rule.get("stacking") == "exclusive":
        tail.append("not combined with other offers")
    sentence = ", ".join([head, *tail])
    return sentence[:1].upper() + sentence[1:]
