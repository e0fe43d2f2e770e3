"""Sign-in throttling, the idle timeout, and personal API tokens."""

import re
import time

import pytest

from core.extensions import db
from storefront.accounts.tokens import ApiToken
from tests.factories import OWNER


class TestThrottle:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "ADMIN_LOGIN_ADDRESS_LIMIT": "8 per 15 minutes"}

    def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(self, app, admin_visitor, owner):
        for _ in range(5):
            assert admin_visitor.sign_in(OWNER, "wrong password").status_code == 401
        response = admin_visitor.sign_in(OWNER)
        assert response.status_code == 429
        assert "Too many sign-in attempts" in response.get_data(as_text=True)

    def test_one_address_guessing_many_accounts_is_refused(self, app, admin_visitor, owner):
        for n in range(8):
            assert admin_visitor.sign_in(f"guess{n}@example.com", "nope").status_code == 401
        assert admin_visitor.sign_in(OWNER).status_code == 429

    def test_successful_sign_ins_do_not_count_against_the_limit(self, app, admin_visitor, owner):
        for _ in range(7):
            assert admin_visitor.sign_in(OWNER).status_code == 302

    def test_the_message_never_says_whether_the_account_exists(self, app, admin_visitor, owner):
        known = admin_visitor.sign_in(OWNER, "wrong password").get_data(as_text=True)
        unknown = admin_visitor.sign_in("nobody@example.com", "wrong password").get_data(as_text=True)
        assert "don&#39;t match an admin account" in known and "don&#39;t match an admin account" in unknown


def test_signing_in_starts_a_new_session(app, admin_visitor, owner):
    admin_visitor.get("/admin/login")
    with admin_visitor.session_transaction() as session:
        session["planted"] = "by an attacker"
    admin_visitor.sign_in(OWNER)
    with admin_visitor.session_transaction() as session:
        assert "planted" not in session


def test_signing_out_clears_the_session(app, merchant):
    merchant.post("/admin/logout")
    with merchant.session_transaction() as session:
        assert "_user_id" not in session
    assert merchant.get("/admin").status_code == 302


def test_an_idle_admin_is_signed_out_after_thirty_minutes(app, merchant):
    with merchant.session_transaction() as session:
        session["admin_last_seen"] = int(time.time()) - 31 * 60
    response = merchant.get("/admin/promotions")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    assert merchant.get("/admin").status_code == 302


def test_an_active_admin_stays_signed_in(app, merchant):
    with merchant.session_transaction() as session:
        session["admin_last_seen"] = int(time.time()) - 29 * 60
    assert merchant.get("/admin").status_code == 200


def _new_token(client, name="sync") -> str:
    html = client.post("/admin/tokens", data={"name": name}).get_data(as_text=True)
    return re.search(r"data-token>([^<]+)<", html).group(1)


def test_a_token_is_shown_once_and_only_its_hash_is_stored(app, merchant):
    clear = _new_token(merchant)
    stored = db.session.scalars(db.select(ApiToken)).one()
    assert stored.token_hash != clear and clear not in stored.token_hash
    assert clear not in merchant.get("/admin/tokens").get_data(as_text=True)


def test_a_bearer_token_opens_the_admin_api(app, merchant):
    clear = _new_token(merchant)
    response = merchant.get("/api/v1/admin/products", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200


def test_a_revoked_token_is_refused(app, merchant):
    clear = _new_token(merchant)
    token = db.session.scalars(db.select(ApiToken)).one()
    merchant.post(f"/admin/tokens/{token.id}/revoke")
    response = merchant.get("/api/v1/admin/products", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 401


def test_a_made_up_token_is_refused(app, client, owner):
    response = client.get("/api/v1/admin/products", headers={"Authorization": "Bearer vv_madeup"})
    assert response.status_code == 401


def test_a_marketing_token_keeps_the_marketing_role(app, as_marketer):
    clear = _new_token(as_marketer)
    headers = {"Authorization": f"Bearer {clear}"}
    assert as_marketer.get("/api/v1/admin/products", headers=headers).status_code == 403
    assert as_marketer.get("/api/v1/admin/reports/promotions", headers=headers).status_code == 200


def test_a_deactivated_users_token_stops_working(app, merchant, as_marketer, marketer):
    clear = _new_token(as_marketer)
    merchant.post(f"/admin/users/{marketer.id}/deactivate")
    response = as_marketer.get("/api/v1/admin/reports/promotions", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 401
