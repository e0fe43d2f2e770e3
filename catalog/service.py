"""Writing the catalog: products created or changed by the admin API and pages."""

import re

from sqlalchemy.exc import IntegrityError

from catalog.images import image_from_api
from catalog.models import Department, Product
from catalog.queries import department_by_slug, product_by_sku, products_by_skus
from core.errors import Conflict, Invalid, NotFound
from core.extensions import db
from core.transactions import write_transaction


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:150] or "product"


def _apply(product: Product, data: dict) -> None:
    if "department" in data:
        department = department_by_slug(data.pop("department"))
        if department is None:
            raise Invalid("That department does not exist.", fields={"department": ["Unknown department."]})
        product.department = department
    if data.get("image"):
        data["image"] = image_from_api(data["image"])
    for name, value in data.items():
        setattr(product, name, value)
    if product.compare_at_cents is not None and product.compare_at_cents <= product.price_cents:
        raise Invalid(
            "A compare-at price must be above the price.",
            fields={"compare_at_cents": ["Must be above the price."]},
        )


def _flush_unique() -> None:
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise Conflict("A product with that SKU or slug already exists.") from exc


@write_transaction()
def create_product(data: dict) -> Product:
    if product_by_sku(data["sku"], include_inactive=True):
        raise Conflict(f"A product with SKU {data['sku']} already exists.", fields={"sku": ["Already exists."]})
    product = Product(slug=data.pop("slug", None) or slugify(data["name"]))
    _apply(product, data)
    db.session.add(product)
    _flush_unique()
    return product


@write_transaction()
def update_product(sku: str, data: dict) -> Product:
    product = product_by_sku(sku, include_inactive=True)
    if product is None:
        raise NotFound(f"No product with SKU {sku}.")
    _apply(product, data)
    _flush_unique()
    return product


@write_transaction()
def create_department(data: dict) -> Department:
    """A new department; the slug is its address (/d/<slug>) and never changes afterwards."""
    if department_by_slug(data["slug"]):
        raise Conflict("A department with that address already exists.", fields={"slug": ["Already exists."]})
    department = Department(**data)
    db.session.add(department)
    _flush_unique()
    return department


@write_transaction()
def update_department(slug: str, data: dict) -> Department:
    department = department_by_slug(slug)
    if department is None:
        raise NotFound(f"No department {slug}.")
    data.pop("slug", None)
    for name, value in data.items():
        setattr(department, name, value)
    if not department.age_restricted:
        department.minimum_age = None
    return department


@write_transaction()
def set_stock(levels: dict[str, int]) -> list[Product]:
    """Set the stock of many products at once; an unknown SKU changes nothing at all."""
    products = {product.sku: product for product in products_by_skus(list(levels))}
    unknown = sorted(set(levels) - set(products))
    if unknown:
        raise Invalid(
            f"Unknown SKU: {', '.join(unknown)}.", fields={"levels": [f"Unknown SKU {sku}." for sku in unknown]}
        )
    for sku, stock in levels.items():
        products[sku].stock = stock
    return [products[sku] for sku in levels]
