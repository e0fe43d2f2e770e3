"""The admin API's HTTP Basic and Bearer share the sign-in form's failure limits, and an
unknown email costs a password verification just as a wrong password does."""

import pytest
from argon2 import PasswordHasher

from storefront.accounts import passwords
from tests.actors import basic_auth
from tests.factories import OWNER

REPORT = "/api/v1/admin/reports/promotions"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class TestApiThrottle:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True}

    def test_twenty_wrong_basic_passwords_get_429_with_retry_after_even_for_the_right_one(
        self, client, owner
    ):
        statuses = [
            client.get(REPORT, headers=basic_auth(OWNER, "wrong")).status_code for _ in range(20)
        ]
        assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
        response = client.get(REPORT, headers=basic_auth(OWNER))
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) > 0
        assert response.get_json()["error"]["code"] == "too_many_requests"

    def test_api_failures_lock_the_sign_in_form_too(self, admin_visitor, owner):
        for _ in range(5):
            admin_visitor.get(REPORT, headers=basic_auth(OWNER, "wrong"))
        assert admin_visitor.sign_in(OWNER).status_code == 429

    def test_form_failures_lock_the_api_too(self, admin_visitor, owner):
        for _ in range(5):
            admin_visitor.sign_in(OWNER, "wrong password")
        assert admin_visitor.get(REPORT, headers=basic_auth(OWNER)).status_code == 429

    def test_one_address_guessing_many_emails_is_refused(self, client, owner):
        for n in range(20):
            assert (
                client.get(REPORT, headers=basic_auth(f"guess{n}@example.com", "x")).status_code == 401
            )
        assert client.get(REPORT, headers=basic_auth(OWNER)).status_code == 429

    def test_guessed_bearer_tokens_are_limited_per_address(self, client, owner):
        statuses = [
            client.get(REPORT, headers=bearer(f"vv_guess{n}")).status_code for n in range(21)
        ]
        assert statuses[:20] == [401] * 20 and statuses[20] == 429

    def test_successful_api_calls_do_not_count(self, client, owner):
        for _ in range(8):
            assert client.get(REPORT, headers=basic_auth(OWNER)).status_code == 200


def test_an_unknown_email_is_checked_against_a_password_hash_too(app, admin_visitor, owner, monkeypatch):
    checked = []

    class RecordingHasher(PasswordHasher):
        def verify(self, password_hash, password):
            checked.append(password)
            return super().verify(password_hash, password)

    monkeypatch.setattr(passwords, "_hasher", RecordingHasher())
    assert admin_visitor.get(REPORT, headers=basic_auth("nobody@example.com", "guess one")).status_code == 401
    assert admin_visitor.sign_in("nobody@example.com", "guess two").status_code == 401
    assert admin_visitor.get(REPORT, headers=basic_auth(OWNER, "guess three")).status_code == 401
    assert checked == ["guess one", "guess two", "guess three"]
