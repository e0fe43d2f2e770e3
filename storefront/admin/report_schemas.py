"""Report query (pages and API alike) and the JSON shape of a report."""

from datetime import datetime, timedelta

from marshmallow import Schema, fields, post_load, validate

from core.fields import Id
from core.timezone import store_zone


class ReportQuery(Schema):
    """A period in store-local days; the last 30 days when not given."""

    from_ = fields.Date(data_key="from", load_default=None, metadata={"example": "2025-11-01"})
    to = fields.Date(load_default=None, metadata={"example": "2025-11-30"})
    promotion = Id(load_default=None, metadata={"example": 3})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))

    @post_load
    def _defaults(self, data, **kwargs):
        today = datetime.now(store_zone()).date()
        data["to"] = data["to"] or today
        data["from_"] = data["from_"] or data["to"] - timedelta(days=29)
        return data


class DayOut(Schema):
    day = fields.Date()
    orders = fields.Integer()
    uses = fields.Integer()
    discount_cents = fields.Integer()


class PromotionLineOut(Schema):
    promotion_id = fields.Integer(allow_none=True)
    name = fields.String()
    uses = fields.Integer()
    discount_cents = fields.Integer()


class ReportOut(Schema):
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    promotion_id = fields.Integer(allow_none=True)
    orders = fields.Integer()
    uses = fields.Integer()
    discount_cents = fields.Integer()
    revenue_cents = fields.Integer()
    orders_with = fields.Integer()
    revenue_with_cents = fields.Integer()
    aov_with_cents = fields.Integer()
    orders_without = fields.Integer()
    revenue_without_cents = fields.Integer()
    aov_without_cents = fields.Integer()
    days = fields.List(fields.Nested(DayOut))
    promotions = fields.List(fields.Nested(PromotionLineOut))
