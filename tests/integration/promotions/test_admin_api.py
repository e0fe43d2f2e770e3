"""Admin promotions API: the rule format in and out, codes, roles, read-only server fields."""

import re

from sqlalchemy import select, update

from core.auth import Role
from core.extensions import db
from promotions.models import Promotion, PromotionAuditEntry, PromotionCode
from promotions.service import CODE_ALPHABET, current_version
from tests.actors import basic_auth
from tests.factories import make_admin
from tests.integration.promotions.builders import bnr_rule

URL = "/api/v1/admin/promotions"


def create(client, headers, **overrides):
    return client.post(URL, json=bnr_rule(**overrides), headers=headers)


def test_anonymous_calls_get_401_with_a_challenge(client, app):
    response = client.get(URL)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_customers_get_403(client, app):
    make_admin("shopper@example.com", role=Role.CUSTOMER)
    response = client.get(URL, headers=basic_auth("shopper@example.com"))
    assert response.status_code in (401, 403)


def test_marketing_staff_may_manage_promotions(client, app):
    make_admin("mkt@example.com", role=Role.MARKETING)
    response = create(client, basic_auth("mkt@example.com"))
    assert response.status_code == 201


def test_create_returns_the_rule_and_server_fields(client, app, owner_headers):
    body = create(client, owner_headers, codes=["bnr41921 "]).get_json()
    assert body["codes"] == ["BNR41921"]
    assert body["benefit"] == {"type": "amount_off_order", "amount_cents": 5000}
    assert body["status"] == "active" and body["display_status"] == "active"
    assert body["times_used"] == 0 and body["given_cents"] == 0 and body["id"]
    stored = db.session.scalar(select(PromotionCode.code))
    assert stored == "BNR41921"


def test_get_and_list_show_the_promotion(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    assert client.get(f"{URL}/{promotion_id}", headers=owner_headers).get_json()["name"] == bnr_rule()["name"]
    assert [p["id"] for p in client.get(URL, headers=owner_headers).get_json()] == [promotion_id]


def test_unknown_promotion_is_404(client, app, owner_headers):
    assert client.get(f"{URL}/999", headers=owner_headers).status_code == 404


def test_an_unknown_benefit_type_is_a_422_naming_it(client, app, owner_headers):
    response = create(client, owner_headers, benefit={"type": "free_pony"})
    assert response.status_code == 422
    assert "free_pony" in response.get_json()["error"]["message"]


def test_server_owned_fields_cannot_be_written(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    response = client.patch(f"{URL}/{promotion_id}", json={"times_used": 99, "given_cents": 1}, headers=owner_headers)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"times_used", "given_cents"}
    assert db.session.get(Promotion, promotion_id).times_used == 0


def test_patch_merges_and_validates_the_whole_rule(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    body = client.patch(f"{URL}/{promotion_id}", json={"priority": 7, "status": "paused"}, headers=owner_headers).get_json()
    assert body["priority"] == 7 and body["status"] == "paused"
    assert body["benefit"]["amount_cents"] == 5000
    refused = client.patch(f"{URL}/{promotion_id}", json={"trigger": "automatic"}, headers=owner_headers)
    assert refused.status_code == 422 and "codes" in refused.get_json()["error"]["fields"]


def test_every_write_bumps_the_version_and_is_audited_with_the_actor(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    version = current_version()
    client.patch(f"{URL}/{promotion_id}", json={"name": "Fifty off"}, headers=owner_headers)
    assert current_version() == version + 1
    entries = db.session.scalars(select(PromotionAuditEntry).order_by(PromotionAuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].actor == "api:owner@example.com"
    assert entries[1].before["rule"]["name"] != entries[1].after["rule"]["name"] == "Fifty off"


def test_a_code_already_used_by_another_promotion_is_a_409(client, app, owner_headers):
    create(client, owner_headers)
    assert create(client, owner_headers, name="Another").status_code == 409


def test_adding_one_code_normalizes_it(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    response = client.post(f"{URL}/{promotion_id}/codes", json={"code": " vip-2030 "}, headers=owner_headers)
    assert response.status_code == 201 and response.get_json()["codes"] == ["VIP-2030"]
    assert client.get(f"{URL}/{promotion_id}", headers=owner_headers).get_json()["codes"] == ["BNR41921", "VIP-2030"]


def test_adding_a_taken_code_is_a_409(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    response = client.post(f"{URL}/{promotion_id}/codes", json={"code": "bnr41921"}, headers=owner_headers)
    assert response.status_code == 409


def test_generated_codes_are_unique_prefixed_and_use_no_look_alike_characters(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    response = client.post(f"{URL}/{promotion_id}/codes", json={"count": 300, "prefix": "vip-"}, headers=owner_headers)
    codes = response.get_json()["codes"]
    assert response.status_code == 201 and len(codes) == len(set(codes)) == 300
    pattern = re.compile(f"^VIP-[{CODE_ALPHABET}]{{8}}$")
    assert all(pattern.match(code) for code in codes)
    assert not set("01IO") & set("".join(code[4:] for code in codes))
    rows = db.session.scalars(select(PromotionCode).where(PromotionCode.code.in_(codes))).all()
    assert len(rows) == 300 and {row.usage_limit for row in rows} == {1}


def test_codes_body_needs_a_code_or_a_count(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    assert client.post(f"{URL}/{promotion_id}/codes", json={}, headers=owner_headers).status_code == 422
    both = {"code": "ABC123", "count": 2}
    assert client.post(f"{URL}/{promotion_id}/codes", json=both, headers=owner_headers).status_code == 422


def test_deleting_an_unused_promotion_removes_it(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    assert client.delete(f"{URL}/{promotion_id}", headers=owner_headers).status_code == 204
    assert db.session.get(Promotion, promotion_id) is None
    assert db.session.scalar(select(PromotionCode)) is None


def test_deleting_a_used_promotion_archives_it(client, app, owner_headers):
    promotion_id = create(client, owner_headers).get_json()["id"]
    db.session.execute(update(Promotion).values(times_used=1))
    db.session.commit()
    response = client.delete(f"{URL}/{promotion_id}", headers=owner_headers)
    assert response.status_code == 200 and response.get_json()["status"] == "archived"
    assert client.patch(f"{URL}/{promotion_id}", json={"priority": 1}, headers=owner_headers).status_code == 409
