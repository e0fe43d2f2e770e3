"""The rule format as marshmallow schemas: one schema per condition and benefit type.

`RuleSchema().load(document)` returns a clean, JSON-ready rule (codes normalized,
dates as UTC ISO-8601 strings, percentages as JSON numbers) that
`promotions.engine.promotion_from_rule` accepts and the `promotions.rule` column
stores. Loading a clean rule again gives the same rule, so PATCH merges a partial
document over the stored one and validates the whole. Unknown types and fields are
refused with messages that name them.
"""

import re
from datetime import UTC
from decimal import Decimal, InvalidOperation

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from core.fields import WholeNumber
from promotions.engine import DiscountClass, Stacking, Trigger, normalize_code

__all__ = [
    "BENEFIT_SCHEMAS",
    "CONDITION_SCHEMAS",
    "CodeText",
    "RuleSchema",
    "to_rule",
]

MAX_CENTS = 100_000_000
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,39}$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def Cents(minimum: int = 0, **kwargs) -> WholeNumber:
    return WholeNumber(validate=validate.Range(minimum, MAX_CENTS), **kwargs)


def Count(**kwargs) -> WholeNumber:
    return WholeNumber(validate=validate.Range(1, 1_000_000_000), **kwargs)


def Names(**kwargs) -> fields.List:
    return fields.List(
        fields.String(validate=validate.Length(1, 80)),
        validate=validate.Length(max=1000),
        load_default=list,
        **kwargs,
    )


