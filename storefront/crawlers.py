"""What crawlers and browsers ask of every site: /favicon.ico, /robots.txt and /sitemap.xml."""

from flask import Blueprint, current_app, render_template, request, send_from_directory, url_for
from sqlalchemy import select

from catalog.models import Product
from catalog.queries import departments
from core.extensions import db
from storefront.content.models import Article

bp = Blueprint("crawlers", __name__)

PRIVATE = ("/admin", "/cart", "/checkout", "/account", "/api/")


@bp.get("/favicon.ico")
def favicon():
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400)


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE), f"Sitemap: {url_for('.sitemap', _external=True)}"]
    return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/sitemap.xml")
def sitemap():
    """Every page a shopper can land on: listings, departments, products and articles."""
    slugs = db.session.scalars(select(Product.slug).where(Product.active.is_(True)).order_by(Product.slug)).all()
    articles = db.session.scalars(select(Article.slug).order_by(Article.slug)).all()
    pages = [url_for("pages.home"), url_for("catalog.shop"), url_for("content.index")]
    for dept in departments():
        pages.append(url_for("catalog.cbd") if dept.slug == "cbd" else url_for("catalog.department", slug=dept.slug))
    pages += [url_for("catalog.product", slug=slug) for slug in slugs]
    pages += [url_for("content.show", slug=slug) for slug in articles]
    root = request.host_url.rstrip("/")
    body = render_template("sitemap.xml", urls=[root + path for path in pages])
    return body, 200, {"Content-Type": "application/xml; charset=utf-8"}
