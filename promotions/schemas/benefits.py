"""The schemas of the benefit types, each under its engine type name."""

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.fields import WholeNumber

from .fields import Cents, Percent
from .registry import TypeSchema, rule_schema


class Capped(TypeSchema):
    """A benefit the merchant may cap: `max_discount_cents` per order."""

    max_discount_cents = Cents(allow_none=True)


@rule_schema("amount_off_order")
class AmountOffOrderSchema(Capped):
    amount_cents = Cents(1, required=True)


@rule_schema("percent_off")
class PercentOffSchema(Capped):
    percent = Percent(required=True)


@rule_schema("amount_off_each")
class AmountOffEachSchema(Capped):
    amount_cents = Cents(1, required=True)


@rule_schema("fixed_price_each")
class FixedPriceEachSchema(Capped):
    price_cents = Cents(required=True)


@rule_schema("buy_x_get_y")
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


@rule_schema("tiered")
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


@rule_schema("shipping")
class ShippingSchema(Capped):
    percent = Percent()
    amount_cents = Cents(1)

    @validates_schema
    def _one_amount(self, data, **kwargs):
        if ("percent" in data) == ("amount_cents" in data):
            raise ValidationError("Give shipping either percent or amount_cents.", "percent")


@rule_schema("free_gift")
class FreeGiftSchema(TypeSchema):
    """A product (by SKU) added at $0; never money off, so nothing to cap."""

    sku = fields.String(required=True, validate=validate.Length(1, 64))
    quantity = WholeNumber(load_default=1, validate=validate.Range(1, 100))

    @post_load
    def _strip(self, data, **kwargs):
        data["sku"] = data["sku"].strip()
        return data
