"""The JSON API side of checkout tests: a cart built through the API, a valid checkout body."""

import itertools

from core.extensions import db

_keys = itertools.count(1)

APPROVED = "4242424242424242"
DECLINED = "4000000000000002"
INSUFFICIENT = "4000000000009995"


def address(**overrides) -> dict:
    return {
        "name": "Ada Shopper",
        "line1": "1 Main St",
        "city": "Springfield",
        "region": "OR",
        "postal_code": "97477",
        "country": "US",
    } | overrides


def checkout_body(*, card: str = APPROVED, email: str = "ada@example.com", **overrides) -> dict:
    body = {
        "email": email,
        "shipping_address": address(),
        "shipping_method": "standard",
        "payment": {"card_number": card, "exp_month": 12, "exp_year": 2099, "cvc": "123"},
    }
    body.update(overrides)
    return body


def new_cart(client, *lines: tuple[str, int]) -> str:
    token = client.post("/api/v1/carts").get_json()["token"]
    for sku, quantity in lines:
        response = client.post(f"/api/v1/carts/{token}/lines", json={"sku": sku, "quantity": quantity})
        assert response.status_code == 200, response.get_json()
    return token


def checkout(client, token: str, body: dict | None = None, *, key: str | None = "auto"):
    headers = {}
    if key == "auto":
        key = f"key-{next(_keys)}"
    if key:
        headers["Idempotency-Key"] = key
    return client.post(f"/api/v1/carts/{token}/checkout", json=body or checkout_body(), headers=headers)


def fresh(model, id_):
    db.session.rollback()  # a fresh snapshot (SQLite WAL keeps the old one)
    return db.session.get(model, id_)