class Percent(fields.Field):
    """A JSON number above 0 and at most 100 with up to two decimals; stays a JSON number."""

    default_error_messages = {
        "invalid": "Enter a percentage above 0 and at most 100, with up to two decimals."
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        try:
            exact = Decimal(str(value))
        except InvalidOperation as error:
            raise self.make_error("invalid") from error
        if not exact.is_finite() or not 0 < exact <= 100 or exact != exact.quantize(Decimal("0.01")):
            raise self.make_error("invalid")
        return int(exact) if exact == exact.to_integral_value() else value


class CodeText(fields.String):
    """A code as shoppers type it, stored normalized (trimmed, uppercase)."""

    default_error_messages = {
        "code": "Codes are 3 to 40 letters, digits, hyphens or underscores."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", validate.Length(1, 64))
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = normalize_code(super()._deserialize(value, attr, data, **kwargs))
        if not CODE_PATTERN.match(text):
            raise self.make_error("code")
        return text


class TypeSchema(Schema):
    """Base of every condition and benefit schema: `type` is checked by TypedRule."""


class Capped(TypeSchema):
    max_discount_cents = Cents(allow_none=True)


# --- conditions -------------------------------------------------------------------------


class MinSubtotalSchema(TypeSchema):
    amount_cents = Cents(required=True)


class MinQuantitySchema(TypeSchema):
    quantity = Count(required=True)


class FirstOrderSchema(TypeSchema):
    pass


class CustomerEmailsSchema(TypeSchema):
    emails = fields.List(fields.Email(), required=True, validate=validate.Length(1, 10_000))

    @post_load
    def _lower(self, data, **kwargs):
        data["emails"] = sorted({email.strip().lower() for email in data["emails"]})
        return data


class WeeklyWindowSchema(TypeSchema):
    days = fields.List(
        fields.String(validate=validate.OneOf(DAYS)), required=True, validate=validate.Length(1, 7)
    )
    start = fields.String(
        required=True, validate=validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Use HH:MM.")
    )
    end = fields.String(
        required=True,
        validate=validate.Regexp(r"^(([01]\d|2[0-3]):[0-5]\d|24:00)$", error="Use HH:MM."),
    )


class RegionsSchema(TypeSchema):
    include = fields.List(fields.String(validate=validate.Length(1, 10)), load_default=list)
    exclude = fields.List(fields.String(validate=validate.Length(1, 10)), load_default=list)

    @validates_schema
    def _some_region(self, data, **kwargs):
        if not data.get("include") and not data.get("exclude"):
            raise ValidationError("List regions to include or exclude.", "include")

    @post_load
    def _upper(self, data, **kwargs):
        return {key: [region.strip().upper() for region in data[key]] for key in data}


CONDITION_SCHEMAS: dict[str, type[Schema]] = {
    "min_subtotal": MinSubtotalSchema,
    "min_quantity": MinQuantitySchema,
    "first_order": FirstOrderSchema,
    "customer_emails": CustomerEmailsSchema,
    "weekly_window": WeeklyWindowSchema,
    "regions": RegionsSchema,
}


# --- benefits ---------------------------------------------------------------------------


class AmountOffOrderSchema(Capped):
    amount_cents = Cents(1, required=True)


class PercentOffSchema(Capped):
    percent = Percent(required=True)


class AmountOffEachSchema(Capped):
    amount_cents = Cents(1, required=True)


class FixedPriceEachSchema(Capped):
    price_cents = Cents(required=True)


class BuyXGetYSchema(Capped):
    buy = WholeNumber(required=True, validate=validate.Range(1, 1000))
    get = WholeNumber(required=True, validate=validate.Range(1, 1000))
    percent = Percent(load_default=100)
    repeat = fields.Boolean(load_default=True)


class TierSchema(Schema):
    min_subtotal_cents = Cents(required=True)
    amount_cents = Cents(1)
    percent = Percent()

    @validates_schema
    def _one_amount(self, data, **kwargs):
        if ("amount_cents" in data) == ("percent" in data):
            raise ValidationError("Give a tier either amount_cents or percent.", "amount_cents")


class TieredSchema(Capped):
    tiers = fields.List(fields.Nested(TierSchema), required=True, validate=validate.Length(1, 20))

    @validates_schema
    def _distinct(self, data, **kwargs):
        thresholds = [tier["min_subtotal_cents"] for tier in data.get("tiers", [])]
        if len(set(thresholds)) != len(thresholds):
            raise ValidationError("Each tier needs its own min_subtotal_cents.", "tiers")

    @post_load
    def _ascending(self, data, **kwargs):
        data["tiers"] = sorted(data["tiers"], key=lambda tier: tier["min_subtotal_cents"])
        return data


class ShippingSchema(Capped):
    percent = Percent()
    amount_cents = Cents(1)

    @validates_schema
    def _one_amount(self, data, **kwargs):
        if ("percent" in data) == ("amount_cents" in data):
            raise ValidationError("Give shipping either percent or amount_cents.", "percent")


class FreeGiftSchema(TypeSchema):
    """A product (by SKU) added at $0; never money off, so nothing to cap."""

    sku = fields.String(required=True, validate=validate.Length(1, 64))
    quantity = WholeNumber(load_default=1, validate=validate.Range(1, 100))

    @post_load
    def _strip(self, data, **kwargs):
        data["sku"] = data["sku"].strip()
        return data


BENEFIT_SCHEMAS: dict[str, type[Schema]] = {
    "amount_off_order": AmountOffOrderSchema,
    "percent_off": PercentOffSchema,
    "amount_off_each": AmountOffEachSchema,
    "fixed_price_each": FixedPriceEachSchema,
    "buy_x_get_y": BuyXGetYSchema,
    "tiered": TieredSchema,
    "shipping": ShippingSchema,
    "free_gift": FreeGiftSchema,
}


class TypedRule(fields.Field):
    """A condition or benefit: `type` picks the schema from `registry`, which loads the rest."""

    def __init__(self, registry: dict[str, type[Schema]], kind: str, **kwargs):
        super().__init__(**kwargs)
        self.registry = registry
        self.kind = kind

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ValidationError(f"A {self.kind} is an object with a type.")
        type_name = value.get("type")
        schema = self.registry.get(type_name) if isinstance(type_name, str) else None
        if schema is None:
            known = ", ".join(sorted(self.registry))
            raise ValidationError(
                {"type": [f"Unknown {self.kind} type {type_name!r}. Known types: {known}."]}
            )
        rest = {key: item for key, item in value.items() if key != "type"}
        return {"type": type_name, **schema().load(rest)}


class EligibleSchema(Schema):
    departments = Names()
    products = Names()
    tags = Names()
    exclude_departments = Names()
    exclude_products = Names()
    exclude_tags = Names()


class RuleSchema(Schema):
    """A whole promotion in the rule format (README: "Rule format")."""

    name = fields.String(required=True, validate=validate.Length(1, 200))
    description = fields.String(load_default="", validate=validate.Length(max=5000))
    terms = fields.String(load_default="", validate=validate.Length(max=5000))
    trigger = fields.String(required=True, validate=validate.OneOf([t.value for t in Trigger]))
    codes = fields.List(CodeText(), load_default=list, validate=validate.Length(max=100))
    priority = WholeNumber(load_default=0, validate=validate.Range(-1_000_000, 1_000_000))
    stacking = fields.String(
        load_default=Stacking.COMBINABLE.value, validate=validate.OneOf([s.value for s in Stacking])
    )
    combines_with = fields.List(
        fields.String(validate=validate.OneOf([c.value for c in DiscountClass])),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=3),
    )
    starts_at = fields.AwareDateTime(load_default=None, allow_none=True)
    ends_at = fields.AwareDateTime(load_default=None, allow_none=True)
    usage_limit = Count(load_default=None, allow_none=True)
    usage_limit_per_customer = Count(load_default=None, allow_none=True)
    budget_cents = Cents(load_default=None, allow_none=True)
    banner = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))
    show_in_banner = fields.Boolean(load_default=None, allow_none=True)
    eligible = fields.Nested(EligibleSchema, load_default=dict)
    conditions = fields.List(
        TypedRule(CONDITION_SCHEMAS, "condition"), load_default=list, validate=validate.Length(max=20)
    )
    benefit = TypedRule(BENEFIT_SCHEMAS, "benefit", required=True)

    @validates_schema
    def _consistent(self, data, **kwargs):
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            raise ValidationError("The end must be after the start.", "ends_at")
        if data.get("trigger") == Trigger.AUTOMATIC and data.get("codes"):
            raise ValidationError("Automatic promotions don't take codes.", "codes")
        codes = data.get("codes") or []
        if len(set(codes)) != len(codes):
            raise ValidationError("A code is listed twice.", "codes")

    @post_load
    def _json_ready(self, data, **kwargs):
        for key in ("starts_at", "ends_at"):
            if data.get(key) is not None:
                data[key] = data[key].astimezone(UTC).isoformat()
        if "eligible" in data:
            data["eligible"] = {key: value for key, value in data["eligible"].items() if value}
        if data.get("combines_with") is not None:
            data["combines_with"] = list(dict.fromkeys(data["combines_with"]))
        if "banner" in data and data.get("show_in_banner") is None:
            data["show_in_banner"] = data["banner"] is not None
        return data


READ_ONLY = ("id", "times_used", "given_cents", "created_at", "updated_at", "display_status")


class PromotionIn(RuleSchema):
    """Admin input: the rule plus the status the merchant may set; server fields refused."""

    status = fields.String(validate=validate.OneOf(["draft", "active", "paused"]))

    @pre_load
    def _read_only(self, data, **kwargs):
        if isinstance(data, dict):
            sent = [key for key in READ_ONLY if key in data]
            if sent:
                raise ValidationError({key: ["Read-only: set by the server."] for key in sent})
        return data


def to_rule(promotion) -> dict:
    """The rule-format document of a stored promotion (a copy, safe to change)."""
    return RuleSchema().load(promotion.rule)
