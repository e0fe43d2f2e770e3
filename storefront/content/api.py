"""Articles API: read articles, vote, and comment (comments wait for moderation)."""

from flask import url_for
from flask_smorest import Blueprint

from storefront.content import comments, reader, service
from storefront.content.limits import comment_rate_limit
from storefront.content.models import Article
from storefront.content.ratings import RatingSummary
from storefront.content.rendering import render_markdown
from storefront.content.schemas import (
    ArticleOut,
    ArticleSummaryOut,
    CommentCreatedOut,
    CommentIn,
    RatingIn,
    RatingOut,
)

blp = Blueprint("articles_api", __name__, url_prefix="/api/v1/articles", description="Articles")


def _rating(summary: RatingSummary, your_stars: int | None = None) -> dict:
    return {
        "votes": summary.votes,
        "average": summary.average,
        "text": summary.text,
        "your_stars": your_stars,
    }


def _summary(article: Article, rating: RatingSummary, comment_count: int) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "standfirst": article.standfirst,
        "author_name": article.author_name,
        "published_at": article.published_at,
        "url": url_for("content.show", slug=article.slug, _external=True),
        "rating": _rating(rating),
        "comment_count": comment_count,
    }


@blp.route("")
@blp.response(200, ArticleSummaryOut(many=True))
def list_articles():
    """Articles, newest first, with their rating and approved-comment count."""
    return [_summary(x.article, x.rating, x.comment_count) for x in service.list_articles()]


@blp.route("/<slug>")
@blp.response(200, ArticleOut)
@blp.alt_response(404, schema="ErrorEnvelope", description="No such article")
def get_article(slug):
    """One article: sanitised body, rating, and approved comments with their replies."""
    article = service.get_article(slug)
    visible = comments.threads(article)
    return {
        **_summary(article, service.rating_summary(article.id), comments.approved_count(visible)),
        "author_bio": article.author_bio,
        "reprint_credit": article.reprint_credit,
        "body_html": render_markdown(article.body_markdown),
        "related_skus": article.related_skus,
        "comments": [
            {**_comment(t.comment), "replies": [_comment(r) for r in t.replies]} for t in visible
        ],
    }


def _comment(comment) -> dict:
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "name": comment.name,
        "website": comment.website,
        "body": comment.body,
        "created_at": comment.created_at,
    }


@blp.route("/<slug>/ratings", methods=["POST"])
@blp.arguments(RatingIn)
@blp.response(200, RatingOut)
@blp.alt_response(404, schema="ErrorEnvelope", description="No such article")
def rate_article(data, slug):
    """Vote 1-5 stars; the same reader (signed cookie, else address) voting again replaces the vote."""
    article = service.get_article(slug)
    voter = reader.voter_key(mint=False)
    summary = service.rate(
        article, data["stars"], voter_key=voter, address_hash=reader.address_hash()
    )
    return _rating(summary, data["stars"])


@blp.route("/<slug>/comments", methods=["POST"])
@comment_rate_limit
@blp.arguments(CommentIn)
@blp.response(201, CommentCreatedOut)
@blp.alt_response(404, schema="ErrorEnvelope", description="No such article")
@blp.alt_response(
    429,
    schema="ErrorEnvelope",
    description="Too many comments from this address",
    headers={
        "Retry-After": {
            "description": "Seconds until a comment is accepted again",
            "schema": {"type": "integer"},
        }
    },
)
def post_comment(data, slug):
    """Leave a comment (or a reply); it is published once a moderator approves it."""
    article = service.get_article(slug)
    created = comments.submit_comment(article, data, address_hash=reader.address_hash())
    return {
        "id": created.id,
        "parent_id": created.parent_id,
        "status": created.status.value,
        "message": "Your comment is awaiting moderation.",
    }
