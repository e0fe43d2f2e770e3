"""The shelf-page mark: a view says its page is the same for every anonymous shopper.

Packages mark their views here; the app (storefront.shelf_cache) decides how marked pages
are kept and served, so catalog need not know the cache, the cart or the session.
"""

from collections.abc import Callable

PERSONAL = None  # what a `vary` function answers when this request must not share a page
_MARK = "shelf_vary"


def _nothing(**_view_args) -> tuple:
    return ()


def shelf_page(vary: Callable[..., tuple | None] = _nothing):
    """Mark a view as a shelf page; `vary(**view_args)` adds to the cache key, and answering
    PERSONAL (None) renders that request fresh."""

    def mark(view):
        setattr(view, _MARK, vary)
        return view

    return mark


def shelf_vary(view) -> Callable[..., tuple | None] | None:
    """The `vary` a view was marked with, or None for a page that is not a shelf page."""
    return getattr(view, _MARK, None)
