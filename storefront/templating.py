"""Template filters and the context every page shares (navigation, cart count)."""

from flask import Flask, g

from catalog.queries import departments
from promotions.engine.money import format_cents
from storefront.page_cache import CART_ITEM_COUNT, CSRF_TOKEN


def _navigation_departments():
    if "nav_departments" not in g:
        g.nav_departments = departments()
    return g.nav_departments


def register(app: Flask) -> None:
    app.add_template_filter(format_cents, "money")
    # Flask-WTF's token, with a hole for the page cache (macros see globals, pages the context).
    app.jinja_env.globals["csrf_token"] = CSRF_TOKEN

    @app.context_processor
    def shared_context():
        return {
            "store_name": app.config["STORE_NAME"],
            "nav_departments": _navigation_departments,
            "cart_item_count": CART_ITEM_COUNT,
            "csrf_token": CSRF_TOKEN,  # after Flask-WTF's context processor, so this one wins
        }
