"""Catalog forms: what the merchant types; product rules are checked by catalog.schemas."""

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from catalog.images import store_image
from core.form_fields import DollarsField, ListField
from core.refusals import FieldErrors

_REGION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_STOCK_LINE = re.compile(r"^\s*([^\s,;]+)[\s,;]+(\d{1,7})\s*$")


PICTURE_HINT = "Optional: PNG, JPEG, WebP or GIF, square works best. Without one, a placeholder is shown."


class PictureMixin(FieldErrors):
    """An optional upload: the stored image, None to remove it, or no key to keep it."""

    # Schema field -> form field, so service and schema messages land next to the right input.
    FIELD_NAMES = {"image": "picture"}

    def picture_payload(self) -> dict:
        upload = self.picture.data
        if upload and getattr(upload, "filename", ""):
            return {"image": store_image(upload.read())}
        return {"image": None} if self.remove_picture.data else {}


class ProductForm(PictureMixin, FlaskForm):
    sku = StringField("SKU", validators=[DataRequired(), Length(max=64)], filters=[lambda v: (v or "").strip().upper()])
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    department = SelectField("Department", validators=[DataRequired()])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    price = DollarsField("Price ($)", validators=[InputRequired(message="Enter a price like 12.50.")])
    compare_at = DollarsField("Compare-at price ($)", description="Optional: the “was” price shown struck through.")
    cost = DollarsField("Cost price ($)", description="Optional: what it costs us; promotions warn below it.")
    stock = IntegerField("Stock", default=0, validators=[NumberRange(0, 1_000_000)])
    tags = ListField("Tags", description="Comma-separated, e.g. vegan, gift")
    active = BooleanField("Active (shown in the shop)", default=True)
    picture = FileField("Picture", description=PICTURE_HINT)
    remove_picture = BooleanField("Remove the picture (show a placeholder)")

    FIELD_NAMES = {
        **PictureMixin.FIELD_NAMES,
        "price_cents": "price",
        "compare_at_cents": "compare_at",
        "cost_cents": "cost",
    }

    def payload(self) -> dict:
        return {
            "sku": self.sku.data,
            "name": self.name.data.strip(),
            "department": self.department.data,
            "description": self.description.data or "",
            "price_cents": self.price.data,
            "compare_at_cents": self.compare_at.data,
            "cost_cents": self.cost.data,
            "stock": self.stock.data,
            "tags": self.tags.data or [],
            "active": self.active.data,
            **self.picture_payload(),
        }


class DepartmentForm(PictureMixin, FlaskForm):
    slug = StringField(
        "Address (slug)",
        validators=[DataRequired(), Regexp(r"^[a-z0-9][a-z0-9-]{0,79}$", message="Lowercase letters, digits and hyphens.")],
    )
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    position = IntegerField("Menu position", default=0, validators=[NumberRange(0, 1000)])
    age_restricted = BooleanField("Ask shoppers to confirm their age")
    minimum_age = IntegerField("Minimum age", validators=[Optional(), NumberRange(13, 25)])
    picture = FileField("Picture", description=PICTURE_HINT)
    remove_picture = BooleanField("Remove the picture (show a placeholder)")
    restricted_regions = ListField(
        "Regions it cannot ship to", upper=True,
        description="Comma-separated state or country codes, e.g. ID, NE, SD",
    )

    def validate_restricted_regions(self, field):
        bad = [code for code in field.data or [] if not _REGION.match(code)]
        if bad:
            raise ValidationError(f"Not a region code: {', '.join(bad)}.")

    def validate_minimum_age(self, field):
        if self.age_restricted.data and field.data is None:
            raise ValidationError("Enter the minimum age for an age-restricted department.")

    def payload(self) -> dict:
        return {
            "slug": self.slug.data,
            "name": self.name.data.strip(),
            "description": self.description.data or "",
            "position": self.position.data or 0,
            "age_restricted": self.age_restricted.data,
            "minimum_age": self.minimum_age.data,
            "restricted_regions": sorted(set(self.restricted_regions.data or [])),
            **self.picture_payload(),
        }


class StockForm(FieldErrors, FlaskForm):
    levels = TextAreaField(
        "New stock levels", validators=[DataRequired()],
        description="One product per line: SKU and the new stock, e.g. CBD-OIL-500 24",
    )

    def validate_levels(self, field):
        parsed: dict[str, int] = {}
        for number, line in enumerate(field.data.splitlines(), start=1):
            if not line.strip():
                continue
            match = _STOCK_LINE.match(line)
            if match is None:
                raise ValidationError(f"Line {number}: write the SKU, a space and a whole number.")
            parsed[match.group(1).upper()] = int(match.group(2))
        if not parsed:
            raise ValidationError("Enter at least one line.")
        if len(parsed) > 1000:
            raise ValidationError("At most 1,000 products at a time.")
        self.parsed = parsed
