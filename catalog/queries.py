"""Read-side catalog queries; every list loads products with their departments in one query."""

import json
from dataclasses import dataclass

from sqlalchemy import Select, String, bindparam, cast, func, select

from catalog.models import Department, Product
from core.extensions import db
from core.pagination import Page

SORTS = {
    "name": (Product.name.asc(), Product.id.asc()),
    "price_asc": (Product.price_cents.asc(), Product.id.asc()),
    "price_desc": (Product.price_cents.desc(), Product.id.asc()),
    "newest": (Product.created_at.desc(), Product.id.desc()),
}


@dataclass(frozen=True, slots=True)
class ProductFilter:
    department: str | None = None
    q: str | None = None
    min_price_cents: int | None = None
    max_price_cents: int | None = None
    sort: str = "name"
    include_inactive: bool = False
    tag: str | None = None


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(query: Select, flt: ProductFilter) -> Select:
    """`query` (over products) narrowed to the products matching `flt`."""
    if not flt.include_inactive:
        query = query.where(Product.active.is_(True))
    if flt.department:
        query = query.join(Product.department).where(Department.slug == flt.department)
    if flt.q:
        for word in flt.q.lower().split()[:8]:
            query = query.where(Product.search_text.like(f"%{_like_escaped(word)}%", escape="\\"))
    if flt.tag:
        # Tags are a JSON list; its text holds each tag in quotes on SQLite and PostgreSQL alike.
        quoted = _like_escaped(json.dumps(flt.tag.strip().lower()))
        query = query.where(func.lower(cast(Product.tags, String)).like(f"%{quoted}%", escape="\\"))
    if flt.min_price_cents is not None:
        query = query.where(Product.price_cents >= flt.min_price_cents)
    if flt.max_price_cents is not None:
        query = query.where(Product.price_cents <= flt.max_price_cents)
    return query


def product_page(flt: ProductFilter, page: int, per_page: int) -> Page:
    """One page of products matching `flt`: a count query and a list query."""
    total = db.session.scalar(_filtered(select(func.count(Product.id)), flt))
    items = db.session.scalars(
        _filtered(select(Product), flt)
        .order_by(*SORTS.get(flt.sort, SORTS["name"]))
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).unique().all()
    return Page(list(items), page, per_page, total or 0)


# Statements every page runs are built once: composing one (and its cache key) costs more
# than running it. Values arrive as bound parameters.
_FEATURED = (
    select(Product)
    .where(Product.active.is_(True), Product.featured.is_(True))
    .order_by(Product.name)
    .limit(bindparam("limit"))
)
_DEPARTMENTS = select(Department).order_by(Department.position, Department.name)
_DEPARTMENT_BY_SLUG = select(Department).where(Department.slug == bindparam("slug"))
_PRODUCT_BY_SLUG = select(Product).where(Product.slug == bindparam("slug"), Product.active.is_(True))


def featured_products(limit: int = 8) -> list[Product]:
    return list(db.session.scalars(_FEATURED, {"limit": limit}).unique())


def departments() -> list[Department]:
    return list(db.session.scalars(_DEPARTMENTS))


def department_by_slug(slug: str) -> Department | None:
    return db.session.scalar(_DEPARTMENT_BY_SLUG, {"slug": slug})


def product_by_slug(slug: str) -> Product | None:
    return db.session.scalar(_PRODUCT_BY_SLUG, {"slug": slug})


def product_by_sku(sku: str, include_inactive: bool = False) -> Product | None:
    query = select(Product).where(Product.sku == sku)
    if not include_inactive:
        query = query.where(Product.active.is_(True))
    return db.session.scalar(query)


def every_product() -> list[Product]:
    """Every product, inactive ones too, by name: what a promotion can target."""
    return list(db.session.scalars(select(Product).order_by(Product.name)).unique())


def products_by_skus(skus: list[str]) -> list[Product]:
    return list(db.session.scalars(select(Product).where(Product.sku.in_(skus))).unique())
