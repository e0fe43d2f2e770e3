"""The admin as a merchant meets it: a promotion form that shows only what applies, pickers
that search, and a layout that fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import PHONE, page_width, sign_in_admin


def test_promotion_form_shows_only_the_chosen_benefits_and_triggers_fields(page):
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    expect(page.locator("#percent")).to_be_visible()
    expect(page.locator("#price")).to_be_hidden()
    expect(page.locator("#tiers")).to_be_hidden()
    expect(page.locator("#codes")).to_be_hidden()

    page.locator("#benefit_type").select_option("fixed_price_each")
    expect(page.locator("#price")).to_be_visible()
    expect(page.locator("#percent")).to_be_hidden()

    page.locator("#trigger").select_option("code")
    expect(page.locator("#codes")).to_be_visible()


def test_department_picker_filters_as_you_type_and_shows_chips(page):
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    search = page.get_by_role("combobox", name="Departments")
    search.fill("cb")
    options = page.get_by_role("listbox", name="Matching Departments").get_by_role("option")
    expect(options).to_have_count(1)
    options.first.click()
    chip = page.locator(".picker-chip", has_text="CBD Store")
    expect(chip).to_be_visible()
    assert page.locator("#departments").evaluate("s => [...s.selectedOptions].map(o => o.value)") == ["cbd"]

    chip.get_by_role("button", name="Remove CBD Store").click()
    expect(chip).to_have_count(0)
    assert page.locator("#departments").evaluate("s => s.selectedOptions.length") == 0


def test_product_picker_is_keyboard_driven(page):
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    search = page.get_by_role("combobox", name="Products", exact=True)
    search.fill("CBD-OIL-500")
    search.press("Enter")  # one match: Enter picks it and the form is not submitted
    expect(page.locator(".picker-chip", has_text="CBD-OIL-500")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/promotions/new$"))


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_form_shows_every_field_and_plain_selects(page_without_js):
    page = page_without_js
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    expect(page.locator("#departments")).to_be_visible()
    expect(page.locator("#price")).to_be_visible()
    expect(page.locator("#codes")).to_be_visible()
    expect(page.locator(".picker")).to_have_count(0)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_admin_on_a_phone_fits_the_screen_with_a_folding_menu_and_a_readable_sign_out(phone):
    sign_in_admin(phone)
    phone.goto("/admin/promotions")
    assert page_width(phone) <= PHONE["width"]

    nav = phone.get_by_role("navigation", name="Admin")
    links = nav.get_by_role("link", name="Orders")
    expect(links).to_be_hidden()
    toggle = nav.get_by_role("button", name="Admin menu")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()

    sign_out = nav.get_by_role("button", name=re.compile("Sign out"))
    expect(sign_out).to_be_visible()
    inside, outside = nav.bounding_box(), sign_out.bounding_box()
    assert outside["x"] >= inside["x"] and outside["x"] + outside["width"] <= inside["x"] + inside["width"]
    color = sign_out.evaluate("b => getComputedStyle(b).color")
    assert color == "rgb(255, 255, 255)"  # white on the dark green panel


def test_storefront_on_a_phone_has_a_menu_button_instead_of_rows_of_links(phone):
    phone.goto("/")
    nav = phone.get_by_role("navigation", name="Departments")
    expect(nav.get_by_role("link", name="Sleep")).to_be_hidden()
    phone.get_by_role("button", name="Menu").click()
    expect(nav.get_by_role("link", name="Sleep")).to_be_visible()
    assert page_width(phone) <= PHONE["width"]


def test_storefront_on_a_desktop_shows_its_navigation_without_a_menu_button(page):
    page.goto("/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Departments").get_by_role("link", name="Sleep")).to_be_visible()
