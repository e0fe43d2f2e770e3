"""Pricing reads the compiled promotions: one version query per cart, rows only after a write."""

import pytest

from promotions import service
from promotions.compile import EXTENSION_KEY, compiled_promotions
from promotions.queries import display_status
from tests.integration.promotions.builders import bnr_rule, make_blanket, make_promotion
from tests.sql_log import statements_run


def promotion_reads(seen: list[str]) -> list[str]:
    return [s for s in seen if "FROM promotions" in s or "FROM promotion_codes" in s]


@pytest.fixture
def app_config():
    """The pricing path itself is measured, not the shelf cache."""
    return {"CACHE_TYPE": "NullCache"}


@pytest.fixture
def cart(client, app):
    make_blanket()
    make_promotion(bnr_rule())
    token = client.post("/api/v1/carts").get_json()["token"]
    client.post(f"/api/v1/carts/{token}/lines", json={"sku": "SLP-BLANKET-15", "quantity": 2})
    client.post(f"/api/v1/carts/{token}/codes", json={"code": "BNR41921"})
    return token


def test_pricing_a_cart_again_reads_no_promotion_rows_only_the_version(client, cart):
    with statements_run() as seen:
        body = client.get(f"/api/v1/carts/{cart}").get_json()
    assert body["discount_cents"] == 5000
    assert promotion_reads(seen) == []
    assert len([s for s in seen if "FROM promotion_version" in s]) == 1


def test_a_write_rebuilds_the_compiled_promotions_once(client, cart, app):
    builds = app.extensions[EXTENSION_KEY].builds
    promotion_id = compiled_promotions().index.promotions[0].id
    service.update_promotion(promotion_id, {"benefit": {"type": "amount_off_order", "amount_cents": 6000}})
    with statements_run() as seen:
        first = client.get(f"/api/v1/carts/{cart}").get_json()
        second = client.get(f"/api/v1/carts/{cart}").get_json()
    assert first["discount_cents"] == second["discount_cents"] == 6000
    assert app.extensions[EXTENSION_KEY].builds == builds + 1
    assert len(promotion_reads(seen)) == 2  # the promotions and their codes, once


def test_limited_candidates_cost_one_small_counters_query(client, cart, app):
    promotion_id = compiled_promotions().index.promotions[0].id
    service.update_promotion(promotion_id, {"usage_limit": 100})
    client.get(f"/api/v1/carts/{cart}")  # rebuild
    with statements_run() as seen:
        client.get(f"/api/v1/carts/{cart}")
    reads = promotion_reads(seen)
    assert len(reads) == 1 and "times_used" in reads[0] and "rule" not in reads[0]


def test_a_paused_promotion_stops_applying_at_once(client, cart):
    promotion_id = compiled_promotions().index.promotions[0].id
    service.pause_promotion(promotion_id)
    assert client.get(f"/api/v1/carts/{cart}").get_json()["discount_cents"] == 0
    service.resume_promotion(promotion_id)
    assert client.get(f"/api/v1/carts/{cart}").get_json()["discount_cents"] == 5000


def test_ending_a_promotion_now_stops_it_and_shows_it_expired(client, cart):
    promotion_id = compiled_promotions().index.promotions[0].id
    promotion = service.end_promotion_now(promotion_id)
    assert display_status(promotion) == "expired"
    assert client.get(f"/api/v1/carts/{cart}").get_json()["discount_cents"] == 0


def test_a_duplicate_is_a_draft_without_codes(client, cart):
    promotion_id = compiled_promotions().index.promotions[0].id
    copy = service.duplicate_promotion(promotion_id)
    assert copy.status == "draft" and copy.rule["codes"] == [] and copy.name.startswith("Copy of")
    assert len(compiled_promotions().index) == 1
