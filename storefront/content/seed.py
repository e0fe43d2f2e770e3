"""Loads the demo article with its votes and approved comments; the caller commits."""

from core.extensions import db
from storefront.content import demo_article as demo
from storefront.content.models import Article, Comment, CommentStatus, Rating


def seed_articles() -> Article:
    """Insert the demo article, 156 individual votes (average 4.35) and four approved comments."""
    article = Article(**demo.ARTICLE, body_markdown=demo.BODY)
    db.session.add(article)
    db.session.flush()
    voter = 0
    for stars, count in sorted(demo.VOTES.items()):
        for _ in range(count):
            voter += 1
            db.session.add(Rating(article_id=article.id, voter_key=f"seed:{voter}", stars=stars))
    by_key: dict[str, Comment] = {}
    for data in demo.COMMENTS:
        fields = {k: v for k, v in data.items() if k not in {"key", "reply_to"}}
        parent = by_key.get(data.get("reply_to", ""))
        comment = Comment(
            article_id=article.id,
            parent_id=parent.id if parent else None,
            status=CommentStatus.APPROVED,
            **fields,
        )
        db.session.add(comment)
        db.session.flush()
        by_key[data["key"]] = comment
    return article
