"""A free gift in a real browser: it comes at $0 with the code, goes when the cart drops below, ships with the order."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_checkout import add, fill_details, pay


@pytest.fixture(scope="module")
def gift_code(live_app):
    """A code that gives a Lavender Pillow Mist on carts of $30 or more (only for who types it)."""
    from promotions import service
    from promotions.schemas import PromotionIn

    with live_app.app_context():
        service.create_promotion(
            PromotionIn().load(
                {
                    "name": "Pillow mist on us",
                    "trigger": "code",
                    "codes": ["SLEEPGIFT"],
                    "conditions": [{"type": "min_subtotal", "amount_cents": 3000}],
                    "benefit": {"type": "free_gift", "sku": "SLP-MIST-LAV"},
                }
            )
        )
    return "SLEEPGIFT"


def test_the_gift_line_comes_and_goes_with_the_threshold_and_is_on_the_order(page, gift_code):
    add(page, "high-density-foam-roller")  # $29.99: one cent short
    page.get_by_label("Promo code").fill(gift_code.lower())
    page.get_by_role("button", name="Apply").click()
    gift = page.locator("tr.gift-line")
    expect(gift).to_have_count(0)
    expect(page.locator(".promo-messages")).to_contain_text("Add $0.01 more to use SLEEPGIFT")

    roller = page.locator("tr[data-sku=WT-FOAM-ROLLER]")
    roller.get_by_label(re.compile("Quantity of")).fill("2")
    roller.get_by_role("button", name="Update").click()
    expect(gift).to_have_count(1)
    expect(gift).to_contain_text("Lavender Pillow Mist")
    expect(gift).to_contain_text("Free gift")
    expect(gift.locator("td[data-label=Total]")).to_have_text("$0.00")
    expect(gift.locator("input, button")).to_have_count(0)  # nothing to change or remove
    expect(page.locator("#cart-subtotal")).to_have_text("$59.98")

    roller.get_by_label(re.compile("Quantity of")).fill("1")
    roller.get_by_role("button", name="Update").click()
    expect(gift).to_have_count(0)

    roller.get_by_label(re.compile("Quantity of")).fill("2")
    roller.get_by_role("button", name="Update").click()
    fill_details(page, "gift-buyer@example.com")
    expect(page.locator("tr.gift-line")).to_contain_text("Lavender Pillow Mist")
    pay(page, "4242 4242 4242 4242")
    expect(page.get_by_role("heading", name=re.compile("Your order is placed"))).to_be_visible()
    expect(page.locator("tr.gift-line")).to_contain_text("Free gift")
    expect(page.locator("#summary-subtotal")).to_have_text("$59.98")
