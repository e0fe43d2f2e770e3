"""Serving uploaded product and department pictures, and the `image_url` every template uses."""

from flask import Blueprint, abort, send_from_directory

from catalog.images import STORED_NAME, image_url, media_root

bp = Blueprint("media", __name__, url_prefix="/media")
bp.add_app_template_global(image_url, "image_url")

YEAR = 365 * 24 * 3600


@bp.get("/<filename>")
def image(filename: str):
    """An upload; its name is its content's hash, so browsers and CDNs may keep it for a year."""
    if not STORED_NAME.match(filename):
        abort(404)
    response = send_from_directory(media_root(), filename, max_age=YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response
