"""`fixed_url`: URLs routed once per process, per mount point, with placeholders for a list's items."""

import pytest


def test_cart_links_each_line_under_the_mount_point_it_was_asked_from(client, demo_store):
    client.post("/cart/add", data={"sku": "SLP-MEL-3-60", "quantity": "1"})
    client.post("/cart/codes", data={"code": "BNR41921"})
    for mount in ("", "/store", ""):  # the same process, so a URL kept for one must not serve the other
        html = client.get("/cart", environ_overrides={"SCRIPT_NAME": mount}).get_data(as_text=True)
        assert f'action="{mount}/cart/lines/SLP-MEL-3-60"' in html, mount
        assert f'action="{mount}/cart/lines/SLP-MEL-3-60/remove"' in html, mount
        assert f'action="{mount}/cart/codes/BNR41921/remove"' in html, mount
        assert f'href="{mount}/checkout"' in html, mount


def test_only_placeholders_are_kept(app):
    fixed_url = app.jinja_env.globals["fixed_url"]
    with app.test_request_context("/"):
        assert fixed_url("cart.update", sku="__sku__") == "/cart/lines/__sku__"
        with pytest.raises(ValueError, match="placeholders"):
            fixed_url("cart.update", sku="SLP-MEL-3-60")
