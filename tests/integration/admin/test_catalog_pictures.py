"""Pictures for products and departments: uploaded by content type, stored by hash, long cached."""

import base64
import io

import pytest

from tests.actors import basic_auth
from tests.factories import OWNER

# The smallest valid images of each accepted kind (headers are all that is checked).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
GIF = b"GIF89a" + b"\x01\x00\x01\x00" + b"\x00" * 20
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 30


@pytest.fixture
def app_config(tmp_path):
    return {"MEDIA_ROOT": str(tmp_path / "media"), "MEDIA_MAX_BYTES": 4096}


def data_url(raw: bytes, kind: str = "png") -> str:
    return f"data:image/{kind};base64," + base64.b64encode(raw).decode()


def new_product_form(**extra) -> dict:
    return {"sku": "PIC-1", "name": "Pictured Tea", "department": "supplements", "price": "5.00",
            "active": "y", **extra}


def test_an_uploaded_picture_is_served_with_a_year_of_caching(demo_store, merchant):
    form = new_product_form(picture=(io.BytesIO(PNG), "tea.png"))
    assert merchant.post("/admin/catalog/products/new", data=form).status_code == 302
    page = merchant.get("/products/pictured-tea").get_data(as_text=True)
    src = next(part.split('"')[0] for part in page.split('src="')[1:] if part.startswith("/media/"))
    image = merchant.get(src)
    assert image.status_code == 200
    assert image.data == PNG
    assert image.mimetype == "image/png"
    assert "max-age=31536000" in image.headers["Cache-Control"]
    assert "immutable" in image.headers["Cache-Control"]


def test_a_file_that_is_not_a_picture_is_refused_whatever_its_name(demo_store, merchant):
    form = new_product_form(picture=(io.BytesIO(b"<svg onload='alert(1)'></svg>"), "tea.png"))
    response = merchant.post("/admin/catalog/products/new", data=form)
    assert response.status_code == 422
    assert "PNG, JPEG, WebP or GIF" in response.get_data(as_text=True)
    assert merchant.get("/products/pictured-tea").status_code == 404


def test_a_picture_over_the_size_limit_is_refused(demo_store, merchant):
    form = new_product_form(picture=(io.BytesIO(PNG + b"\x00" * 5000), "big.png"))
    response = merchant.post("/admin/catalog/products/new", data=form)
    assert response.status_code == 422
    assert "at most 4 KB" in response.get_data(as_text=True)


def test_a_department_takes_a_picture_and_can_drop_it_again(demo_store, merchant):
    form = {"slug": "teas", "name": "Teas", "picture": (io.BytesIO(GIF), "teas.gif")}
    assert merchant.post("/admin/catalog/departments/new", data=form).status_code == 302
    assert "/media/" in merchant.get("/shop/teas").get_data(as_text=True)
    form = {"slug": "teas", "name": "Teas", "position": "0", "remove_picture": "y"}
    assert merchant.post("/admin/catalog/departments/teas", data=form).status_code == 302
    page = merchant.get("/shop/teas").get_data(as_text=True)
    assert "/media/" not in page
    assert 'src="data:image/svg+xml;base64,' in page


@pytest.mark.parametrize("raw, kind", [(PNG, "png"), (JPEG, "jpeg"), (WEBP, "webp"), (GIF, "gif")])
def test_the_api_takes_a_picture_as_a_data_url(demo_store, client, owner, raw, kind):
    body = {"sku": "PIC-API", "name": "Api Tea", "department": "sleep", "price_cents": 900,
            "image": data_url(raw, kind)}
    response = client.post("/api/v1/admin/products", json=body, headers=basic_auth(OWNER))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["image"].startswith("media/")
    assert client.get(created["image_url"]).data == raw


def test_the_api_reuses_a_stored_picture_and_clears_one_with_null(demo_store, client, owner):
    first = {"sku": "PIC-A", "name": "Tea A", "department": "sleep", "price_cents": 900, "image": data_url(PNG)}
    image = client.post("/api/v1/admin/products", json=first, headers=basic_auth(OWNER)).get_json()["image"]
    second = {"sku": "PIC-B", "name": "Tea B", "department": "sleep", "price_cents": 900, "image": image}
    assert client.post("/api/v1/admin/products", json=second, headers=basic_auth(OWNER)).get_json()["image"] == image
    cleared = client.patch("/api/v1/admin/products/PIC-B", json={"image": None}, headers=basic_auth(OWNER))
    assert cleared.status_code == 200
    assert cleared.get_json()["image"] is None and cleared.get_json()["image_url"] is None


@pytest.mark.parametrize(
    "image",
    ["data:image/png;base64,@@not-base64@@", data_url(b"plain text, not a picture"), "../../etc/passwd",
     "media/" + "0" * 64 + ".png"],
)
def test_the_api_refuses_what_is_not_a_picture_with_a_422_naming_the_field(demo_store, client, owner, image):
    body = {"sku": "PIC-BAD", "name": "Bad Tea", "department": "sleep", "price_cents": 900, "image": image}
    response = client.post("/api/v1/admin/products", json=body, headers=basic_auth(OWNER))
    assert response.status_code == 422
    assert "image" in response.get_json()["error"]["fields"]
    assert client.get("/api/v1/products/PIC-BAD").status_code == 404


def test_only_stored_names_are_served_from_media(client):
    assert client.get("/media/secret_key").status_code == 404
    assert client.get("/media/" + "a" * 64 + ".png").status_code == 404
