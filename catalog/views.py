"""Shop pages: listing, departments, product details, search and the CBD store."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from marshmallow import ValidationError

from catalog.age import age_confirmed, remember_age_confirmed
from catalog.queries import (
    ProductFilter,
    department_by_slug,
    product_by_slug,
    product_page,
)
from catalog.schemas import ShopQuerySchema
from core.shelf import shelf_page

bp = Blueprint("catalog", __name__)

def _shop_query() -> tuple[dict, dict[str, list[str]]]:
    """The filters, and what the shopper got wrong in them (those filters are left out).

    A listing with a mistyped price still lists products, with the message beside the field.
    """
    schema = ShopQuerySchema()
    typed = {name: value for name, value in request.args.to_dict().items() if name in schema.fields}
    try:
        return schema.load(typed), {}
    except ValidationError as error:
        problems = {name: messages for name, messages in error.messages.items() if name in schema.fields}
        return schema.load({k: v for k, v in typed.items() if k not in problems}), problems


def _render_listing(template: str, department=None, **context):
    args, problems = _shop_query()
    flt = ProductFilter(
        department=department.slug if department else args["department"],
        q=args["q"],
        min_price_cents=args["min_price"],
        max_price_cents=args["max_price"],
        sort=args["sort"],
        tag=args["tag"],
    )
    page = product_page(flt, args["page"], current_app.config["PRODUCTS_PER_PAGE"])
    status = 422 if problems else 200
    if page.total and args["page"] > page.pages:
        problems["page"] = [f"There is no page {args['page']}: these products fill {page.pages} page{'s' if page.pages > 1 else ''}."]
        status = 404
    html = render_template(
        template,
        page=page,
        filters=args,
        problems=problems,
        department=department,
        **context,
    )
    return html, status


@bp.get("/shop")
@shelf_page()
def shop():
    return _render_listing("catalog/shop.html")


@bp.get("/shop/<slug>")
@shelf_page()
def department(slug: str):
    dept = department_by_slug(slug)
    if dept is None:
        abort(404)
    if dept.age_restricted and not age_confirmed():
        return render_template("catalog/age_gate.html", department=dept, next=request.full_path)
    return _render_listing("catalog/department.html", department=dept)


@bp.get("/cbd")
@shelf_page()
def cbd():
    dept = department_by_slug("cbd")
    if dept is None:
        abort(404)
    if not age_confirmed():
        return render_template("catalog/age_gate.html", department=dept, next=url_for(".cbd"))
    return _render_listing("catalog/cbd.html", department=dept)


@bp.post("/age-confirmation")
def confirm_age():
    if request.form.get("confirm") != "yes":
        return render_template("catalog/age_denied.html"), 403
    remember_age_confirmed()
    target = request.form.get("next") or url_for(".cbd")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for(".cbd")
    return redirect(target)


@bp.get("/products/<slug>")
@shelf_page()
def product(slug: str):
    item = product_by_slug(slug)
    if item is None:
        abort(404)
    if item.department.age_restricted and not age_confirmed():
        return render_template("catalog/age_gate.html", department=item.department, next=request.path)
    return render_template("catalog/product.html", product=item)


@bp.get("/search")
@shelf_page()
def search():
    return _render_listing("catalog/search.html", query=request.args.get("q", ""))
