"""Every response carries the security headers; static files are cache-busted and cached long."""

import re

import pytest

from storefront.config import load_config
from storefront.security import CONTENT_SECURITY_POLICY

EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize("path", ["/", "/shop", "/no-such-page", "/api/v1/products", "/api/v1/carts/nope", "/static/css/store.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_policy_allows_no_inline_script_or_style():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "style-src 'self'" in CONTENT_SECURITY_POLICY


def test_pages_link_static_files_with_a_version_for_cache_busting(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'/static/css/store\.css\?v=\d+', html)
    assert re.search(r'/static/js/store\.js\?v=\d+', html)


def test_static_files_are_cached_for_a_year(client):
    response = client.get("/static/css/store.css?v=1")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    response.close()


def test_session_cookie_is_httponly_and_lax(client, demo_store):
    response = client.post("/cart/add", data={"sku": "SLP-MEL-3-60", "quantity": "1"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_production_marks_cookies_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 32)
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]


def test_secure_cookies_switch_works_outside_production(monkeypatch, tmp_path):
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.setenv("SECURE_COOKIES", "1")
    assert load_config(str(tmp_path))["SESSION_COOKIE_SECURE"]


@pytest.mark.parametrize("app_config", [{"SESSION_COOKIE_SECURE": True}])
def test_https_deployments_send_strict_transport_security(client):
    assert client.get("/healthz").headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_behind_a_load_balancer_the_client_address_comes_from_x_forwarded_for(app):
    from flask import request

    app.add_url_rule("/_whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get(
        "/_whoami", headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert response.get_data(as_text=True) == "203.0.113.9"


@pytest.mark.parametrize("path", ["/cart", "/checkout", "/account/orders", "/admin/", "/api/v1/carts/nope", "/no-such-page"])
def test_no_cache_on_the_way_may_keep_a_personal_response(client, demo_store, path):
    response = client.get(path)
    assert response.headers["Cache-Control"] == "private, no-store", path


def test_the_cart_api_tells_caches_not_to_keep_a_shoppers_cart(client, demo_store):
    token = client.post("/api/v1/carts").get_json()["token"]
    client.post(f"/api/v1/carts/{token}/lines", json={"sku": "SLP-MEL-3-60"})
    response = client.get(f"/api/v1/carts/{token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/", "/shop", "/shop/sleep", "/search?q=sleep"])
def test_shelf_pages_may_be_kept_by_the_shoppers_browser_only(client, demo_store, path):
    """They carry the shopper's CSRF token and cart count: a shared cache must not keep them."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private", path


def test_a_header_the_view_set_is_kept(client):
    response = client.get("/static/css/store.css?v=1")
    assert "private" not in response.headers["Cache-Control"]
    assert response.headers.getlist("X-Frame-Options") == ["DENY"]
    response.close()
