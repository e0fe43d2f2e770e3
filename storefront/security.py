"""Edge hardening: security headers on every response, what a cache on the way may keep, and
cache-busted, long-cached static files.

The Content-Security-Policy allows no inline script or style, so every template keeps its
JavaScript in static/js and its styling in static/css (tests/integration/test_security.py
scans the templates to keep it that way).
"""

import os

from flask import Flask, Response, current_app, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from core.shelf import shelf_vary

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)

# The store needs none of these powerful features; saying so stops injected content using them.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}

HSTS = "max-age=31536000; includeSubDomains"

# A shelf page is the same for everyone but for its holes (this shopper's CSRF token and cart
# count), so only the shopper's own browser may keep it; anything else a view answers (the
# cart, checkout, orders, accounts, admin, the cart API) no cache may keep at all.
SHELF_PAGE_CACHING = "private"
PERSONAL_CACHING = "private, no-store"


def register(app: Flask) -> None:
    """Add the headers to every response and a `?v=` version to every static URL."""
    headers = dict(SECURITY_HEADERS)
    if app.config.get("SESSION_COOKIE_SECURE"):
        # Secure cookies mean the site is served over HTTPS: tell browsers to stay there.
        headers["Strict-Transport-Security"] = HSTS

    @app.after_request
    def add_edge_headers(response: Response) -> Response:
        # One look at what the view set, not a setdefault per header: Werkzeug's raises and
        # catches a KeyError for each missing one, which cost more than the rest of this hook.
        present = {name.lower() for name, _ in response.headers}
        missing = [(name, value) for name, value in headers.items() if name.lower() not in present]
        if "cache-control" not in present:
            missing.append(("Cache-Control", _caching(request.endpoint)))
        response.headers.extend(missing)
        return response

    if proxies := app.config.get("TRUSTED_PROXIES"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    static_version = _static_versioner(app)

    @app.url_defaults
    def version_static_urls(endpoint: str, values: dict) -> None:
        if endpoint == "static" and isinstance(values.get("filename"), str) and "v" not in values:
            version = static_version(values["filename"])
            if version:
                values["v"] = version

    app.add_template_global(_static_urls(app), "static_url")


def _caching(endpoint: str | None) -> str:
    """What caches on the way may keep of a response whose view said nothing (static files
    and product pictures say how long they may be kept)."""
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return SHELF_PAGE_CACHING if view is not None and shelf_vary(view) is not None else PERSONAL_CACHING


def _static_urls(app: Flask):
    """`static_url(filename)`: `url_for('static', ...)` remembered per process outside debug.

    A page links a dozen static files; building each URL through the routing map was a tenth
    of a listing page's time. The URL changes only with the file's version, which is itself
    remembered per process, and with the mount point (SCRIPT_NAME), which is in the key.
    """
    cache: dict[tuple[str, str], str] = {}

    def static_url(filename: str) -> str:
        if app.debug:
            return url_for("static", filename=filename)
        key = (request.script_root, filename)
        if key not in cache:
            cache[key] = url_for("static", filename=filename)
        return cache[key]

    return static_url


def _static_versioner(app: Flask):
    """The file's mtime as a version: a changed file gets a new URL, so a year of caching is safe.

    Versions are remembered per process unless the app runs in debug mode, where files change
    under a running server.
    """
    cache: dict[str, str] = {}
    static_folder = app.static_folder or ""

    def version(filename: str) -> str:
        if not app.debug and filename in cache:
            return cache[filename]
        try:
            value = str(int(os.stat(os.path.join(static_folder, filename)).st_mtime))
        except (OSError, ValueError):
            value = ""
        cache[filename] = value
        return value

    return version
