"""A live store on 127.0.0.1 with the demo data, driven by Debian's headless Chromium.

What a person does on its pages (sign in, confirm their age...) is in tests/browser/steps.py.
"""

import os
import shutil
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from storefront import create_app
from tests.browser.steps import DESKTOP, PHONE
from tests.factories import make_admin

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

pytestmark = pytest.mark.browser


def _chromium_or_skip():
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'store.db'}", "SECRET_KEY": "browser-tests",
                      "QUEUE_URL": f"sqlite:///{folder / 'queue.db'}"})
    with app.app_context():
        from storefront.demo import seed_demo_store

        upgrade()  # the real migrations, as `make run` does
        seed_demo_store()
        make_admin()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies, so a new cart) per test."""
    context = browser.new_context(base_url=live_server)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized_page(request, browser, live_server):
    """A fresh context at a desktop and at a phone width (each test runs at both)."""
    context = browser.new_context(base_url=live_server, viewport=request.param)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
