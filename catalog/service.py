"""Writing the catalog: products created or changed by the admin API and pages."""

import re

from sqlalchemy.exc import IntegrityError

from catalog.models import Product
from catalog.queries import department_by_slug, product_by_sku
from storefront.errors import Conflict, Invalid, NotFound
from storefront.extensions import db


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:150] or "product"


def _apply(product: Product, data: dict) -> None:
    if "department" in data:
        department = department_by_slug(data.pop("department"))
        if department is None:
            raise Invalid("That department does not exist.", fields={"department": ["Unknown department."]})
        product.department = department
    for name, value in data.items():
        setattr(product, name, value)
    if product.compare_at_cents is not None and product.compare_at_cents <= product.price_cents:
        raise Invalid(
            "A compare-at price must be above the price.",
            fields={"compare_at_cents": ["Must be above the price."]},
        )


def _commit_unique() -> None:
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict("A product with that SKU or slug already exists.") from exc


def create_product(data: dict) -> Product:
    if product_by_sku(data["sku"], include_inactive=True):
        raise Conflict(f"A product with SKU {data['sku']} already exists.", fields={"sku": ["Already exists."]})
    product = Product(slug=data.pop("slug", None) or slugify(data["name"]))
    _apply(product, data)
    db.session.add(product)
    _commit_unique()
    return product


def update_product(sku: str, data: dict) -> Product:
    product = product_by_sku(sku, include_inactive=True)
    if product is None:
        raise NotFound(f"No product with SKU {sku}.")
    _apply(product, data)
    _commit_unique()
    return product
