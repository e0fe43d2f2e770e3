"""Reading articles and recording readers' votes; comments live in comments.py."""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError

from catalog.models import Product
from catalog.queries import products_by_skus
from core.errors import NotFound
from core.extensions import db
from core.reads import lone_read
from core.transactions import write_transaction
from storefront.content.models import Article, Comment, CommentStatus, Rating
from storefront.content.ratings import RatingSummary


class ArticleNotFound(NotFound):
    def __init__(self, slug: str):
        super().__init__(f"We couldn't find an article called {slug!r}.")


@dataclass(frozen=True, slots=True)
class ArticleListing:
    """An article with the figures shown beside it in lists."""

    article: Article
    rating: RatingSummary
    comment_count: int


def _votes_subquery():
    return (
        select(
            Rating.article_id,
            func.count(Rating.id).label("votes"),
            func.sum(Rating.stars).label("total"),
        )
        .group_by(Rating.article_id)
        .subquery()
    )


def _comment_counts_subquery():
    return (
        select(Comment.article_id, func.count(Comment.id).label("comments"))
        .where(Comment.status == CommentStatus.APPROVED)
        .group_by(Comment.article_id)
        .subquery()
    )


@cache
def _listing_query() -> Select:
    """Built once per process: composing the two subqueries costs more than running them."""
    votes, comments = _votes_subquery(), _comment_counts_subquery()
    return (
        select(
            Article,
            func.coalesce(votes.c.votes, 0),
            func.coalesce(votes.c.total, 0),
            func.coalesce(comments.c.comments, 0),
        )
        .outerjoin(votes, votes.c.article_id == Article.id)
        .outerjoin(comments, comments.c.article_id == Article.id)
        .order_by(Article.published_at.desc(), Article.id.desc())
    )


def list_articles(limit: int | None = None) -> list[ArticleListing]:
    """Newest first, with rating and approved-comment count, in one query."""
    query = _listing_query()
    if limit is not None:
        query = query.limit(limit)
    return [
        ArticleListing(article, RatingSummary(int(n), int(total)), int(count))
        for article, n, total, count in db.session.execute(query)
    ]


def get_article(slug: str) -> Article:
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise ArticleNotFound(slug)
    return article


def rating_summary(article_id: int) -> RatingSummary:
    votes, total = db.session.execute(
        select(func.count(Rating.id), func.coalesce(func.sum(Rating.stars), 0)).where(
            Rating.article_id == article_id
        )
    ).one()
    return RatingSummary(int(votes), int(total))


def stars_given(article_id: int, voter_key: str) -> int | None:
    """The reader's own vote, so the page can say what they chose."""
    return db.session.scalar(
        select(Rating.stars).where(Rating.article_id == article_id, Rating.voter_key == voter_key)
    )


def stars_given_on(slug: str, voter_key: str) -> int | None:
    """The reader's own vote on the article at `slug`, in one lone query (the shelf cache's key)."""
    query = (
        select(Rating.stars)
        .join(Article, Article.id == Rating.article_id)
        .where(Article.slug == slug, Rating.voter_key == voter_key)
    )
    return lone_read(lambda connection: connection.execute(query).scalar())


@write_transaction()
def rate(
    article: Article, stars: int, *, voter_key: str, address_hash: str | None
) -> RatingSummary:
    """Record a reader's stars; a repeat vote replaces the first (the unique key settles races)."""
    if not _update_vote(article.id, voter_key, stars):
        try:
            with db.session.begin_nested():
                db.session.add(
                    Rating(
                        article_id=article.id,
                        voter_key=voter_key,
                        address_hash=address_hash,
                        stars=stars,
                    )
                )
        except IntegrityError:  # the same reader's other request won the insert
            _update_vote(article.id, voter_key, stars)
    return rating_summary(article.id)


def _update_vote(article_id: int, voter_key: str, stars: int) -> bool:
    rating = db.session.scalar(
        select(Rating).where(Rating.article_id == article_id, Rating.voter_key == voter_key)
    )
    if rating is None:
        return False
    rating.stars = stars
    db.session.flush()
    return True


def related_products(article: Article) -> list[Product]:
    """Active products named on the article, in the article's order."""
    if not article.related_skus:
        return []
    found = {p.sku: p for p in products_by_skus(article.related_skus) if p.active}
    return [found[sku] for sku in article.related_skus if sku in found]
