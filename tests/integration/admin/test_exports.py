"""CSV exports run as jobs: a status page, a JSON twin for the progress bar, then the download."""

import pytest

from tests.factories import make_product
from tests.integration.checkout.helpers import checkout, new_cart
from tests.integration.promotions.builders import make_code_promotion
from tests.integration.queue import queue_config


def test_an_orders_export_lists_every_order_with_totals_in_cents(app, merchant):
    make_product("TEA-1", price_cents=1250)
    numbers = {checkout(merchant, new_cart(merchant, ("TEA-1", 1))).get_json()["number"] for _ in range(3)}
    started = merchant.post("/admin/jobs/exports/orders")
    assert started.status_code == 303
    page = merchant.get(started.headers["Location"]).get_data(as_text=True)
    assert "3 rows exported." in page and 'value="100"' in page
    job = merchant.get(started.headers["Location"] + ".json").get_json()
    assert (job["status"], job["done"], job["total"], job["percent"]) == ("done", 3, 3, 100)
    rows = merchant.get(job["download_url"]).get_data(as_text=True).strip().splitlines()
    assert rows[0].startswith("number,placed_at,status,email")
    assert {row.split(",")[0] for row in rows[1:]} == numbers


def test_marketing_may_export_code_usage_but_not_orders(app, as_marketer):
    assert as_marketer.post("/admin/jobs/exports/orders").status_code == 403
    started = as_marketer.post("/admin/jobs/exports/code-usage")
    job = as_marketer.get(started.headers["Location"] + ".json").get_json()
    assert (job["status"], job["result"]) == ("done", "0 rows exported.")


class TestWhileAJobWaits:
    """No worker here: the first job stays queued, as while a worker is still on it."""

    @pytest.fixture
    def app_config(self, tmp_path):
        return queue_config(tmp_path)

    def test_a_second_code_batch_click_is_refused_with_a_link_to_the_running_one(self, app, merchant):
        promotion = make_code_promotion()
        form = {"count": "5000", "prefix": "", "length": "8", "usage_limit": "1"}
        first = merchant.post(f"/admin/promotions/{promotion.id}/codes/generate", data=form)
        second = merchant.post(f"/admin/promotions/{promotion.id}/codes/generate", data=form)
        assert second.status_code == 409
        page = second.get_data(as_text=True)
        assert "already running" in page and f'href="{first.headers["Location"]}"' in page

    def test_a_second_orders_export_goes_to_the_one_already_running(self, app, merchant):
        first = merchant.post("/admin/jobs/exports/orders")
        second = merchant.post("/admin/jobs/exports/orders")
        assert second.headers["Location"] == first.headers["Location"]
