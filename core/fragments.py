"""Fragments the same for every shopper, rendered once per key in each process.

The header's department links, the offer banner, the header and the footer appear on every
page, the never-cached cart included, and change only with what their key names (a catalog
version, the banner chosen, the sign-in state). Each process keeps them rendered per key and
mount point; a key no one asks for again (an old version) is dropped with the rest when the
store is full, so it never grows. Kept per app, like the compiled promotions.
"""

from collections.abc import Callable

from flask import Flask, current_app, request
from markupsafe import Markup

EXTENSION_KEY = "core.fragments"
_KEEP = 32  # a few variants of each fragment over a few versions and mount points


def init_app(app: Flask) -> None:
    """Give `app` its (empty) store of rendered fragments."""
    app.extensions[EXTENSION_KEY] = {}


def kept_fragment(template: str, key: tuple, context: Callable[[], dict] = dict) -> Markup:
    """`template` rendered with `context()` once per `key` and mount point in this process;
    `context` is asked only when the fragment is rendered."""
    kept: dict = current_app.extensions[EXTENSION_KEY]
    full_key = (template, request.script_root, *key)
    fragment = kept.get(full_key)
    if fragment is None:
        if len(kept) >= _KEEP:
            kept.clear()
        page = current_app.jinja_env.get_template(template)
        fragment = kept[full_key] = Markup(page.render(**context()))
    return fragment
