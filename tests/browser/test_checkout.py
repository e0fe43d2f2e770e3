"""A shopper checks out in a real browser: BNR41921 takes $50 off; a declined card keeps the cart."""

import re

from playwright.sync_api import expect


def add(page, slug: str) -> None:
    page.goto(f"/products/{slug}")
    page.get_by_role("button", name="Add to cart").click()


def fill_details(page, email: str) -> None:
    page.goto("/cart")
    page.get_by_role("link", name="Checkout").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Full name").fill("Ada Shopper")
    page.get_by_label("Street address").fill("1 Main St")
    page.get_by_label("City").fill("Portland")
    page.get_by_label("State").select_option("OR")
    page.get_by_label("ZIP code").fill("97201")
    page.get_by_role("button", name="Continue to review").click()
    expect(page.get_by_role("heading", name="Review and pay")).to_be_visible()


def pay(page, card: str) -> None:
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiry month").fill("12")
    page.get_by_label("Expiry year").fill("2099")
    page.get_by_label("Security code").fill("123")
    page.get_by_role("button", name=re.compile("Place order")).click()


def test_shopper_buys_200_dollars_with_bnr41921_and_sees_50_off_on_the_confirmation(page):
    add(page, "percussion-massage-gun")
    add(page, "natural-cork-yoga-mat")
    page.get_by_label("Promo code").fill("bnr41921")
    page.get_by_role("button", name="Apply").click()
    fill_details(page, "bnr-buyer@example.com")
    expect(page.locator(".discount-amount")).to_have_text("−$50.00")
    pay(page, "4242 4242 4242 4242")
    expect(page.get_by_role("heading", name=re.compile("Your order is placed"))).to_be_visible()
    expect(page.locator("#order-number")).to_have_text(re.compile(r"^VV-\w{4}-\w{4}$"))
    expect(page.locator(".discount-amount")).to_have_text("−$50.00")
    # $149.95 + $89.00 - $50.00, free shipping over $75, Oregon has no sales tax
    expect(page.locator("#summary-total")).to_have_text("$188.95")


def test_declined_card_shows_a_clear_message_and_the_cart_is_intact(page):
    add(page, "natural-cork-yoga-mat")
    fill_details(page, "declined@example.com")
    pay(page, "4000 0000 0000 0002")
    expect(page.locator("#checkout-error")).to_contain_text("Your card was declined")
    page.goto("/cart")
    expect(page.locator("tr[data-sku]")).to_have_count(1)
    expect(page.locator(".cart-count")).to_have_text("1")
