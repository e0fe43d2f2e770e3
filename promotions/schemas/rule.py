"""A whole promotion in the rule format; its conditions and benefit load through the registry.

`RuleSchema().load(document)` returns a clean, JSON-ready rule (codes normalized,
dates as UTC ISO-8601 strings, percentages as JSON numbers) that
`promotions.engine.promotion_from_rule` accepts and the `promotions.rule` column
stores. Loading a clean rule again gives the same rule, so PATCH merges a partial
document over the stored one and validates the whole. Unknown types and fields are
refused with messages that name them.
"""

from datetime import UTC

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
from promotions.engine import DiscountClass, Stacking, Trigger

from .fields import Cents, CodeText, Count, Names
from .registry import BENEFIT_SCHEMAS, CONDITION_SCHEMAS, TypedRule

__all__ = ["PromotionIn", "RuleSchema", "to_rule"]


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
