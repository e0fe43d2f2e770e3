"""Template filters and the context every page shares (navigation, cart count)."""

from flask import Flask, g

from catalog.queries import departments
from promotions.engine.money import format_cents
from storefront.cart.session import item_count


def _navigation_departments():
    if "nav_departments" not in g:
        g.nav_departments = departments()
    return g.nav_departments


def register(app: Flask) -> None:
    app.add_template_filter(format_cents, "money")

    @app.context_processor
    def shared_context():
        return {
            "store_name": app.config["STORE_NAME"],
            "nav_departments": _navigation_departments,
            "cart_item_count": item_count,
        }
