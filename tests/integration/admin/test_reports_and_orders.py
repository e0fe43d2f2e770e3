"""Reports of what promotions earned and cost, and the orders admin."""

from datetime import UTC, datetime, timedelta

import pytest

from core.extensions import db
from storefront.checkout.models import Order, OrderDiscount, OrderStatus
from tests.actors import basic_auth
from tests.factories import OWNER


def _order(number: str, total: int, *, discount: int = 0, promotion_id: int | None = None,
           placed_at: datetime | None = None, status=OrderStatus.PLACED) -> Order:
    order = Order(
        number=number, status=status, email="shopper@example.com", ship_name="Sam", ship_line1="1 Main St",
        ship_city="Albany", ship_region="NY", ship_postal_code="12207", ship_country="US",
        shipping_method="standard", subtotal_cents=total + discount, discount_cents=discount,
        shipping_cents=0, tax_cents=0, total_cents=total,
        placed_at=(placed_at or datetime.now(UTC) - timedelta(hours=1)).replace(tzinfo=None),
    )
    if promotion_id is not None:
        order.discounts.append(OrderDiscount(promotion_id=promotion_id, name="CBD 20%", code="SAVE20",
                                             discount_class="product", amount_cents=discount, line_shares=[]))
    db.session.add(order)
    db.session.commit()
    return order


@pytest.fixture
def orders(app):
    _order("A1", 8000, discount=2000, promotion_id=7)
    _order("A2", 4000, discount=1000, promotion_id=7)
    _order("B1", 3000)
    _order("C1", 9999, discount=1, promotion_id=7, status=OrderStatus.CANCELLED)


def test_the_report_compares_orders_with_and_without_the_promotion(app, client, owner, orders):
    report = client.get("/api/v1/admin/reports/promotions?promotion=7", headers=basic_auth(OWNER)).get_json()
    assert (report["orders"], report["uses"], report["discount_cents"]) == (3, 2, 3000)
    assert (report["orders_with"], report["revenue_with_cents"], report["aov_with_cents"]) == (2, 12000, 6000)
    assert (report["orders_without"], report["revenue_without_cents"], report["aov_without_cents"]) == (1, 3000, 3000)
    assert sum(day["uses"] for day in report["days"]) == 2 and len(report["days"]) == 30


def test_the_overall_report_breaks_discounts_down_by_promotion(app, client, owner, orders):
    report = client.get("/api/v1/admin/reports/promotions", headers=basic_auth(OWNER)).get_json()
    assert report["promotions"] == [{"promotion_id": 7, "name": "CBD 20%", "uses": 2, "discount_cents": 3000}]


def test_orders_outside_the_period_are_left_out(app, client, owner, orders):
    long_ago = "?from=2020-01-01&to=2020-01-31"
    report = client.get(f"/api/v1/admin/reports/promotions{long_ago}", headers=basic_auth(OWNER)).get_json()
    assert report["orders"] == 0


def test_a_backwards_period_is_refused_with_422(app, client, owner):
    response = client.get("/api/v1/admin/reports/promotions?from=2025-02-01&to=2025-01-01", headers=basic_auth(OWNER))
    assert response.status_code == 422


def test_the_report_page_draws_an_svg_chart_and_offers_csv(app, merchant, orders):
    html = merchant.get("/admin/reports?promotion=7").get_data(as_text=True)
    assert '<svg class="report-chart"' in html and "2 orders · $120.00 revenue · average $60.00" in html
    csv = merchant.get("/admin/reports?promotion=7&format=csv")
    assert csv.mimetype == "text/csv" and "discount_cents,3000" in csv.get_data(as_text=True)


def test_the_orders_api_filters_by_status(app, client, owner, orders):
    page = client.get("/api/v1/admin/orders?status=cancelled", headers=basic_auth(OWNER)).get_json()
    assert [order["number"] for order in page["items"]] == ["C1"]


def test_the_orders_api_shows_one_order(app, client, owner, orders):
    order = client.get("/api/v1/admin/orders/A1", headers=basic_auth(OWNER)).get_json()
    assert order["discounts"][0]["code"] == "SAVE20"
    assert client.get("/api/v1/admin/orders/NOPE", headers=basic_auth(OWNER)).status_code == 404


def test_the_order_page_shows_lines_discounts_and_address(app, merchant, orders):
    html = merchant.get("/admin/orders/A1").get_data(as_text=True)
    assert "SAVE20" in html and "1 Main St" in html and "Cancel order" in html


def test_an_owner_cancels_an_order_from_its_page(app, merchant, orders):
    merchant.post("/admin/orders/B1/cancel")
    assert db.session.scalar(db.select(Order.status).where(Order.number == "B1")) == OrderStatus.CANCELLED


def test_the_order_list_searches_by_email(app, merchant, orders):
    html = merchant.get("/admin/orders?q=shopper@").get_data(as_text=True)
    assert "A1" in html and "4 orders" in html
