"""Read-side catalog queries; every list loads products with their departments in one query."""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, func, select

from catalog.models import Department, Product
from storefront.extensions import db

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


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Product]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _filtered(flt: ProductFilter) -> Select:
    query = select(Product)
    if not flt.include_inactive:
        query = query.where(Product.active.is_(True))
    if flt.department:
        query = query.join(Product.department).where(Department.slug == flt.department)
    if flt.q:
        for word in flt.q.lower().split()[:8]:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Product.search_text.like(f"%{escaped}%", escape="\\"))
    if flt.min_price_cents is not None:
        query = query.where(Product.price_cents >= flt.min_price_cents)
    if flt.max_price_cents is not None:
        query = query.where(Product.price_cents <= flt.max_price_cents)
    return query


def product_page(flt: ProductFilter, page: int, per_page: int) -> Page:
    """One page of products matching `flt`: a count query and a list query."""
    query = _filtered(flt)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        query.order_by(*SORTS.get(flt.sort, SORTS["name"]))
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).unique().all()
    return Page(list(items), page, per_page, total or 0)


def featured_products(limit: int = 8) -> list[Product]:
    query = (
        select(Product)
        .where(Product.active.is_(True), Product.featured.is_(True))
        .order_by(Product.name)
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


def departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.position, Department.name)))


def department_by_slug(slug: str) -> Department | None:
    return db.session.scalar(select(Department).where(Department.slug == slug))


def product_by_slug(slug: str) -> Product | None:
    return db.session.scalar(select(Product).where(Product.slug == slug, Product.active.is_(True)))


def product_by_sku(sku: str, include_inactive: bool = False) -> Product | None:
    query = select(Product).where(Product.sku == sku)
    if not include_inactive:
        query = query.where(Product.active.is_(True))
    return db.session.scalar(query)


def products_by_skus(skus: list[str]) -> list[Product]:
    return list(db.session.scalars(select(Product).where(Product.sku.in_(skus))).unique())
