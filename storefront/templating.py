"""Template filters and the context every page shares (navigation, cart count)."""

from flask import Flask, request, url_for
from flask.templating import Environment

from catalog import navigation
from catalog.queries import departments
from core import fragments
from promotions.engine.money import format_cents
from storefront import chrome
from storefront.shelf_cache import cart_item_count, csrf_token


def register(app: Flask) -> None:
    app.add_template_filter(format_cents, "money")
    fragments.init_app(app)  # where the chrome and the department links are kept rendered
    navigation.init_app(app)  # `department_links()`: the header's links, kept per catalog version
    chrome.init_app(app)  # `site_banner_html()`, `site_header()`, `site_footer()`: kept rendered
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


class StoreEnvironment(Environment):
    """Flask's Jinja environment, with templates reading the shared globals directly.

    Jinja gives each template a ChainMap of its own globals over the environment's, and
    copies it into every render's context and diffs its keys on every macro import; through
    ChainMap's exception-driven lookups that was a tenth of the cart page's template time.
    No template here has globals of its own, and nothing changes a template's globals, so a
    template without any shares the environment's dict (what Jinja 2 did).
    """

    def make_globals(self, d):
        return super().make_globals(d) if d else self.globals


def _fixed_urls():
    """`fixed_url(endpoint, **placeholders)`: an endpoint's URL routed once per process and
    mount point. Pages link several that take no arguments (the empty cart's "Start
    shopping", the checkout button), and a list links one per item: the cart routes
    `fixed_url('cart.update', sku='__sku__')` once and puts each line's SKU in its place.
    Routing each through the URL map on every request was a visible part of the uncached
    cart page. Only placeholders (`__name__`) are taken as values, so what is kept is bounded
    by the templates, never by what shoppers send."""
    kept: dict[tuple, str] = {}

    def fixed_url(endpoint: str, **placeholders: str) -> str:
        key = (request.script_root, endpoint, *placeholders.items())
        url = kept.get(key)
        if url is None:
            if not all(_is_placeholder(value) for value in placeholders.values()):
                raise ValueError(f"fixed_url takes placeholders like '__sku__', not {placeholders!r}")
            url = kept[key] = url_for(endpoint, **placeholders)
        return url

    return fixed_url


def _is_placeholder(value: object) -> bool:
    return isinstance(value, str) and len(value) > 4 and value.startswith("__") and value.endswith("__")
