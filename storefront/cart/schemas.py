"""Cart input and output schemas; output money fields are integer cents and dump-only."""

from marshmallow import Schema, fields, validate

from core.fields import Quantity, Sku


class AddLineSchema(Schema):
    sku = Sku(required=True)
    quantity = Quantity(load_default=1)


class QuantitySchema(Schema):
    quantity = Quantity(required=True)


class CodeSchema(Schema):
    code = fields.String(
        required=True,
        validate=[validate.Length(1, 64), validate.Regexp(r"^\s*\S", error="Enter a code.")],
    )


class LineOut(Schema):
    """A priced line, in a cart or in a placed order: the same fields, the same meaning."""

    sku = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    quantity = fields.Integer(dump_only=True)
    unit_price_cents = fields.Integer(dump_only=True)
    subtotal_cents = fields.Integer(dump_only=True)
    discount_cents = fields.Integer(dump_only=True)
    total_cents = fields.Integer(dump_only=True)


class DiscountShareOut(Schema):
    sku = fields.String(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)


class DiscountOut(Schema):
    promotion_id = fields.Integer(dump_only=True)
    promotion = fields.String(dump_only=True)
    code = fields.String(dump_only=True, allow_none=True)
    discount_class = fields.String(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)
    lines = fields.List(fields.Nested(DiscountShareOut), dump_only=True)


class GiftOut(Schema):
    """A free gift: at $0 (never in the totals), its retail value, the promotion that gave it."""

    sku = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    quantity = fields.Integer(dump_only=True)
    unit_price_cents = fields.Integer(dump_only=True)
    total_cents = fields.Integer(dump_only=True)
    value_cents = fields.Integer(dump_only=True)
    promotion_id = fields.Integer(dump_only=True)
    promotion = fields.String(dump_only=True)
    code = fields.String(dump_only=True, allow_none=True)


class TotalsOut(Schema):
    """What a cart or an order adds up to: a cart and the order placed from it say it alike."""

    subtotal_cents = fields.Integer(dump_only=True)
    discount_cents = fields.Integer(dump_only=True)
    shipping_cents = fields.Integer(dump_only=True)
    shipping_discount_cents = fields.Integer(dump_only=True)
    tax_cents = fields.Integer(dump_only=True)
    total_cents = fields.Integer(dump_only=True)


class CartOut(TotalsOut):
    token = fields.String(dump_only=True)
    lines = fields.List(fields.Nested(LineOut), dump_only=True)
    codes = fields.List(fields.String(), dump_only=True)
    discounts = fields.List(fields.Nested(DiscountOut), dump_only=True)
    item_count = fields.Integer(dump_only=True)
    messages = fields.List(fields.String(), dump_only=True)
    gifts = fields.List(fields.Nested(GiftOut), dump_only=True)


class RepricedCart(CartOut):
    """The cart as it prices now, in checkout's 409: `fingerprint` confirms what was seen."""

    fingerprint = fields.String(dump_only=True)
