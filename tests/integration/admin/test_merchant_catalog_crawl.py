"""Whatever a merchant creates, with every optional field left empty, every shop page still renders.

Products and departments are made through the admin forms and the admin API exactly as a
merchant would (no picture, no description, no tags...), then an anonymous shopper follows
every link from the home page (bounded) and the search: every page must answer 200.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.actors import basic_auth
from tests.factories import OWNER

MAX_PAGES = 400
SKIPPED = ("/admin", "/static/", "/media/", "/api/", "/account/sign-out", "/cart/")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def app_config(tmp_path):
    return {"MEDIA_ROOT": str(tmp_path / "media")}


@pytest.fixture
def merchant_made(demo_store, merchant):
    """Two departments and three products, as bare as the forms and the API allow."""
    for slug, name in (("bare-shelf", "Bare shelf"), ("second-shelf", "Second shelf")):
        response = merchant.post("/admin/catalog/departments/new", data={"slug": slug, "name": name})
        assert response.status_code == 302, response.get_data(as_text=True)
    for sku, name, department in (("BARE-1", "Bare Tonic", "bare-shelf"), ("BARE-2", "Plain Balm", "supplements")):
        form = {"sku": sku, "name": name, "department": department, "price": "9.50", "stock": "5", "active": "y"}  # checked by default
        response = merchant.post("/admin/catalog/products/new", data=form)
        assert response.status_code == 302, response.get_data(as_text=True)
    body = {"sku": "BARE-API", "name": "Api Drops", "department": "second-shelf", "price_cents": 1200}
    response = merchant.post("/api/v1/admin/products", json=body, headers=basic_auth(OWNER))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["image_url"] is None
    return ["bare-tonic", "plain-balm", "api-drops"]


def crawl(client, seeds: list[str]) -> dict[str, int]:
    """Breadth-first over same-site GET links; the status of every page reached."""
    seen: dict[str, int] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or not response.content_type.startswith("text/html"):
            continue
        for href in HREF.findall(response.get_data(as_text=True)):
            link = urldefrag(urljoin(url, href.replace("&amp;", "&"))).url
            parts = urlsplit(link)
            if parts.netloc not in ("", "localhost") or parts.scheme not in ("", "http"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIPPED) and path not in seen:
                queue.append(path)
    return seen


def test_every_shop_page_renders_with_merchant_made_products_and_departments(app, merchant_made):
    shopper = app.test_client()
    seeds = ["/", "/shop", "/search?q=bare", "/search?q=drops", "/shop/bare-shelf", "/shop/second-shelf"]
    statuses = crawl(shopper, seeds + [f"/products/{slug}" for slug in merchant_made])
    failures = {url: status for url, status in statuses.items() if status != 200}
    assert not failures
    reached = set(statuses)
    for slug in merchant_made:
        assert f"/products/{slug}" in reached
    assert len(reached) > 40  # the crawl really walked the store
