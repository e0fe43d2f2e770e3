"""Builders for articles, comments and votes, and the comment form a reader fills in."""

import itertools
from datetime import UTC, datetime, timedelta

from core.extensions import db
from storefront.content.models import Article, Comment, CommentStatus, Rating

_serial = itertools.count(1)
DEMO_SLUG = "small-fibre-nerves-and-fibromyalgia"


def make_article(slug: str | None = None, **fields) -> Article:
    n = next(_serial)
    article = Article(
        slug=slug or f"article-{n}",
        title=fields.pop("title", f"Article {n}"),
        standfirst=fields.pop("standfirst", "What the research says."),
        body_markdown=fields.pop("body_markdown", "## Findings\n\nSome *findings*."),
        author_name=fields.pop("author_name", "A. Writer"),
        author_bio=fields.pop("author_bio", "Writes about research."),
        published_at=fields.pop(
            "published_at", datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=n)
        ),
        **fields,
    )
    db.session.add(article)
    db.session.commit()
    return article


def make_comment(article: Article, *, status=CommentStatus.APPROVED, **fields) -> Comment:
    comment = Comment(
        article_id=article.id,
        name=fields.pop("name", "Reader"),
        email=fields.pop("email", "reader@example.com"),
        body=fields.pop("body", "Thanks for this."),
        status=status,
        **fields,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def add_votes(article: Article, *stars: int) -> None:
    for i, value in enumerate(stars):
        db.session.add(
            Rating(article_id=article.id, voter_key=f"test:{next(_serial)}:{i}", stars=value)
        )
    db.session.commit()


def comment_form(**overrides) -> dict:
    form = {"name": "Ada", "email": "ada@example.com", "website": "", "body": "Helpful, thank you."}
    form.update(overrides)
    return form

