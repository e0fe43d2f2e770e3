"""Shoppers enter codes on the cart page and through the API."""

import pytest

from tests.integration.promotions.builders import (
    bnr_rule,
    days,
    make_blanket,
    make_promotion,
    use_up,
)


@pytest.fixture
def blanket(app):
    return make_blanket()


@pytest.fixture
def bnr(app):
    return make_promotion(bnr_rule())


@pytest.fixture
def cart(client, blanket):
    return client.post("/api/v1/carts").get_json()["token"]


def add(client, token, quantity):
    return client.post(f"/api/v1/carts/{token}/lines", json={"sku": "SLP-BLANKET-15", "quantity": quantity})


def enter(client, token, code):
    return client.post(f"/api/v1/carts/{token}/codes", json={"code": code})


def test_a_200_dollar_cart_with_bnr41921_gets_50_dollars_off(client, cart, bnr):
    add(client, cart, 2)
    body = enter(client, cart, "bnr41921 ").get_json()
    assert body["codes"] == ["BNR41921"]
    assert body["discount_cents"] == 5000 and body["total_cents"] == 15000 + body["shipping_cents"]
    assert body["discounts"][0]["code"] == "BNR41921"
    assert body["discounts"][0]["lines"] == [{"sku": "SLP-BLANKET-15", "amount_cents": 5000}]
    assert body["lines"][0]["discount_cents"] == 5000


def test_a_code_the_cart_does_not_qualify_for_yet_stays_and_says_how_much_more(client, cart, bnr):
    add(client, cart, 1)
    response = enter(client, cart, "BNR41921")
    body = response.get_json()
    assert response.status_code == 200
    assert body["codes"] == ["BNR41921"] and body["discount_cents"] == 0
    assert "Add $100.00 more to use BNR41921" in body["messages"]


def test_a_pending_code_applies_once_the_cart_qualifies(client, cart, bnr):
    add(client, cart, 1)
    enter(client, cart, "BNR41921")
    body = add(client, cart, 1).get_json()
    assert body["discount_cents"] == 5000


def test_removing_an_item_below_the_threshold_says_how_much_more(client, cart, bnr):
    add(client, cart, 2)
    enter(client, cart, "BNR41921")
    body = client.patch(f"/api/v1/carts/{cart}/lines/SLP-BLANKET-15", json={"quantity": 1}).get_json()
    assert body["discount_cents"] == 0 and body["codes"] == ["BNR41921"]
    assert "Add $100.00 more to use BNR41921" in body["messages"]


def test_removing_a_code_takes_its_discount_away(client, cart, bnr):
    add(client, cart, 2)
    enter(client, cart, "BNR41921")
    response = client.delete(f"/api/v1/carts/{cart}/codes/bnr41921")
    assert response.status_code == 200
    assert response.get_json()["codes"] == [] and response.get_json()["discount_cents"] == 0


def test_removing_a_code_not_on_the_cart_is_404(client, cart, bnr):
    assert client.delete(f"/api/v1/carts/{cart}/codes/BNR41921").status_code == 404


def test_entering_the_same_code_twice_changes_nothing(client, cart, bnr):
    add(client, cart, 2)
    first = enter(client, cart, "BNR41921").get_json()
    assert enter(client, cart, " bnr41921").get_json() == first


def refusal(client, token, code):
    response = enter(client, token, code)
    body = response.get_json()
    return response.status_code, repr(body).replace(code.strip().upper(), "<CODE>")


def test_unknown_expired_future_and_used_up_codes_get_the_same_refusal(client, cart, app):
    add(client, cart, 2)
    make_promotion(bnr_rule(codes=["OLDCODE"], starts_at=days(-10), ends_at=days(-1)))
    make_promotion(bnr_rule(codes=["SOONCODE"], starts_at=days(1)))
    used = make_promotion(bnr_rule(codes=["GONECODE"], usage_limit=1))
    use_up(used)
    answers = {refusal(client, cart, code) for code in ("NOPECODE", "oldcode", "SOONCODE", "GONECODE")}
    assert len(answers) == 1
    status, body = answers.pop()
    assert status == 422 and "can't be used" in body and "code_refused" in body
    assert client.get(f"/api/v1/carts/{cart}").get_json()["codes"] == []


def test_a_paused_promotions_code_is_refused_like_an_unknown_one(client, cart, app):
    make_promotion(bnr_rule(), status="paused")
    assert refusal(client, cart, "BNR41921") == refusal(client, cart, "NOPECODE")


def test_a_blank_code_is_refused(client, cart, bnr):
    assert enter(client, cart, "   ").status_code == 422


# --- the cart page ---------------------------------------------------------------------


def test_cart_page_applies_a_code_and_lists_it_with_its_saving(client, blanket, bnr):
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "2"})
    response = client.post("/cart/codes", data={"code": "bnr41921 "}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-code="BNR41921"' in html and "−$50.00" in html
    assert "$150.00" in html


def test_cart_page_refuses_an_unknown_code_with_a_422_and_keeps_the_cart(client, blanket, bnr):
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "2"})
    response = client.post("/cart/codes", data={"code": "NOPECODE"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Code NOPECODE can&#39;t be used." in html
    assert "data-code=" not in html


def test_cart_page_shows_how_much_more_to_spend(client, blanket, bnr):
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "1"})
    client.post("/cart/codes", data={"code": "BNR41921"})
    html = client.get("/cart").get_data(as_text=True)
    assert "Add $100.00 more to use BNR41921" in html and "Not applied yet" in html


def test_cart_page_removes_a_code(client, blanket, bnr):
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "2"})
    client.post("/cart/codes", data={"code": "BNR41921"})
    html = client.post("/cart/codes/BNR41921/remove", follow_redirects=True).get_data(as_text=True)
    assert 'data-code="BNR41921"' not in html and "$200.00" in html


def test_cart_page_names_automatic_promotions(client, blanket):
    make_promotion({
        "name": "Sleep week", "trigger": "automatic", "eligible": {"departments": ["sleep"]},
        "benefit": {"type": "percent_off", "percent": 10},
    })
    client.post("/cart/add", data={"sku": "SLP-BLANKET-15", "quantity": "1"})
    html = client.get("/cart").get_data(as_text=True)
    assert "Sleep week" in html and "You save $10.00" in html
