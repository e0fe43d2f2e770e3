"""Codes of a promotion: add a public code, generate a batch (CSV), look a code up."""

import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from core.auth import admin_required
from core.errors import JobAlreadyRunning, StoreError
from core.extensions import db
from core.refusals import attempt
from promotions import service
from promotions.admin.store import store
from promotions.engine import normalize_code
from promotions.models import PromotionCode

bp = Blueprint("codes", __name__)
staff = admin_required()
SHOWN = 200
MAX_CODES = 100_000  # in one batch job


class AddCodeForm(FlaskForm):
    code = StringField("Code", validators=[DataRequired(), Regexp(r"^\s*[A-Za-z0-9][A-Za-z0-9_-]{2,39}\s*$", message="3 to 40 letters, digits, hyphens or underscores.")])
    usage_limit = IntegerField("Uses allowed (blank: unlimited)", validators=[Optional(), NumberRange(1)])


class GenerateForm(FlaskForm):
    count = IntegerField("How many", default=100, validators=[DataRequired(), NumberRange(1, MAX_CODES)])
    prefix = StringField("Prefix", validators=[Optional(), Length(max=12), Regexp(r"^[A-Za-z0-9_-]*$", message="Letters, digits, hyphens or underscores.")])
    length = IntegerField("Random characters", default=8, validators=[DataRequired(), NumberRange(6, 20)])
    usage_limit = IntegerField("Uses per code", default=1, validators=[Optional(), NumberRange(1)])


def _codes(promotion_id: int) -> list[PromotionCode]:
    query = select(PromotionCode).where(PromotionCode.promotion_id == promotion_id).order_by(PromotionCode.id)
    return list(db.session.scalars(query.limit(SHOWN)))


def _page(promotion_id: int, add=None, generate=None, running: int | None = None, status: int = 200):
    promotion = service.get_promotion(promotion_id)
    return render_template(
        "admin/promotions/codes.html", promotion=promotion, codes=_codes(promotion_id), shown=SHOWN,
        add=add or AddCodeForm(formdata=None), generate=generate or GenerateForm(formdata=None),
        running=running or store().running_code_batch(promotion_id),
    ), status


@bp.get("/<int:promotion_id>/codes")
@staff
def index(promotion_id: int):
    return _page(promotion_id)


@bp.post("/<int:promotion_id>/codes")
@staff
def add(promotion_id: int):
    form = AddCodeForm()
    if not form.validate_on_submit():
        return _page(promotion_id, add=form, status=422)
    row, refused = attempt(lambda: service.add_code(
        promotion_id, normalize_code(form.code.data), usage_limit=form.usage_limit.data, actor=current_user.email
    ))
    if refused is not None:
        form.code.errors = [*form.code.errors, refused.message]
        return _page(promotion_id, add=form, status=refused.status)
    flash(f"Code {row.code} added.", "success")
    return redirect(url_for("admin.promotions.codes.index", promotion_id=promotion_id))


def _csv(promotion_id: int, codes: list[tuple[str, int | None, int]], name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", "usage_limit", "times_used"])
    writer.writerows(codes)
    return Response(
        buffer.getvalue(), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="promotion-{promotion_id}-{name}.csv"'},
    )


@bp.post("/<int:promotion_id>/codes/generate")
@staff
def generate(promotion_id: int):
    """Queue the batch and show its progress; the CSV downloads from the finished job."""
    form = GenerateForm()
    if not form.validate_on_submit():
        return _page(promotion_id, generate=form, status=422)
    try:
        job_id = store().start_code_batch(
            promotion_id, form.count.data, prefix=normalize_code(form.prefix.data or ""),
            length=form.length.data, usage_limit=form.usage_limit.data, actor=current_user.email,
        )
    except JobAlreadyRunning as running:
        flash(running.message, "error")
        return _page(promotion_id, generate=form, running=running.job_id, status=running.status)
    except StoreError as error:
        flash(error.message, "error")
        return _page(promotion_id, generate=form, status=error.status)
    return redirect(url_for("admin.jobs.show", job_id=job_id), code=303)


@bp.get("/<int:promotion_id>/codes.csv")
@staff
def download(promotion_id: int):
    service.get_promotion(promotion_id)
    rows = db.session.execute(
        select(PromotionCode.code, PromotionCode.usage_limit, PromotionCode.times_used)
        .where(PromotionCode.promotion_id == promotion_id).order_by(PromotionCode.id)
    ).all()
    return _csv(promotion_id, [tuple(row) for row in rows], "codes")


@bp.get("/codes/lookup")
@staff
def lookup():
    text = normalize_code(request.args.get("code", ""))[:64]
    row = db.session.scalar(select(PromotionCode).where(PromotionCode.code == text)) if text else None
    uses = store().code_uses(row.code) if row is not None else []
    return render_template("admin/promotions/lookup.html", code=text, row=row, uses=uses)
