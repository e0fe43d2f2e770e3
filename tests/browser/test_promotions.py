"""A shopper in a real browser: the banner, BNR41921 at $200, and "add $X more" after removing one."""

import re

from playwright.sync_api import expect


def test_shopper_reaches_200_enters_bnr41921_sees_50_off_then_removes_an_item(page):
    page.goto("/")
    banner = page.get_by_role("region", name="Current offer")
    expect(banner).to_contain_text("SAVE $50 on $200 Orders")
    expect(banner).to_contain_text("Use code BNR41921")

    page.goto("/products/weighted-blanket-15lb")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.locator("#cart-subtotal")).to_have_text("$200.00")

    page.get_by_label("Promo code").fill("bnr41921 ")
    page.get_by_role("button", name="Apply").click()

    applied = page.locator("li[data-code=BNR41921]")
    expect(applied).to_contain_text("−$50.00")
    expect(page.locator("tr[data-sku=SLP-BLANKET-15]")).to_contain_text("You save $50.00")
    expect(page.locator("#cart-total")).to_have_text("$150.00")

    row = page.locator("tr[data-sku=SLP-BLANKET-15]")
    row.get_by_label(re.compile("Quantity of")).fill("1")
    row.get_by_role("button", name="Update").click()

    expect(page.locator(".promo-messages")).to_contain_text("Add $100.00 more to use BNR41921")
    expect(applied).to_contain_text("Not applied yet")
    expect(page.locator("#cart-total")).to_have_text("$100.00")


def test_the_banner_star_opens_the_offer_terms(page):
    page.goto("/")
    page.get_by_role("link", name="Offer terms").click()
    expect(page.get_by_role("heading", name="$50 off orders of $200 or more")).to_be_visible()
    expect(page.locator(".terms-text")).to_contain_text("One use per customer.")


def test_an_unknown_code_is_refused_and_the_cart_is_unchanged(page):
    page.goto("/products/weighted-blanket-15lb")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_label("Promo code").fill("NOTACODE")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("alert").first).to_contain_text("Code NOTACODE can't be used.")
    expect(page.locator("li[data-code]")).to_have_count(0)
    expect(page.locator("#cart-subtotal")).to_have_text("$100.00")
