"""JSON API wiring: flask-smorest with our error envelope and the OpenAPI document."""

from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields

from storefront.extensions import csrf


class ErrorBody(Schema):
    code = fields.String(metadata={"example": "invalid"})
    message = fields.String(metadata={"example": "Quantity must be between 1 and 99."})
    fields = fields.Dict(
        keys=fields.String(), metadata={"example": {"quantity": ["Quantity must be between 1 and 99."]}}
    )


class ErrorEnvelope(Schema):
    error = fields.Nested(ErrorBody)


class StoreApi(Api):
    """flask-smorest, but errors go through storefront.errors so pages and API agree."""

    ERROR_SCHEMA = ErrorEnvelope

    def _register_error_handlers(self):
        """storefront.errors already answers every HTTP error, JSON under /api/."""


def api_blueprints():
    from catalog.admin_api import blp as admin_products
    from catalog.api import blp as products
    from storefront.cart.api import blp as carts

    return [products, carts, admin_products]


def register_api(app: Flask) -> StoreApi:
    api = StoreApi(app, spec_kwargs={"info": {"description": "Catalog, carts and admin API. Money is integer cents."}})
    api.spec.components.security_scheme(
        "basicAuth", {"type": "http", "scheme": "basic", "description": "An admin's email and password."}
    )
    for blueprint in api_blueprints():
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)
    app.extensions["store_api"] = api
    return api
