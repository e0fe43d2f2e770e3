"""The admin's first page shows today's sales, promotions at work and stock to reorder."""

import re

from playwright.sync_api import expect

from tests.browser.steps import place_order, sign_in_admin


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
