"""An owner generates 20,000 codes and watches a worker's real progress reach 100%."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from core.extensions import db
from promotions.models import PromotionCode
from storefront.jobs.queue import start_worker
from storefront.jobs.runner import Progress
from tests.browser.steps import sign_in_admin


@pytest.fixture
def worker(live_app, monkeypatch):
    """Worker threads on the live store's queue, for this test only.

    Each progress report is held a little, so a batch on a fast machine still takes longer than
    the page's polling interval and the browser can see the steps in between.
    """
    report = Progress.report

    def held_report(self, done, total=None):
        report(self, done, total)
        time.sleep(0.3)

    monkeypatch.setattr(Progress, "report", held_report)
    consumer = start_worker(workers=1, periodic=False, initial_delay=0.05, max_delay=0.2)
    yield consumer
    consumer.stop(graceful=True)


def banner_promotion_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(PromotionCode.promotion_id).where(PromotionCode.code == "BNR41921"))


def test_owner_generates_20000_codes_and_the_progress_bar_moves_to_100(page, live_app, worker):
    sign_in_admin(page)
    page.goto(f"/admin/promotions/{banner_promotion_id(live_app)}/codes")
    page.get_by_label("How many").fill("20000")
    page.get_by_label("Prefix").fill("SPRING")
    page.get_by_role("button", name="Generate codes").click()
    expect(page).to_have_url(re.compile(r"/admin/jobs/\d+$"))

    bar = page.locator("[data-job-bar]")
    seen = []
    deadline = time.monotonic() + 120
    while (not seen or seen[-1] < 100) and time.monotonic() < deadline:
        seen.append(int(bar.evaluate("bar => bar.value")))
        time.sleep(0.05)
    assert seen[-1] == 100
    assert seen == sorted(seen), "progress never goes backwards"
    assert any(0 < value < 100 for value in seen), f"the bar jumped straight to the end: {sorted(set(seen))}"

    expect(page.get_by_role("status")).to_have_text("20,000 codes created.")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download")).click()
    rows = Path(download.value.path()).read_text().strip().splitlines()
    assert len(rows) == 20_001 and all(row.startswith("SPRING") for row in rows[1:])
