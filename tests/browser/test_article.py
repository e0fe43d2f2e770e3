"""A reader rates and comments on the article; an admin approves the comment; it appears."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.steps import sign_in_admin

ARTICLE = "/articles/small-fibre-nerves-and-fibromyalgia"


def vote_count(page) -> int:
    text = page.locator(".article-rating [data-rating-text]").inner_text()
    return int(re.search(r"\((\d+) votes?", text).group(1))


def test_reader_rates_comments_and_an_admin_approves_the_comment(page):
    page.goto(ARTICLE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small nerve fibres")
    before = vote_count(page)  # 156 on a fresh store; other tests may have voted already

    page.get_by_role("button", name="Rate 5 stars").click()
    expect(page.locator(".article-rating [data-rating-text]")).to_contain_text(
        f"({before + 1} votes"
    )
    expect(page.locator("[data-rating-status]")).to_have_text(
        "Thank you for rating this article 5 out of 5."
    )
    assert page.url.endswith(ARTICLE)  # updated in place, no reload

    thoughts = int(page.locator("#comments-heading").inner_text().split()[0])
    words = f"Clear summary, thank you {uuid.uuid4().hex[:8]}"
    page.get_by_label("Comment").fill(words)
    page.get_by_label("Name").fill("Browser Reader")
    page.get_by_label("Email").fill("reader@example.com")
    page.get_by_role("button", name="Post Comment").click()
    mine = page.locator(".comment", has_text=words)
    expect(mine).to_contain_text("Your comment is awaiting moderation.")

    sign_in_admin(page)
    page.goto("/admin/comments")
    queued = page.locator(".moderation-queue li", has_text=words)
    queued.get_by_role("button", name="Approve").click()
    expect(page.locator(".flash-success")).to_contain_text("approved")

    page.goto(ARTICLE)
    published = page.locator(".comment", has_text=words)
    expect(published).to_contain_text("Browser Reader")
    expect(published).not_to_contain_text("awaiting moderation")
    expect(page.locator("#comments-heading")).to_contain_text(f"{thoughts + 1} thoughts on")
