"""Template filters and the context every page shares (navigation, cart count)."""

from flask import Flask, request, url_for

from catalog import navigation
from catalog.queries import departments
from promotions.engine.money import format_cents
from storefront.shelf_cache import cart_item_count, csrf_token


def register(app: Flask) -> None:
    app.add_template_filter(format_cents, "money")
    navigation.init_app(app)  # `department_links()`: the header's links, kept per catalog version
    app.add_template_global(_fixed_urls(), "fixed_url")
    # Flask-WTF's token, or the shelf cache's marker for it (macros see globals, pages the context).
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.context_processor
    def shared_context():
        return {
            "store_name": app.config["STORE_NAME"],
            "nav_departments": departments,
            "cart_item_count": cart_item_count,
            "csrf_token": csrf_token,  # after Flask-WTF's context processor, so this one wins
        }


def _fixed_urls():
    """`fixed_url(endpoint)`: the URL of an endpoint that takes no arguments, routed once per
    process and mount point. Every page's header and footer link a dozen of them, and routing
    each through the URL map on every request was a visible part of the uncached cart page."""
    kept: dict[tuple[str, str], str] = {}

    def fixed_url(endpoint: str) -> str:
        key = (request.script_root, endpoint)
        url = kept.get(key)
        if url is None:
            url = kept[key] = url_for(endpoint)
        return url

    return fixed_url
