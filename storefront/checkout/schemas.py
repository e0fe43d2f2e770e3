"""Checkout input (address, method, card) and order output; unknown fields are refused."""

import re
from datetime import UTC, datetime

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from core.fields import UtcDateTime, WholeNumber
from storefront.cart.schemas import GiftOut, LineOut, TotalsOut
from storefront.cart.shipping import ShippingMethod
from storefront.checkout.zip_codes import state_of_zip

_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
US_REGIONS = frozenset(_STATES.split(" "))
_SEPARATORS = re.compile(r"[\s-]")


def luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _valid_card_number(value: str) -> bool:
    number = _SEPARATORS.sub("", value)
    if not (number.isdigit() and 12 <= len(number) <= 19 and luhn_ok(number)):
        raise ValidationError("Enter a valid card number.")
    return True


def _text(max_length: int, *, required: bool = True, message: str = "This field is required.") -> fields.String:
    return fields.String(
        required=required,
        validate=[
            validate.Length(min=1 if required else 0, error=message),
            validate.Length(max=max_length, error=f"Use at most {max_length} characters."),
        ],
        error_messages={"required": message},
    )


class AddressSchema(Schema):
    name = _text(120, message="Enter the recipient's name.")
    line1 = _text(200, message="Enter the street address.")
    line2 = _text(200, required=False)
    city = _text(120, message="Enter the city.")
    region = fields.String(
        required=True,
        validate=validate.OneOf(sorted(US_REGIONS), error="Choose a US state."),
        error_messages={"required": "Choose a state."},
    )
    postal_code = fields.String(
        required=True,
        validate=validate.Regexp(r"^\d{5}(-\d{4})?$", error="Enter a 5-digit ZIP code."),
        error_messages={"required": "Enter the ZIP code."},
    )
    country = fields.String(
        load_default="US", validate=validate.OneOf(["US"], error="We ship within the United States only.")
    )

    @pre_load
    def tidy(self, data, **_):
        if not isinstance(data, dict):
            return data
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        for key in ("region", "country"):
            if isinstance(cleaned.get(key), str):
                cleaned[key] = cleaned[key].upper()
        if cleaned.get("name") == "":
            cleaned.pop("name")
        return cleaned

    @validates_schema
    def zip_matches_state(self, data, **_):
        region, postal_code = data.get("region"), data.get("postal_code")
        if not region or not postal_code:
            return
        actual = state_of_zip(postal_code)
        if actual is not None and actual != region:
            raise ValidationError(
                f"ZIP code {postal_code[:5]} is in {actual}, not {region}. Check the ZIP code and the state.",
                "postal_code",
            )


class CardSchema(Schema):
    card_number = fields.String(
        required=True,
        validate=[validate.Length(max=32), _valid_card_number],
        error_messages={"required": "Enter the card number."},
    )
    exp_month = WholeNumber(
        required=True, validate=validate.Range(1, 12, error="Enter a month from 1 to 12.")
    )
    exp_year = WholeNumber(
        required=True, validate=validate.Range(2000, 2100, error="Enter a four-digit year.")
    )
    cvc = fields.String(
        required=True,
        validate=validate.Regexp(r"^\d{3,4}$", error="Enter the 3 or 4 digit security code."),
        error_messages={"required": "Enter the security code."},
    )

    @validates_schema
    def card_checks(self, data, **_):
        if "exp_month" in data and "exp_year" in data:
            now = datetime.now(UTC)
            if (data["exp_year"], data["exp_month"]) < (now.year, now.month):
                raise ValidationError("This card has expired.", "exp_year")

    @post_load
    def digits_only(self, data, **_):
        data["card_number"] = _SEPARATORS.sub("", data["card_number"])
        return data


class DetailsSchema(Schema):
    """Step one of the form flow: who, where, how fast."""

    email = fields.Email(required=True, validate=validate.Length(max=254),
                         error_messages={"required": "Enter your email address.", "invalid": "Enter a valid email address."})
    shipping_address = fields.Nested(AddressSchema, required=True)
    shipping_method = fields.Enum(ShippingMethod, by_value=True, load_default=ShippingMethod.STANDARD,
                                  error_messages={"unknown": "Choose standard or express shipping."})

    @post_load
    def lower_email(self, data, **_):
        data["email"] = data["email"].strip().lower()
        return data


class CheckoutSchema(DetailsSchema):
    """The whole order request; `expected_total_cents`/`fingerprint` say what the shopper last saw."""

    payment = fields.Nested(CardSchema, required=True)
    age_confirmed = fields.Boolean(load_default=False)
    expected_total_cents = WholeNumber(load_default=None, allow_none=True)
    fingerprint = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))


class OrderLookupSchema(Schema):
    email = fields.Email(
        required=True,
        validate=validate.Length(max=254),
        error_messages={"required": "Enter the email used for the order."},
    )
    number = fields.String(required=True, validate=validate.Length(1, 20),
                           error_messages={"required": "Enter the order number."})


class OrderDiscountOut(Schema):
    promotion = fields.String(attribute="name", dump_only=True)
    code = fields.String(dump_only=True, allow_none=True)
    discount_class = fields.String(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)


class OrderGiftOut(GiftOut):
    """A free gift as sold: an order line at $0 and the promotion row that recorded its value."""

    promotion_id = fields.Integer(attribute="gift_promotion_id", dump_only=True)
    value_cents = fields.Integer(attribute="gift.amount_cents", dump_only=True)
    promotion = fields.String(attribute="gift.name", dump_only=True)
    code = fields.String(attribute="gift.code", dump_only=True, allow_none=True)


class PaymentOut(Schema):
    provider = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    brand = fields.String(dump_only=True)
    last4 = fields.String(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)


class AddressOut(Schema):
    name = fields.String(attribute="ship_name", dump_only=True)
    line1 = fields.String(attribute="ship_line1", dump_only=True)
    line2 = fields.String(attribute="ship_line2", dump_only=True)
    city = fields.String(attribute="ship_city", dump_only=True)
    region = fields.String(attribute="ship_region", dump_only=True)
    postal_code = fields.String(attribute="ship_postal_code", dump_only=True)
    country = fields.String(attribute="ship_country", dump_only=True)


class OrderOut(TotalsOut):
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    placed_at = UtcDateTime(dump_only=True)
    lines = fields.List(fields.Nested(LineOut), attribute="paid_lines", dump_only=True)
    discounts = fields.List(fields.Nested(OrderDiscountOut), attribute="money_discounts", dump_only=True)
    gifts = fields.List(fields.Nested(OrderGiftOut), attribute="gift_lines", dump_only=True)
    messages = fields.List(fields.String(), attribute="notices", dump_only=True)
    shipping_address = fields.Function(lambda order: AddressOut().dump(order), dump_only=True)
    shipping_method = fields.String(dump_only=True)
    payment = fields.Nested(PaymentOut, dump_only=True, allow_none=True)


class OrderQuerySchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
