"""Guessing codes: ten refusals in ten minutes, per address and per cart, then 429."""

import pytest

from tests.integration.promotions.builders import bnr_rule, make_blanket, make_promotion


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}


@pytest.fixture
def cart(client, app):
    make_blanket()
    make_promotion(bnr_rule())
    return client.post("/api/v1/carts").get_json()["token"]


def enter(client, token, code):
    return client.post(f"/api/v1/carts/{token}/codes", json={"code": code})


def test_the_eleventh_refused_code_is_429_with_retry_after(client, cart):
    for n in range(10):
        assert enter(client, cart, f"GUESS{n:03d}").status_code == 422
    response = enter(client, cart, "GUESS999")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many codes" in response.get_json()["error"]["message"]


def test_a_throttled_cart_cannot_apply_even_a_good_code(client, cart):
    for n in range(10):
        enter(client, cart, f"GUESS{n:03d}")
    assert enter(client, cart, "BNR41921").status_code == 429
    assert client.get(f"/api/v1/carts/{cart}").get_json()["codes"] == []


def test_accepted_codes_do_not_count(client, cart):
    for _ in range(12):
        assert enter(client, cart, "BNR41921").status_code == 200


def test_the_cart_page_is_throttled_with_a_clear_message(client, cart):
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "1"})
    for n in range(10):
        assert client.post("/cart/codes", data={"code": f"GUESS{n:03d}"}).status_code == 422
    response = client.post("/cart/codes", data={"code": "GUESS999"})
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert "Too many codes were refused" in response.get_data(as_text=True)
