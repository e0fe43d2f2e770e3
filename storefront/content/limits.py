"""The per-address comment limit, shared by the form and the API so neither is a way around it."""

from flask import current_app

from core.extensions import limiter
from storefront.content.comments import TooManyComments

DEFAULT_COMMENT_RATE_LIMIT = "5 per 10 minutes"


def _comment_rate() -> str:
    return current_app.config.get("COMMENT_RATE_LIMIT", DEFAULT_COMMENT_RATE_LIMIT)


def _refuse(_limit) -> None:
    """Answer in our own words (styled page or JSON envelope) rather than Flask-Limiter's.

    Flask-Limiter still adds Retry-After, the seconds until the window frees up, to that answer
    (RATELIMIT_HEADERS_ENABLED in storefront/config.py).
    """
    raise TooManyComments()


comment_rate_limit = limiter.shared_limit(
    _comment_rate, scope="article-comments", methods=["POST"], on_breach=_refuse
)
