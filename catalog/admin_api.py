"""Admin catalog API: list, create and change products (staff only)."""

from flask_smorest import Blueprint

from catalog.queries import ProductFilter, product_page
from catalog.schemas import ProductAdminOut, ProductIn, ProductListQuery, ProductPatch
from catalog.service import create_product, update_product
from core.auth import ADMIN_API_SECURITY, Role, admin_api_required

blp = Blueprint(
    "admin_products_api", __name__, url_prefix="/api/v1/admin/products", description="Admin: products"
)


@blp.route("")
@blp.doc(security=ADMIN_API_SECURITY)
@admin_api_required(Role.OWNER)
@blp.arguments(ProductListQuery, location="query")
@blp.response(200, ProductAdminOut(many=True))
def list_products(args):
    """Every product, active or not."""
    flt = ProductFilter(department=args.get("department"), q=args.get("q"), include_inactive=True)
    return product_page(flt, args["page"], args["per_page"]).items


@blp.route("", methods=["POST"])
@blp.doc(security=ADMIN_API_SECURITY)
@admin_api_required(Role.OWNER)
@blp.arguments(
    ProductIn,
    example={"sku": "TEA-SPRING-1", "name": "Spring tea", "department": "sleep", "price_cents": 1299},
)
@blp.response(201, ProductAdminOut)
def create(data):
    """Create a product; prices in integer cents."""
    return create_product(data)


@blp.route("/<sku>", methods=["PATCH"])
@blp.doc(
    security=ADMIN_API_SECURITY,
    parameters=[  # a demo product, so documented examples reach a row
        {"in": "path", "name": "sku", "schema": {"type": "string", "minLength": 1, "example": "CBD-BATH-SOAK"}}
    ],
)
@admin_api_required(Role.OWNER)
@blp.arguments(ProductPatch, example={"price_cents": 1299, "stock": 40})
@blp.response(200, ProductAdminOut)
def update(data, sku):
    """Change some fields of a product."""
    return update_product(sku, data)
