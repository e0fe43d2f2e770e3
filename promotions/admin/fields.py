"""Fields of the promotion form that speak the rule format: percentages and spend tiers."""

from decimal import Decimal, InvalidOperation

from wtforms import StringField, TextAreaField


def _percent(text: str | None):
    """"20" or "12.5" as a JSON number; anything else passes through for the schema to refuse."""
    if text in (None, ""):
        return None
    try:
        value = Decimal(str(text).strip().rstrip("%"))
    except InvalidOperation:
        return str(text)
    return int(value) if value == value.to_integral_value() else float(value)


class PercentField(StringField):
    """A percentage typed as "20" or "12.5%"; `data` is a JSON number."""

    def process_formdata(self, valuelist):
        self.data = _percent(valuelist[0] if valuelist else None)

    def _value(self):
        return self.raw_data[0] if self.raw_data else ("" if self.data is None else str(self.data))


class TiersField(TextAreaField):
    """One tier a line: "spend 100.00 get 10%" or "100 $15" → rule tiers."""

    def process_formdata(self, valuelist):
        self.text = valuelist[0] if valuelist else ""
        tiers = []
        for number, line in enumerate(self.text.splitlines(), start=1):
            words = line.lower().replace("spend", "").replace("get", "").replace("off", "").split()
            if not words:
                continue
            if len(words) != 2:
                raise ValueError(f"Line {number}: write the threshold and the discount, e.g. 100 10%.")
            threshold, reward = words
            try:
                tier = {"min_subtotal_cents": int(Decimal(threshold.lstrip("$")) * 100)}
                if reward.endswith("%"):
                    tier["percent"] = _percent(reward)
                else:
                    tier["amount_cents"] = int(Decimal(reward.lstrip("$")) * 100)
            except (InvalidOperation, ValueError):
                raise ValueError(f"Line {number}: use amounts like 100 and 10% or $15.") from None
            tiers.append(tier)
        self.data = tiers

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        lines = []
        for tier in self.data or []:
            reward = f"{tier['percent']}%" if tier.get("percent") is not None else f"${tier['amount_cents'] / 100:.2f}"
            lines.append(f"{tier['min_subtotal_cents'] / 100:.2f} {reward}")
        return "\n".join(lines)
