"""CSV exports run as jobs: a status page, a JSON twin for the progress bar, then the download."""

from tests.factories import make_product
from tests.integration.checkout.helpers import checkout, new_cart


def test_an_orders_export_lists_every_order_with_totals_in_cents(app, as_owner):
    make_product("TEA-1", price_cents=1250)
    numbers = {checkout(as_owner, new_cart(as_owner, ("TEA-1", 1))).get_json()["number"] for _ in range(3)}
    started = as_owner.post("/admin/jobs/exports/orders")
    assert started.status_code == 303
    page = as_owner.get(started.headers["Location"]).get_data(as_text=True)
    assert "3 rows exported." in page and 'value="100"' in page
    job = as_owner.get(started.headers["Location"] + ".json").get_json()
    assert (job["status"], job["done"], job["total"], job["percent"]) == ("done", 3, 3, 100)
    rows = as_owner.get(job["download_url"]).get_data(as_text=True).strip().splitlines()
    assert rows[0].startswith("number,placed_at,status,email")
    assert {row.split(",")[0] for row in rows[1:]} == numbers


def test_marketing_may_export_code_usage_but_not_orders(app, as_marketer):
    assert as_marketer.post("/admin/jobs/exports/orders").status_code == 403
    started = as_marketer.post("/admin/jobs/exports/code-usage")
    job = as_marketer.get(started.headers["Location"] + ".json").get_json()
    assert (job["status"], job["result"]) == ("done", "0 rows exported.")
