"""The admin's first page shows today's sales, promotions at work and stock to reorder."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in_admin

ADDRESS = {"name": "Ada", "line1": "1 Main St", "city": "Portland", "region": "OR", "postal_code": "97201"}
CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"}


def place_order(request, email: str = "dashboard@example.com", code: str | None = "BNR41921") -> dict:
    """Two blankets ($200), with BNR41921 by default, through the JSON API; the order as answered."""
    cart = request.post("/api/v1/carts", data={}).json()
    request.post(f"/api/v1/carts/{cart['token']}/lines", data={"sku": "SLP-BLANKET-15", "quantity": 2})
    if code:
        request.post(f"/api/v1/carts/{cart['token']}/codes", data={"code": code})
    order = request.post(
        f"/api/v1/carts/{cart['token']}/checkout",
        data={"email": email, "shipping_address": ADDRESS, "payment": CARD},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert order.status == 201, order.text()
    return order.json()


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def kpi(page, period: str, name: str) -> str:
    return page.get_by_role("region", name=period).locator(f"[data-kpi={name}]").inner_text()


def test_a_new_order_shows_on_the_dashboard_with_its_revenue_and_discount(page):
    sign_in_admin(page)
    orders_before = int(kpi(page, "Today", "orders"))
    revenue_before = int(re.sub(r"\D", "", kpi(page, "Today", "revenue")))
    discount_before = int(re.sub(r"\D", "", kpi(page, "Today", "discount")))

    total = place_order(page.request)["total_cents"]
    page.reload()

    assert int(kpi(page, "Today", "orders")) == orders_before + 1
    assert kpi(page, "Today", "revenue") == money(revenue_before + total)
    assert int(re.sub(r"\D", "", kpi(page, "Today", "discount"))) >= discount_before + 5000
    assert int(kpi(page, "Last 30 days", "orders")) >= orders_before + 1
    by_uses = page.get_by_role("region", name="Top promotions by uses")
    expect(by_uses).to_contain_text("$50 off orders of $200 or more")
    expect(page.locator("svg.report-chart")).to_be_visible()


def test_dashboard_lists_live_promotions_and_products_running_low(page):
    sign_in_admin(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Live \(\d+\)"))).to_be_visible()
    expect(page.locator(".dashboard-list").first).to_contain_text("20% off the CBD store")
    low = page.get_by_role("region", name="Products running low")
    expect(low.get_by_role("row", name=re.compile("CBD Isolate Drops"))).to_contain_text("Sold out")
