"""Departments and products; prices are integer cents, stock never below zero."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.columns import utcnow
from core.extensions import db
from core.versions import VersionCounter


class Department(db.Model):
    """A section of the store; the CBD store is one with an age gate and shipping restrictions."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    image: Mapped[str | None] = mapped_column(String(200))
    age_restricted: Mapped[bool] = mapped_column(default=False)
    minimum_age: Mapped[int | None]
    restricted_regions: Mapped[list[str]] = mapped_column(JSON, default=list)

    products: Mapped[list["Product"]] = relationship(back_populates="department")

    def ships_to(self, region: str | None) -> bool:
        return not region or region.upper() not in self.restricted_regions


class Product(db.Model):
    """Something we sell; `search_text` is kept in step with name, description and tags."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="ck_products_stock_non_negative"),
        CheckConstraint("price_cents >= 0", name="ck_products_price_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    price_cents: Mapped[int]
    compare_at_cents: Mapped[int | None]
    cost_cents: Mapped[int | None]
    stock: Mapped[int] = mapped_column(default=0)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    image: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True, index=True)
    featured: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    department: Mapped[Department] = relationship(back_populates="products", lazy="joined")

    LOW_STOCK = 5

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def low_stock(self) -> bool:
        return 0 < self.stock <= self.LOW_STOCK

    @property
    def on_sale(self) -> bool:
        return bool(self.compare_at_cents and self.compare_at_cents > self.price_cents)


@event.listens_for(Product, "before_insert")
@event.listens_for(Product, "before_update")
def _refresh_search_text(_mapper, _connection, product: Product) -> None:
    words = [product.name, product.description or "", " ".join(product.tags or [])]
    product.search_text = " ".join(words).lower()


class CatalogVersion(VersionCounter, db.Model):
    """Moves with every write to products or departments, stock included (core.versions)."""

    __tablename__ = "catalog_version"
