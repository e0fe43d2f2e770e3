"""Catalog schemas: query filters for the shop pages, product input and output for the API."""


from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from catalog.images import image_url
from catalog.queries import SORTS
from core.fields import Dollars, PatchSchema

IMAGE_FIELD_MAX = 1_300_000  # a base64 data: URL of a picture that fits in a 1 MB request
TAG = validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,39}$", error="Tags are lowercase words or hyphens.")


class ShopQuerySchema(Schema):
    page = fields.Integer(
        load_default=1,
        validate=validate.Range(1, 10_000, error="Pages are numbered from 1."),
        error_messages={"invalid": "Pages are numbered from 1."},
    )
    sort = fields.String(load_default="name", validate=validate.OneOf(list(SORTS), error="Choose a sort order from the list."))
    department = fields.String(load_default=None, validate=validate.Length(max=80))
    min_price = Dollars(load_default=None)
    max_price = Dollars(load_default=None)
    q = fields.String(load_default=None, validate=validate.Length(max=200))
    tag = fields.String(load_default=None, validate=validate.Length(max=60, error="Tags are at most 60 characters."))

    @validates_schema
    def _price_range(self, data, **kwargs):
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            raise ValidationError("The minimum price is above the maximum.", "min_price")


class ProductOut(Schema):
    sku = fields.String()
    name = fields.String()
    slug = fields.String()
    department = fields.Function(lambda product: product.department.slug)
    description = fields.String()
    price_cents = fields.Integer()
    compare_at_cents = fields.Integer(allow_none=True)
    stock = fields.Integer()
    tags = fields.List(fields.String())
    active = fields.Boolean()
    image_url = fields.Function(
        lambda product: image_url(product) if product.image else None,
        metadata={"description": "Where the product's picture is served; null when it has none."},
    )


class ProductAdminOut(ProductOut):
    cost_cents = fields.Integer(allow_none=True)
    image = fields.String(
        allow_none=True, metadata={"description": "The stored picture; send it back to keep it."}
    )


class ProductListQuery(Schema):
    department = fields.String(validate=validate.Length(max=80))
    q = fields.String(validate=validate.Length(max=200))
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class ProductIn(Schema):
    """Admin input; price fields are integer cents."""

    sku = fields.String(required=True, validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9-]{1,63}$", error="SKUs are uppercase letters, digits and hyphens."))
    name = fields.String(required=True, validate=validate.Length(1, 200, error="Enter a name of up to 200 characters."))
    slug = fields.String(validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,159}$", error="Slugs are lowercase letters, digits and hyphens."))
    department = fields.String(required=True, validate=validate.Length(1, 80, error="Choose a department."))
    description = fields.String(load_default="", validate=validate.Length(max=5000, error="Keep the description under 5,000 characters."))
    price_cents = fields.Integer(required=True, strict=True, validate=validate.Range(0, 10_000_000))
    compare_at_cents = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(0, 10_000_000))
    cost_cents = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(0, 10_000_000))
    stock = fields.Integer(load_default=0, strict=True, validate=validate.Range(0, 1_000_000))
    tags = fields.List(fields.String(validate=TAG), load_default=list, validate=validate.Length(max=20, error="Use at most 20 tags."))
    active = fields.Boolean(load_default=True)
    image = fields.String(
        allow_none=True,
        validate=validate.Length(1, IMAGE_FIELD_MAX),
        metadata={
            "description": (
                "The picture: a `data:image/png;base64,…` URL (PNG, JPEG, WebP or GIF, recognised "
                "by content, at most MEDIA_MAX_BYTES, 900 KB by default) to upload, the `image` "
                "value of an existing product to reuse its picture, or null for none (shoppers "
                "then see a placeholder with the product's initials)."
            )
        },
    )

    @post_load
    def _dedupe_tags(self, data, **kwargs):
        if "tags" in data:
            data["tags"] = sorted(set(data["tags"]))
        return data


class ProductPatch(PatchSchema, ProductIn):
    class Meta:
        exclude = ("sku",)
