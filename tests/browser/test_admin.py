"""An owner sets up a promotion in the admin, previews it, saves it; a shopper gets it."""

import re

from playwright.sync_api import expect

from tests.browser.steps import confirm_age, sign_in_admin
from tests.factories import OWNER

# The demo store may already run a combinable "20% off the CBD store"; ours is exclusive
# with a higher priority, so on a tie it is the one the shopper gets, and its own name
# tells the two apart.
NAME = "20% off the CBD store (spring)"


def test_owner_creates_previews_and_saves_a_cbd_promotion_that_a_shopper_then_gets(page, browser, live_server):
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    page.locator("#name").fill(NAME)
    page.locator("#status").select_option("active")
    page.locator("#priority").fill("100")
    page.locator("#stacking").select_option("exclusive")
    page.get_by_role("combobox", name="Departments").fill("CBD")
    page.get_by_role("option", name="CBD Store").click()
    page.locator("#benefit_type").select_option("percent_off")
    page.locator("#percent").fill("20")
    expect(page.locator("[data-summary]")).to_have_text(re.compile(r"^20% off CBD Store items, not combined with other offers"))

    page.locator("[data-preview-product]").select_option("CBD-OIL-500")
    page.get_by_role("button", name="Add to sample").click()
    expect(page.locator("#sample")).to_have_value("CBD-OIL-500 1")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview-result")
    expect(preview).to_contain_text(f"{NAME}: $10.00 off")
    expect(preview.locator(".preview-explanations")).not_to_contain_text(f"{NAME}: {NAME}")
    expect(preview.locator("[data-preview-discount]")).to_have_text("$10.00")

    page.get_by_role("button", name="Save promotion").click()
    expect(page.locator(".flash-success")).to_contain_text(f"“{NAME}” saved.")
    expect(page.get_by_role("heading", name=re.compile(re.escape(NAME)))).to_be_visible()

    shopper = browser.new_context(base_url=live_server).new_page()
    try:
        confirm_age(shopper)
        shopper.goto("/products/full-spectrum-cbd-oil-500mg")
        shopper.get_by_role("button", name="Add to cart").click()
        shopper.goto("/cart")
        saving = shopper.locator(".summary-row.saving", has_text=NAME)
        expect(saving).to_contain_text("−$10.00")  # 20% of $49.99, rounded half-up
    finally:
        shopper.context.close()

    page.get_by_role("link", name="Audit log").click()
    expect(page.locator(".audit-entry").first).to_contain_text(f"create by {OWNER}")
    expect(page.locator(".audit-entry").first).to_contain_text("rule.benefit.percent")
