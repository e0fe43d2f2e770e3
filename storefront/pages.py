"""Home page and the health check."""

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text

from catalog.queries import featured_products
from core.extensions import db
from core.shelf import shelf_page

bp = Blueprint("pages", __name__)


@bp.get("/")
@shelf_page()
def home():
    return render_template("home.html", featured=featured_products(8))


@bp.get("/healthz")
def healthz():
    """Load balancers ask this; it answers 200 only when the database does."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001  any database failure means unhealthy
        return jsonify(status="unavailable", database="down"), 503
    return jsonify(status="ok", database="up")
