"""Free gifts at checkout: stock taken with the order, recorded at $0, never blocking the order."""

from datetime import timedelta

from sqlalchemy import update

from catalog.models import Product
from core.extensions import db
from promotions.models import Promotion
from storefront.admin.reporting import build_report
from storefront.checkout import gifts
from storefront.checkout.models import Order, OrderLine
from tests.factories import make_admin
from tests.integration.checkout.helpers import checkout, fresh, new_cart
from tests.integration.checkout.test_cancel_and_restrictions import cancel
from tests.integration.promotions.builders import make_gift_promotion, tote_gift


def spent(promotion_id) -> tuple[int, int]:
    row = fresh(Promotion, promotion_id)
    return row.times_used, row.given_cents


def test_the_order_records_the_gift_at_zero_with_its_promotion(client, mat, tote):
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    response = checkout(client, new_cart(client, ("MAT-1", 2)))
    assert response.status_code == 201
    body = response.get_json()
    assert [line["sku"] for line in body["lines"]] == ["MAT-1"] and body["discounts"] == []
    assert body["gifts"] == [tote_gift(promotion.id)]
    assert body["subtotal_cents"] == 8000 and body["discount_cents"] == 0 and body["messages"] == []
    line = db.session.scalar(db.select(OrderLine).where(OrderLine.sku == "TOTE-1"))
    assert (line.gift_promotion_id, line.unit_price_cents, line.total_cents) == (promotion.id, 0, 0)
    assert fresh(Product, tote.id).stock == 2 and fresh(Product, mat.id).stock == 3
    assert spent(promotion.id) == (1, 1500)  # the gift's retail value is what it cost
    again = client.get(f"/api/v1/orders/{body['number']}", query_string={"email": "ada@example.com"})
    assert again.get_json()["gifts"] == body["gifts"]


def test_a_gift_sold_out_at_the_take_leaves_the_order_without_it(client, mat, tote, monkeypatch):
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    wanted = gifts.stock_wanted

    def last_tote_sold_meanwhile(offered):
        db.session.execute(update(Product).where(Product.sku == "TOTE-1").values(stock=0))
        return wanted(offered)

    monkeypatch.setattr(gifts, "stock_wanted", last_tote_sold_meanwhile)
    response = checkout(client, new_cart(client, ("MAT-1", 2)))
    assert response.status_code == 201
    body = response.get_json()
    assert body["gifts"] == [] and [line["sku"] for line in body["lines"]] == ["MAT-1"]
    assert body["messages"] == [
        "The free gift Canvas Tote from Free TOTE-1 ran out of stock, so your order was placed without it."
    ]
    assert fresh(Product, tote.id).stock == 0 and fresh(Product, mat.id).stock == 3
    assert spent(promotion.id) == (0, 0)  # the gift's claim went back with it


def test_a_gift_out_of_stock_before_checkout_is_named_and_the_order_placed(client, mat, tote):
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    tote.stock = 0
    db.session.commit()
    body = checkout(client, new_cart(client, ("MAT-1", 2))).get_json()
    assert body["number"] and body["gifts"] == []
    assert body["messages"] == ["The free gift from Free TOTE-1 isn't available, so your order was placed without it."]
    assert spent(promotion.id) == (0, 0) and fresh(Product, tote.id).stock == 0


def test_a_gift_budget_counts_the_gifts_retail_value(client, mat, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=5000, budget_cents=1500)
    assert checkout(client, new_cart(client, ("MAT-1", 2))).get_json()["gifts"]
    cart = client.get(f"/api/v1/carts/{new_cart(client, ('MAT-1', 2))}").get_json()
    assert cart["gifts"] == [] and "Free TOTE-1 is no longer available." in cart["messages"]


def test_cancelling_gives_the_gift_back_to_stock_and_its_value_to_the_promotion(client, mat, tote):
    make_admin()
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    number = checkout(client, new_cart(client, ("MAT-1", 2))).get_json()["number"]
    assert cancel(client, number).status_code == 200
    assert fresh(Product, tote.id).stock == 3 and spent(promotion.id) == (0, 0)


def test_reporting_counts_the_gifts_value_as_the_promotions_cost(client, mat, tote):
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=5000)
    checkout(client, new_cart(client, ("MAT-1", 2)))
    day = fresh(Order, 1).placed_at.date()
    report = build_report(day - timedelta(days=1), day + timedelta(days=1))
    assert [(line.promotion_id, line.discount_cents) for line in report.promotions] == [(promotion.id, 1500)]


def test_the_review_and_confirmation_pages_show_the_gift(shopper, tea, tote):
    make_gift_promotion("TOTE-1", min_subtotal_cents=2000)
    shopper.add_to_cart("TEA-1", 2)
    review = shopper.review()
    assert 'data-gift="true"' in review and "Canvas Tote" in review
    placed = shopper.place(review)
    page = shopper.get(placed.location).get_data(as_text=True)
    row = page[page.index('data-gift="true"'):]
    assert "Canvas Tote" in row[: row.index("</tr>")] and "Free gift" in row[: row.index("</tr>")]
    assert "Free TOTE-1" not in page[page.index("Subtotal"):]  # not listed as money off
