"""A shopper in a real browser: CBD age gate, adding products, changing a quantity."""

import re

from playwright.sync_api import expect

from tests.browser.steps import confirm_age


def test_shopper_confirms_age_adds_two_products_changes_quantity_and_sees_subtotal(page):
    confirm_age(page)
    expect(page.get_by_role("heading", name="The CBD Store")).to_be_visible()

    page.goto("/products/full-spectrum-cbd-oil-500mg")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.locator(".flash-success")).to_contain_text("Full-Spectrum CBD Oil 500mg")

    page.goto("/products/arnica-gel-75g")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()

    row = page.locator("tr[data-sku=CBD-OIL-500]")
    row.get_by_label(re.compile("Quantity of")).fill("3")
    row.get_by_role("button", name="Update").click()

    # 3 x $49.99 + 2 x $12.99 = $175.95
    expect(page.locator("#cart-subtotal")).to_have_text("$175.95")
    expect(page.locator(".cart-count")).to_have_text("5")


def test_cbd_product_page_is_gated_until_age_is_confirmed(page):
    page.goto("/products/full-spectrum-cbd-oil-500mg")
    expect(page.get_by_role("heading", name=re.compile("21 or older"))).to_be_visible()
