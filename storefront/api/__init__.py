"""JSON API wiring: flask-smorest with our error envelope and the OpenAPI document."""

from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields

from core.extensions import csrf
from storefront.cart.schemas import RepricedCart
from storefront.inputs import IdConverter


class ErrorBody(Schema):
    code = fields.String(required=True, metadata={"example": "invalid"})
    message = fields.String(required=True, metadata={"example": "Quantity must be between 1 and 99."})
    changes = fields.List(
        fields.String(),
        metadata={
            "description": "Checkout's 409 cart_changed only: what moved since the shopper looked.",
            "example": ["Only 2 left of Melatonin 3 mg."],
        },
    )
    fields = fields.Dict(
        required=True,
        keys=fields.String(),
        metadata={"example": {"quantity": ["Quantity must be between 1 and 99."]}},
    )


class ErrorEnvelope(Schema):
    error = fields.Nested(ErrorBody, required=True)
    cart = fields.Nested(
        RepricedCart,
        metadata={"description": "Checkout's 409 cart_changed only: the cart as it prices now."},
    )


class StoreApi(Api):
    """flask-smorest, but errors go through storefront.errors so pages and API agree."""

    ERROR_SCHEMA = ErrorEnvelope

    def _register_error_handlers(self):
        """storefront.errors already answers every HTTP error, JSON under /api/."""


def api_blueprints():
    from catalog.admin_api import blp as admin_products
    from catalog.api import blp as products
    from promotions.admin_api import blp as admin_promotions
    from storefront.admin.orders_api import blp as admin_orders
    from storefront.admin.reports_api import blp as admin_reports
    from storefront.cart.api import blp as carts
    from storefront.checkout.api import blp as checkout
    from storefront.content.api import blp as articles

    return [
        products, carts, admin_products, checkout, admin_promotions, articles,
        admin_orders, admin_reports,
    ]


def id_parameter(converter: IdConverter) -> dict:
    """An id in a path: bounded like its column; the example names the first row (seeded)."""
    return {"type": "integer", "minimum": 1, "maximum": converter.max, "example": 1}


def register_api(app: Flask) -> StoreApi:
    from storefront.api.links import CartWorkflowLinks
    from storefront.api.spec import ErrorResponses

    api = StoreApi(
        app,
        spec_kwargs={
            "info": {"description": "Catalog, carts and admin API. Money is integer cents."},
            "extra_plugins": [ErrorResponses(), CartWorkflowLinks()],
        },
    )
    api.spec.components.security_scheme(
        "basicAuth", {"type": "http", "scheme": "basic", "description": "An admin's email and password."}
    )
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "A personal API token made in the admin (/admin/tokens)."},
    )
    api.register_converter(IdConverter, id_parameter)
    for blueprint in api_blueprints():
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)
    app.extensions["store_api"] = api
    return api
