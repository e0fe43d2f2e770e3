"""Template filters and the context every page shares (navigation, cart count)."""

from flask import Flask

from catalog.queries import departments
from promotions.engine.money import format_cents
from storefront.shelf_cache import cart_item_count, csrf_token


def register(app: Flask) -> None:
    app.add_template_filter(format_cents, "money")
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
