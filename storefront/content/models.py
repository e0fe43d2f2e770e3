"""Articles, readers' votes on them and readers' comments (held for moderation)."""

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.columns import enum_type, utcnow
from core.extensions import db
from core.versions import VersionCounter


class CommentStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SPAM = "spam"


class Article(db.Model):
    """A published piece; the body is Markdown, rendered through an allow-list at view time."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    standfirst: Mapped[str] = mapped_column(Text, default="")
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    author_name: Mapped[str] = mapped_column(String(120))
    author_bio: Mapped[str] = mapped_column(Text, default="")
    reprint_credit: Mapped[str | None] = mapped_column(String(300))
    related_skus: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rating(db.Model):
    """One reader's stars for one article; the unique key makes a second vote an update."""

    __tablename__ = "article_ratings"
    __table_args__ = (
        UniqueConstraint("article_id", "voter_key", name="uq_article_ratings_article_voter"),
        CheckConstraint("stars >= 1 AND stars <= 5", name="ck_article_ratings_stars"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    voter_key: Mapped[str] = mapped_column(String(80))
    address_hash: Mapped[str | None] = mapped_column(String(64))
    stars: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Comment(db.Model):
    """A reader's comment; `parent_id` is always a top-level comment (one level of replies)."""

    __tablename__ = "article_comments"
    __table_args__ = (Index("ix_article_comments_article_status", "article_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("article_comments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[CommentStatus] = mapped_column(
        enum_type(CommentStatus), default=CommentStatus.PENDING
    )
    address_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    article: Mapped[Article] = relationship(lazy="joined")
    replies: Mapped[list["Comment"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Comment.created_at"
    )

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class ContentVersion(VersionCounter, db.Model):
    """Moves with every write to articles, votes and comments (core.versions)."""

    __tablename__ = "content_version"
