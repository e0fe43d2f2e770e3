"""The schemas of the condition types, each under its engine type name."""

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from .fields import Cents, Count
from .registry import TypeSchema, rule_schema

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@rule_schema("min_subtotal")
class MinSubtotalSchema(TypeSchema):
    amount_cents = Cents(required=True)


@rule_schema("min_quantity")
class MinQuantitySchema(TypeSchema):
    quantity = Count(required=True)


@rule_schema("first_order")
class FirstOrderSchema(TypeSchema):
    pass


@rule_schema("customer_emails")
class CustomerEmailsSchema(TypeSchema):
    emails = fields.List(fields.Email(), required=True, validate=validate.Length(1, 10_000))

    @post_load
    def _lower(self, data, **kwargs):
        data["emails"] = sorted({email.strip().lower() for email in data["emails"]})
        return data


@rule_schema("weekly_window")
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


@rule_schema("regions")
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
