"""Free gifts in the cart: at $0, there while the conditions hold, never editable, never counted."""

from core.extensions import db
from tests.integration.checkout.helpers import new_cart
from tests.integration.promotions.builders import bnr_rule, make_gift_promotion, tote_gift


def cart(client, token):
    return client.get(f"/api/v1/carts/{token}").get_json()


def set_lines(client, token, sku, quantity):
    return client.patch(f"/api/v1/carts/{token}/lines/{sku}", json={"quantity": quantity})


def test_the_gift_appears_at_zero_when_the_conditions_hold(client, mat, tote):
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    body = cart(client, new_cart(client, ("MAT-1", 2)))
    assert body["gifts"] == [tote_gift(promotion.id)]
    assert [line["sku"] for line in body["lines"]] == ["MAT-1"]
    assert body["subtotal_cents"] == 8000 and body["total_cents"] == 8000 + body["shipping_cents"]
    assert body["discounts"] == [] and body["item_count"] == 2
    assert "Free TOTE-1: a free gift is in your cart." in body["messages"]


def test_the_gift_goes_when_the_conditions_stop_holding(client, mat, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    token = new_cart(client, ("MAT-1", 2))
    assert cart(client, token)["gifts"]
    body = set_lines(client, token, "MAT-1", 1).get_json()
    assert body["gifts"] == []
    assert "Add $10.00 more to get Free TOTE-1" in body["messages"]


def test_the_gifts_own_price_never_counts_towards_the_threshold(client, tea, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    # $37.50 of tea + the $15.00 tote would reach $50.00: the tote is not paid for, so no gift.
    assert cart(client, new_cart(client, ("TEA-1", 3)))["gifts"] == []


def test_a_paid_line_of_the_gift_product_counts_and_keeps_its_price(client, tea, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    body = cart(client, new_cart(client, ("TEA-1", 3), ("TOTE-1", 1)))
    assert [gift["sku"] for gift in body["gifts"]] == ["TOTE-1"]
    paid = {line["sku"]: line for line in body["lines"]}
    assert paid["TOTE-1"]["total_cents"] == 1500 and body["subtotal_cents"] == 5250


def test_the_shopper_cannot_change_the_gifts_quantity(client, mat, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000, quantity=2)
    token = new_cart(client, ("MAT-1", 2))
    assert set_lines(client, token, "TOTE-1", 5).status_code == 404
    assert client.delete(f"/api/v1/carts/{token}/lines/TOTE-1").status_code == 404
    body = cart(client, token)
    assert [(gift["sku"], gift["quantity"]) for gift in body["gifts"]] == [("TOTE-1", 2)]
    assert [line["sku"] for line in body["lines"]] == ["MAT-1"]


def test_an_out_of_stock_gift_is_not_added_and_the_shopper_is_told(client, mat, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    tote.stock = 0
    db.session.commit()
    body = cart(client, new_cart(client, ("MAT-1", 2)))
    assert body["gifts"] == []
    assert "The free gift Canvas Tote from Free TOTE-1 is out of stock, so it isn't in your cart." in body["messages"]
    assert not any("a free gift is in your cart" in message for message in body["messages"])


def test_the_gift_needs_stock_beyond_the_paid_units_of_the_same_product(client, tea, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    body = cart(client, new_cart(client, ("TEA-1", 2), ("TOTE-1", 3)))  # all 3 totes are paid for
    assert body["gifts"] == [] and any("out of stock" in message for message in body["messages"])


def test_a_gift_code_adds_its_gift(client, tea, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=None, code="TOTEBAG")
    token = new_cart(client, ("TEA-1", 1))
    assert cart(client, token)["gifts"] == []
    body = client.post(f"/api/v1/carts/{token}/codes", json={"code": "totebag"}).get_json()
    assert [(gift["sku"], gift["code"]) for gift in body["gifts"]] == [("TOTE-1", "TOTEBAG")]
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": 1})
    client.post("/cart/codes", data={"code": "TOTEBAG"})
    page = client.get("/cart").get_data(as_text=True)
    code = page[page.index('data-code="TOTEBAG"'):]
    assert "Free gift" in code[: code.index("</li>")] and "Not applied yet" not in code[: code.index("</li>")]


def test_the_cart_page_shows_the_gift_line_labelled_at_zero(client, mat, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    client.post("/cart/add", data={"sku": "MAT-1", "quantity": 2})
    page = client.get("/cart").get_data(as_text=True)
    row = page[page.index('data-gift="true"'):]
    row = row[: row.index("</tr>")]
    assert "Canvas Tote" in row and "Free gift" in row and "$0.00" in row
    assert "<form" not in row and "qty-input" not in row


def test_the_admin_api_refuses_a_gift_of_an_unknown_or_age_restricted_product(client, cbd_oil, tote, owner_headers):
    headers = owner_headers
    url = "/api/v1/admin/promotions"
    for sku, words in (("NOPE-1", "No product has the SKU NOPE-1."), ("CBD-1", "age-restricted")):
        response = client.post(url, json=bnr_rule(benefit={"type": "free_gift", "sku": sku}), headers=headers)
        assert response.status_code == 422
        assert words in response.get_json()["error"]["fields"]["benefit"]["sku"][0]
    created = client.post(url, json=bnr_rule(benefit={"type": "free_gift", "sku": "TOTE-1"}), headers=headers)
    assert created.status_code == 201 and created.get_json()["benefit"] == {
        "type": "free_gift", "sku": "TOTE-1", "quantity": 1
    }
