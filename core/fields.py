"""marshmallow fields shared by the HTML forms and the JSON API."""

import re
from datetime import UTC
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields, validate, validates_schema

_DIGITS = re.compile(r"^\s*\d{1,9}\s*$")

# Every id column is a 32-bit INTEGER on PostgreSQL; a larger id names nothing.
MAX_ID = 2**31 - 1


class WholeNumber(fields.Integer):
    """A JSON integer: not a bool, a float or a string."""

    default_error_messages = {"invalid": "Enter a whole number."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def form_number(raw: str | None):
    """A form's digits as an int; anything else passes through for the schema to refuse."""
    return int(raw) if raw is not None and _DIGITS.match(raw) else raw


def Quantity(**kwargs) -> WholeNumber:
    return WholeNumber(
        validate=validate.Range(1, 99, error="Quantity must be between 1 and 99."), **kwargs
    )


def Id(**kwargs) -> fields.Integer:
    """A row id: beyond the column's range it can name nothing, so it is refused, not queried."""
    return fields.Integer(validate=validate.Range(1, MAX_ID, error="No such id."), **kwargs)


def Sku(**kwargs) -> fields.String:
    return fields.String(validate=validate.Length(1, 64), **kwargs)


class Dollars(fields.Field):
    """A price typed in dollars ("12.50") that we keep as integer cents."""

    default_error_messages = {"invalid": "Enter an amount like 12.50."}

    def _deserialize(self, value, attr, data, **kwargs):
        if value in ("", None):
            return None
        try:
            amount = Decimal(str(value).strip().lstrip("$"))
        except InvalidOperation as exc:
            raise self.make_error("invalid") from exc
        if not amount.is_finite() or amount < 0 or amount > 1_000_000 or amount != amount.quantize(Decimal("0.01")):
            raise self.make_error("invalid")
        return int(amount * 100)


class UtcDateTime(fields.DateTime):
    """Output timestamps with their offset: stored values are UTC, SQLite just forgets to say so."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class PatchSchema:
    """Mixin for a PATCH body: every field optional, but one at least must be sent.

    An empty or missing body changes nothing; answering 200 would tell the client it did.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)

    @validates_schema
    def _changes_something(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.")
