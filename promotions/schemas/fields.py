"""The marshmallow fields the rule format is made of: cents, counts, names, percentages, codes."""

import re
from decimal import Decimal, InvalidOperation

from marshmallow import fields, validate

from core.fields import WholeNumber
from promotions.engine import normalize_code

__all__ = ["MAX_CENTS", "Cents", "CodeText", "Count", "Names", "Percent"]

MAX_CENTS = 100_000_000
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,39}$")


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
