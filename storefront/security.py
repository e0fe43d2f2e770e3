"""Edge hardening: security headers on every response and cache-busted, long-cached static files.

The Content-Security-Policy allows no inline script or style, so every template keeps its
JavaScript in static/js and its styling in static/css (tests/integration/test_security.py
scans the templates to keep it that way).
"""

import os

from flask import Flask, Response, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

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


def register(app: Flask) -> None:
    """Add the headers to every response and a `?v=` version to every static URL."""
    headers = dict(SECURITY_HEADERS)
    if app.config.get("SESSION_COOKIE_SECURE"):
        # Secure cookies mean the site is served over HTTPS: tell browsers to stay there.
        headers["Strict-Transport-Security"] = HSTS

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
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
