"""Catalog admin (owners): products, bulk stock, departments with their shipping limits."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from wtforms import SelectChoice

from catalog.admin.forms import DepartmentForm, ProductForm, StockForm
from catalog.queries import (
    ProductFilter,
    department_by_slug,
    departments,
    product_by_sku,
    product_page,
)
from catalog.schemas import ProductIn, ProductPatch
from catalog.service import (
    create_department,
    create_product,
    set_stock,
    update_department,
    update_product,
)
from core.auth import Role, admin_required
from core.refusals import attempt, show_on_form

bp = Blueprint("catalog", __name__, url_prefix="/catalog")
PER_PAGE = 50


def _product_form(product=None) -> ProductForm:
    form = ProductForm(obj=product)
    form.department.choices = [SelectChoice(d.slug, d.name) for d in departments()]
    if product is not None and request.method == "GET":
        form.department.data = product.department.slug
        form.price.data, form.compare_at.data, form.cost.data = (
            product.price_cents, product.compare_at_cents, product.cost_cents
        )
    return form


@bp.get("/products")
@admin_required(Role.OWNER)
def products():
    q = request.args.get("q", "").strip()[:200] or None
    department = request.args.get("department", "").strip()[:80] or None
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    found = product_page(ProductFilter(department=department, q=q, include_inactive=True), page, PER_PAGE)
    return render_template(
        "admin/products.html", page=found, q=q or "", department=department or "",
        departments=departments(), stock_form=StockForm(),
    )


@bp.route("/products/new", methods=["GET", "POST"])
@admin_required(Role.OWNER)
def new_product():
    form = _product_form()
    if form.validate_on_submit():
        product, refused = attempt(lambda: create_product(ProductIn().load(form.payload())))
        if refused is None:
            flash(f"{product.name} created.", "success")
            return redirect(url_for("admin.catalog.products", q=product.sku))
        show_on_form(form, refused)
    status = 422 if form.errors else 200
    return render_template("admin/product_form.html", form=form, product=None), status


@bp.route("/products/<sku>", methods=["GET", "POST"])
@admin_required(Role.OWNER)
def edit_product(sku: str):
    product = product_by_sku(sku, include_inactive=True) or abort(404)
    form = _product_form(product)
    if form.validate_on_submit():
        def save():
            changes = form.payload()  # stores an uploaded picture: a bad one is refused here
            changes.pop("sku")  # a product keeps its SKU
            return update_product(sku, ProductPatch().load(changes))

        _, refused = attempt(save)
        if refused is None:
            flash(f"{product.name} saved.", "success")
            return redirect(url_for("admin.catalog.edit_product", sku=sku))
        show_on_form(form, refused)
    status = 422 if form.errors else 200
    return render_template("admin/product_form.html", form=form, product=product), status


@bp.post("/products/stock")
@admin_required(Role.OWNER)
def bulk_stock():
    form = StockForm()
    if form.validate_on_submit():
        changed, refused = attempt(lambda: set_stock(form.parsed))
        if refused is None:
            flash(f"Stock updated for {len(changed)} products.", "success")
            return redirect(url_for("admin.catalog.products"))
        form.place_errors(refused.fields)  # flashed below, with the form's own messages
    for message in form.levels.errors:
        flash(message, "error")
    return redirect(url_for("admin.catalog.products"))


@bp.get("/departments", endpoint="departments")
@admin_required(Role.OWNER)
def departments_page():
    return render_template("admin/departments.html", departments=departments())


@bp.route("/departments/new", methods=["GET", "POST"])
@admin_required(Role.OWNER)
def new_department():
    form = DepartmentForm()
    if form.validate_on_submit():
        department, refused = attempt(lambda: create_department(form.payload()))
        if refused is None:
            flash(f"{department.name} created.", "success")
            return redirect(url_for("admin.catalog.departments"))
        show_on_form(form, refused)
    status = 422 if form.errors else 200
    return render_template("admin/department_form.html", form=form, department=None), status


@bp.route("/departments/<slug>", methods=["GET", "POST"])
@admin_required(Role.OWNER)
def edit_department(slug: str):
    department = department_by_slug(slug) or abort(404)
    form = DepartmentForm(obj=department)
    form.slug.data = department.slug  # the address never changes
    if form.validate_on_submit():
        _, refused = attempt(lambda: update_department(slug, form.payload()))
        if refused is None:
            flash(f"{department.name} saved.", "success")
            return redirect(url_for("admin.catalog.departments"))
        show_on_form(form, refused)
    status = 422 if form.errors else 200
    return render_template("admin/department_form.html", form=form, department=department), status
