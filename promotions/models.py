"""Promotion rows: typed columns for what every promotion has, the rule document as JSON.

The `rule` column holds the whole validated rule-format document (promotions.schemas);
the typed columns mirror the parts the database must query or update atomically
(status, dates, limits and the usage counters that checkout claims with conditional
UPDATEs). `promotions.service` keeps the two in step on every write.
"""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.columns import enum_type, utcnow
from core.extensions import db
from core.versions import VersionCounter
from promotions.engine import Stacking, Trigger


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes for timezone=True columns; we always store UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


class PromotionStatus(StrEnum):
    """What the merchant set; dates and counters refine it into a DisplayStatus."""

    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class DisplayStatus(StrEnum):
    """The status an admin sees: the stored one, or what time and usage made of an active one."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    PAUSED = "paused"
    EXPIRED = "expired"
    USED_UP = "used_up"
    ARCHIVED = "archived"


class Promotion(db.Model):
    __tablename__ = "promotions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
    trigger: Mapped[Trigger] = mapped_column(enum_type(Trigger))
    priority: Mapped[int] = mapped_column(default=0)
    stacking: Mapped[Stacking] = mapped_column(enum_type(Stacking), default=Stacking.COMBINABLE)
    combines_with: Mapped[list[str] | None] = mapped_column(JSON)  # None: every class
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # exclusive
    usage_limit: Mapped[int | None] = mapped_column(Integer)
    usage_limit_per_customer: Mapped[int | None] = mapped_column(Integer)
    budget_cents: Mapped[int | None] = mapped_column(Integer)
    banner_text: Mapped[str | None] = mapped_column(String(200))
    show_in_banner: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[PromotionStatus] = mapped_column(
        enum_type(PromotionStatus), default=PromotionStatus.ACTIVE, index=True
    )
    rule: Mapped[dict] = mapped_column(JSON)
    times_used: Mapped[int] = mapped_column(default=0)
    given_cents: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    codes: Mapped[list["PromotionCode"]] = relationship(
        back_populates="promotion",
        cascade="all, delete-orphan",
        order_by="PromotionCode.id",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<Promotion {self.id} {self.name!r} {self.status}>"


class PromotionCode(db.Model):
    """One code of a promotion, stored normalized (engine.normalize_code) and unique store-wide."""

    __tablename__ = "promotion_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("promotions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64), unique=True)
    usage_limit: Mapped[int | None] = mapped_column(Integer)
    times_used: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    promotion: Mapped[Promotion] = relationship(back_populates="codes")


class PromotionCustomerUse(db.Model):
    """How often one shopper (lowercased email) used a promotion; checkout upserts it."""

    __tablename__ = "promotion_customer_uses"
    __table_args__ = (
        UniqueConstraint("promotion_id", "customer_key", name="uq_promotion_customer_uses"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("promotions.id", ondelete="CASCADE"))
    customer_key: Mapped[str] = mapped_column(String(254))
    uses: Mapped[int] = mapped_column(default=0)


class PromotionAuditEntry(db.Model):
    """Who changed a promotion and how; no foreign key so the trail outlives a deleted promotion."""

    __tablename__ = "promotion_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PromotionVersion(VersionCounter, db.Model):
    """Moves with every write to promotions or codes, usage claims included (core.versions)."""

    __tablename__ = "promotion_version"
