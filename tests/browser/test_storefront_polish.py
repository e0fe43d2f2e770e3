"""What a new shopper trips over: prices that disagree, the age gate, filters, pages that don't exist."""

import re

from playwright.sync_api import expect

from tests.browser.steps import PHONE, cancel_order, confirm_age, place_order

OIL = "Full-Spectrum CBD Oil 500mg"


def test_a_cbd_item_added_before_the_age_question_asks_it_then_lands_in_the_cart(page):
    page.goto("/search?q=full-spectrum+cbd+oil+500mg")
    page.get_by_role("button", name=f"Add to cart {OIL}").click()
    expect(page.get_by_role("heading", name=re.compile("21 or older"))).to_be_visible()
    page.get_by_role("button", name="Yes, I am 21 or older").click()
    expect(page).to_have_url(re.compile(r"/cart$"))
    expect(page.locator("tr[data-sku=CBD-OIL-500]")).to_be_visible()


def test_listing_product_page_and_cart_agree_on_the_cbd_oils_price(page):
    confirm_age(page)
    page.goto("/search?q=full-spectrum+cbd+oil+500mg")
    card = page.locator(".product-card", has_text=OIL)
    now, was = card.locator(".sale-price").inner_text(), card.locator(".compare-at").inner_text()
    card.get_by_role("link").click()
    expect(page.locator(".product-info .sale-price")).to_have_text(now)
    expect(page.locator(".product-info .compare-at")).to_have_text(was)
    page.get_by_role("button", name="Add to cart").click()
    line = page.locator("tr[data-sku=CBD-OIL-500]")
    expect(line.locator("s")).to_have_text(was)
    expect(line).to_contain_text(now)


def test_a_mistyped_price_filter_keeps_the_page_with_a_message_beside_it(page):
    response = page.goto("/shop?min_price=ten")
    assert response.status == 422
    expect(page.get_by_role("heading", name="Shop all products")).to_be_visible()
    expect(page.locator("#f-min")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-min_price-error")).to_have_text("Enter an amount like 12.50.")
    expect(page.locator(".product-card").first).to_be_visible()
    expect(page.get_by_text("min_price")).to_have_count(0)


def test_a_page_past_the_end_says_there_is_no_such_page(page):
    response = page.goto("/shop?page=99")
    assert response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("There is no page 99")
    page.get_by_role("link", name="Go to the first page").click()
    expect(page.locator(".product-card").first).to_be_visible()


def test_the_heading_follows_the_department_filter_and_tags_filter_by_tag(page):
    page.goto("/shop?department=sleep")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sleep")
    page.goto("/products/weighted-blanket-15lb")
    tag = page.locator(".tags a").first
    name = tag.inner_text()
    tag.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Products tagged “{name}”")
    expect(page.locator(".product-card", has_text="Weighted Blanket")).to_have_count(1)


def test_review_lines_keep_their_labels_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/products/weighted-blanket-15lb")
        page.get_by_role("button", name="Add to cart").click()
        line = page.locator("tr[data-sku=SLP-BLANKET-15]")
        for label in ("Price", "Qty", "Total"):
            expect(line.locator(f"[data-label='{label}']")).to_be_visible()
    finally:
        context.close()


def test_a_cancelled_order_says_so_instead_of_promising_a_confirmation(page):
    number = place_order(page.request, "cancelled@example.com")["number"]
    cancelled = cancel_order(page.request, number)
    assert cancelled.ok, cancelled.text()

    page.goto("/orders/lookup")
    page.get_by_label("Email").fill("cancelled@example.com")
    page.get_by_label("Order number").fill(number)
    page.get_by_role("button", name=re.compile("Find|Look up")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("cancelled")
    expect(page.locator(".order-cancelled")).to_contain_text("This order was cancelled")
    expect(page.get_by_text("A confirmation is on its way")).to_have_count(0)


def test_checkout_refuses_a_zip_code_from_another_state_beside_the_field(page):
    page.goto("/products/weighted-blanket-15lb")
    page.get_by_role("button", name="Add to cart").click()
    page.goto("/checkout")
    page.get_by_label("Email").fill("zip@example.com")
    page.get_by_label("Full name").fill("Ada Shopper")
    page.get_by_label("Street address").fill("1 Main St")
    page.get_by_label("City").fill("Portland")
    page.get_by_label("State").select_option("NY")
    page.get_by_label("ZIP code").fill("97201")
    page.get_by_role("button", name="Continue to review").click()
    expect(page.get_by_text("ZIP code 97201 is in OR, not NY.").first).to_be_visible()



def test_home_department_descriptions_sit_inside_their_cards_level_across_a_row(sized_page):
    page = sized_page
    page.goto("/")
    boxes = page.eval_on_selector_all(
        ".department-card",
        """cards => cards.map(card => {
            const box = card.getBoundingClientRect(), text = card.querySelector(':scope > p').getBoundingClientRect();
            return {row: Math.round(box.top), top: Math.round(text.top), inset: text.left - box.left};
        })""",
    )
    assert len(boxes) >= 2
    for box in boxes:
        assert box["inset"] >= 8, box  # inset like the name, not against the card's edge
    rows: dict[int, set[int]] = {}
    for box in boxes:
        rows.setdefault(box["row"], set()).add(box["top"])
    assert all(len(tops) == 1 for tops in rows.values()), rows


def test_the_price_filters_are_boxes_like_the_other_filters(sized_page):
    """Text boxes written without a type (the price filters) get the same box as the rest."""
    page = sized_page
    page.goto("/shop")
    sizes = {
        field: page.locator(field).evaluate("e => { const b = e.getBoundingClientRect(); return [b.width, b.height]; }")
        for field in ("#f-min", "#f-max", "#f-department")
    }
    assert sizes["#f-min"] == sizes["#f-max"] == sizes["#f-department"], sizes


def test_a_code_on_the_cart_sits_inside_its_pill(sized_page):
    """The code's name is inset from the pill's rounded edge, not drawn against it."""
    page = sized_page
    page.goto("/products/melatonin-3mg-dissolving-tablets")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_label("Promo code").fill("BNR41921")
    page.get_by_role("button", name="Apply").click()
    inset = page.locator(".applied-codes li").first.evaluate(
        "pill => pill.querySelector('strong').getBoundingClientRect().left - pill.getBoundingClientRect().left"
    )
    assert inset >= 8, inset
