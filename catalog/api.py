"""Public catalog API: list and read products."""

from flask_smorest import Blueprint
from marshmallow import fields

from catalog.queries import ProductFilter, product_by_sku, product_page
from catalog.schemas import ProductListQuery, ProductOut
from core.errors import NotFound
from core.pagination import PageOut

blp = Blueprint("products_api", __name__, url_prefix="/api/v1/products", description="Products")


class ProductPageOut(PageOut):
    items = fields.List(fields.Nested(ProductOut))


@blp.route("")
@blp.arguments(ProductListQuery, location="query")
@blp.response(200, ProductPageOut)
def list_products(args):
    """List active products, optionally by department or search words."""
    flt = ProductFilter(department=args.get("department"), q=args.get("q"))
    return product_page(flt, args["page"], args["per_page"])


@blp.route("/<sku>")
@blp.response(200, ProductOut)
@blp.alt_response(404, schema="ErrorEnvelope", description="No such product")
def get_product(sku):
    """One active product by SKU."""
    product = product_by_sku(sku)
    if product is None:
        raise NotFound(f"No product with SKU {sku}.")
    return product
