"""axe-core (shipped by axe-playwright-python, injected by Playwright) over the main pages.

Critical and serious findings fail the test; moderate and minor ones are left to review.
"""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.steps import page_width, sign_in_admin

BLOCKING = {"critical", "serious"}
SHOPPER_PAGES = ["/", "/shop", "/shop/sleep", "/search?q=oil", "/products/weighted-blanket-15lb", "/cart", "/articles"]
ADMIN_PAGES = [
    "/admin", "/admin/promotions", "/admin/promotions/new", "/admin/orders", "/admin/reports",
    "/admin/catalog/products", "/admin/users", "/admin/tokens",
]
AXE = Axe()


def blocking_violations(page) -> list[str]:
    """Each critical or serious axe finding as 'rule (impact): first offending element'."""
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}" for v in found if v["impact"] in BLOCKING]


def audit(page, paths: list[str]) -> dict[str, list[str]]:
    problems = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        found = blocking_violations(page)
        if page_width(page) > page.viewport_size["width"]:
            found.append(f"page is {page_width(page)}px wide on a {page.viewport_size['width']}px screen")
        if found:
            problems[path] = found
    return problems


def test_shopper_pages_have_no_critical_or_serious_accessibility_findings(sized_page):
    sized_page.goto("/products/weighted-blanket-15lb")
    sized_page.get_by_role("button", name="Add to cart").click()  # the cart page with a line
    assert audit(sized_page, SHOPPER_PAGES) == {}


def test_admin_pages_have_no_critical_or_serious_accessibility_findings(sized_page):
    sign_in_admin(sized_page)
    assert audit(sized_page, ADMIN_PAGES) == {}


def test_admin_fields_carry_aria_attributes_only_when_they_mean_something(page):
    sign_in_admin(page)
    page.goto("/admin/promotions/new")
    assert page.locator("[aria-invalid=None], [aria-describedby=None]").count() == 0
    page.get_by_role("button", name="Save promotion").click()  # no name: the field is flagged
    name = page.locator("#name")
    assert name.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{name.get_attribute('aria-describedby')}").inner_text().strip() != ""
