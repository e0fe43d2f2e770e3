"""Carts live in the database, found by a random token the shopper holds."""

import enum
import secrets
from datetime import UTC, datetime

from sqlalchemy import JSON, CheckConstraint, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models import Product
from core.extensions import db


def new_token() -> str:
    return secrets.token_urlsafe(24)


def utcnow() -> datetime:
    return datetime.now(UTC)


class CartStatus(enum.StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


class CartFacts:
    """What a stored cart and its read-only record (storefront.cart.reads) both answer."""

    __slots__ = ()

    @property
    def is_open(self) -> bool:
        return self.status == CartStatus.OPEN

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


class Cart(CartFacts, db.Model):
    __tablename__ = "carts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    status: Mapped[CartStatus] = mapped_column(
        Enum(CartStatus, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=CartStatus.OPEN,
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list["CartLine"]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id"
    )


class CartLine(db.Model):
    __tablename__ = "cart_lines"
    __table_args__ = (
        UniqueConstraint("cart_id", "product_id", name="uq_cart_lines_cart_product"),
        CheckConstraint("quantity >= 1 AND quantity <= 99", name="ck_cart_lines_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]

    cart: Mapped[Cart] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
