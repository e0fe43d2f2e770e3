"""Product and department pictures: uploads checked by content, stored by hash, and a placeholder.

An `image` column holds either a path under `static/` (the demo store's drawings, e.g.
`img/products/cbd-oil-500.svg`), or `media/<sha256>.<ext>` for an upload kept in MEDIA_ROOT,
or nothing, in which case pages show a drawn placeholder with the name's initials. Uploads are
recognised by their first bytes (PNG, JPEG, WebP, GIF), never by the name the browser sent,
and named by their content, so a stored file never changes and may be cached for a year.
SVG uploads are refused: an SVG is a document that can carry script.
"""

import base64
import binascii
import colorsys
import hashlib
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from flask import current_app, url_for

from core.errors import Invalid

MEDIA_PREFIX = "media/"
STORED_NAME = re.compile(r"^[0-9a-f]{64}\.(png|jpg|webp|gif)$")
_STATIC_DRAWING = re.compile(r"^img/(products|departments)/[a-z0-9-]+\.svg$")
_DATA_URL = re.compile(r"^data:image/[a-z+.-]+;base64,", re.IGNORECASE)
# Sage, teal, olive, clay, lavender, sand: close to the store's own drawings.
_HUES = (140, 172, 84, 18, 256, 40)


class ImageRefused(Invalid):
    def __init__(self, message: str):
        super().__init__(message, fields={"image": [message]})


def kind_of(data: bytes) -> str | None:
    """The file type by its magic bytes, as the extension we store it under."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def store_image(data: bytes) -> str:
    """Keep an uploaded picture and return its `image` value; refuses what is not a picture."""
    limit = current_app.config["MEDIA_MAX_BYTES"]
    if not data:
        raise ImageRefused("The image file is empty.")
    if len(data) > limit:
        raise ImageRefused(f"Images can be at most {limit // 1024} KB.")
    kind = kind_of(data)
    if kind is None:
        raise ImageRefused("Upload a PNG, JPEG, WebP or GIF image.")
    name = f"{hashlib.sha256(data).hexdigest()}.{kind}"
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    if not (root / name).exists():
        # Write aside and rename: a reader never sees half a file, two writers never clash.
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, root / name)
    return MEDIA_PREFIX + name


def image_from_api(value: str) -> str:
    """The API's `image`: a base64 `data:` URL to store, or an image the store already has."""
    if _DATA_URL.match(value):
        try:
            data = base64.b64decode(value.split(",", 1)[1], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImageRefused("The image is not valid base64.") from exc
        return store_image(data)
    stored = value.removeprefix(MEDIA_PREFIX)
    if (
        value.startswith(MEDIA_PREFIX)
        and STORED_NAME.match(stored)
        and (media_root() / stored).is_file()
    ):
        return value
    if _STATIC_DRAWING.match(value) and (Path(current_app.static_folder) / value).is_file():
        return value
    raise ImageRefused(
        "Send a data:image/…;base64,… URL, or the image value of an existing product."
    )


def image_url(item) -> str:
    """Where a product's or department's picture is: an upload, a static drawing or a placeholder."""
    image = item.image
    if not image:
        return placeholder(item.name)
    if image.startswith(MEDIA_PREFIX):
        return url_for("media.image", filename=image[len(MEDIA_PREFIX) :])
    return current_app.jinja_env.globals["static_url"](image)


def _initials(name: str) -> str:
    words = re.findall(r"\w+", name)
    return "".join(word[0] for word in words[:2]).upper() or "?"


def _colour(hue: int, saturation: float, lightness: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


@lru_cache(maxsize=4096)
def placeholder(name: str) -> str:
    """A square drawing with the name's initials, as a data: URL (no request, CSP allows it)."""
    hue = _HUES[int(hashlib.sha1(name.encode()).hexdigest(), 16) % len(_HUES)]
    label = name if len(name) <= 30 else name[:29].rstrip() + "…"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{_colour(hue, 0.38, 0.93)}"/>'
        f'<stop offset="1" stop-color="{_colour(hue, 0.30, 0.82)}"/></linearGradient></defs>'
        '<rect width="400" height="400" fill="url(#g)"/>'
        f'<circle cx="200" cy="176" r="96" fill="#fff" opacity=".55"/>'
        "<g font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" "
        'text-anchor="middle">'
        f'<text x="200" y="206" font-size="84" font-weight="600" fill="{_colour(hue, 0.35, 0.28)}">'
        f"{escape(_initials(name))}</text>"
        f'<text x="200" y="334" font-size="22" fill="{_colour(hue, 0.25, 0.30)}">{escape(label)}</text>'
        "</g></svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
