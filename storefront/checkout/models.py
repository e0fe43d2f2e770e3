"""Orders copy what was sold (prices, shares, promotions as they were); they never point at live prices."""

import enum
import secrets
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.columns import enum_type, utcnow
from core.extensions import db

# No 0/O, 1/I/L or U: a number read over the phone is typed right the first time.
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_order_number() -> str:
    """Like "VV-7K3Q-9XM2": random, so numbers say nothing about sales volume or each other."""
    chars = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"VV-{chars[:4]}-{chars[4:]}"


# OrderDiscount.discount_class of a free gift: amount_cents is the gift's retail value (the
# promotion's cost, counted by reporting and budgets), not money off the order.
GIFT_CLASS = "gift"


class OrderStatus(enum.StrEnum):
    PLACED = "placed"
    CANCELLED = "cancelled"


class PaymentStatus(enum.StrEnum):
    AUTHORIZED = "authorized"
    VOIDED = "voided"


class KeyStatus(enum.StrEnum):
    IN_FLIGHT = "in_flight"
    DONE = "done"


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total_cents >= 0", name="ck_orders_total_non_negative"),
        Index("ix_orders_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True, default=new_order_number)
    status: Mapped[OrderStatus] = mapped_column(enum_type(OrderStatus), default=OrderStatus.PLACED)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    cart_id: Mapped[int | None] = mapped_column(ForeignKey("carts.id"), unique=True)
    ship_name: Mapped[str] = mapped_column(String(120))
    ship_line1: Mapped[str] = mapped_column(String(200))
    ship_line2: Mapped[str] = mapped_column(String(200), default="")
    ship_city: Mapped[str] = mapped_column(String(120))
    ship_region: Mapped[str] = mapped_column(String(8))
    ship_postal_code: Mapped[str] = mapped_column(String(16))
    ship_country: Mapped[str] = mapped_column(String(2))
    shipping_method: Mapped[str] = mapped_column(String(20))
    subtotal_cents: Mapped[int]
    discount_cents: Mapped[int]
    shipping_cents: Mapped[int]
    shipping_discount_cents: Mapped[int] = mapped_column(default=0)
    tax_cents: Mapped[int]
    total_cents: Mapped[int]
    placed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(254))

    lines: Mapped[list["OrderLine"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )
    discounts: Mapped[list["OrderDiscount"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderDiscount.id"
    )
    payment: Mapped["Payment | None"] = relationship(back_populates="order", uselist=False)
    # What the shopper must be told about placing it (a free gift left out); not stored.
    notices = ()

    @property
    def is_cancelled(self) -> bool:
        return self.status == OrderStatus.CANCELLED

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def paid_lines(self) -> list["OrderLine"]:
        """The lines the shopper paid for (the API's `lines`)."""
        return [line for line in self.lines if line.gift_promotion_id is None]

    @property
    def gift_lines(self) -> list["OrderLine"]:
        """Free gifts, at $0, each with the promotion that gave it."""
        return [line for line in self.lines if line.gift_promotion_id is not None]

    @property
    def money_discounts(self) -> list["OrderDiscount"]:
        """Discounts that lowered the price; a gift's row records its retail value instead."""
        return [d for d in self.discounts if d.discount_class != GIFT_CLASS]


class OrderLine(db.Model):
    """One product as sold: name, sku and prices copied so catalog edits never rewrite history."""

    __tablename__ = "order_lines"
    __table_args__ = (CheckConstraint("quantity >= 1", name="ck_order_lines_quantity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit_price_cents: Mapped[int]
    quantity: Mapped[int]
    subtotal_cents: Mapped[int]
    discount_cents: Mapped[int]
    total_cents: Mapped[int]
    # The promotion that gave this line free (a gift at $0); None for a paid line.
    gift_promotion_id: Mapped[int | None]

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def gift(self) -> "OrderDiscount | None":
        """For a free gift, the row of the promotion that gave it (its retail value, its code)."""
        if self.gift_promotion_id is None:
            return None
        return next(
            (d for d in self.order.discounts
             if d.discount_class == GIFT_CLASS and d.promotion_id == self.gift_promotion_id),
            None,
        )


class OrderDiscount(db.Model):
    """An applied promotion with a frozen copy of its rule, and what it claimed (to release once)."""

    __tablename__ = "order_discounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    promotion_id: Mapped[int | None]
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(64))
    discount_class: Mapped[str] = mapped_column(String(20))
    amount_cents: Mapped[int]
    line_shares: Mapped[list] = mapped_column(JSON, default=list)
    rule: Mapped[dict | None] = mapped_column(JSON)
    customer_key: Mapped[str | None] = mapped_column(String(254))

    order: Mapped[Order] = relationship(back_populates="discounts")


class Payment(db.Model):
    """What the provider said; only the last four digits and the brand of the card are kept."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    provider: Mapped[str] = mapped_column(String(40))
    status: Mapped[PaymentStatus] = mapped_column(enum_type(PaymentStatus))
    authorization_id: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int]
    brand: Mapped[str] = mapped_column(String(20))
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="payment")


class IdempotencyKey(db.Model):
    """A request seen once: a retry with this key gets the stored answer instead of a new order."""

    __tablename__ = "idempotency_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[KeyStatus] = mapped_column(enum_type(KeyStatus), default=KeyStatus.IN_FLIGHT)
    response_status: Mapped[int | None]
    response_body: Mapped[dict | None] = mapped_column(JSON)
    order_number: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
