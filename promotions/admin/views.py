"""Promotions admin: list, create and edit with preview and conflict warnings, lifecycle, audit."""

import re

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from core.auth import admin_required
from core.errors import StoreError
from core.form_fields import ListField
from core.refusals import attempt, show_on_form
from promotions import service
from promotions.admin.audit import changes
from promotions.admin.forms import PromotionForm
from promotions.admin.preview import conflict_warnings, preview
from promotions.admin.queries import (
    audit_entries,
    department_names,
    form_choices,
    promotion_rows,
)
from promotions.engine import RuleError
from promotions.schemas import PromotionIn, to_rule
from promotions.summary import summarise_rule

bp = Blueprint("promotions", __name__, url_prefix="/promotions")
staff = admin_required()  # owners and marketing alike
_LINE = re.compile(r"^\s*(\S+)(?:[\s,;x×]+(\d{1,2}))?\s*$")


class PreviewForm(FlaskForm):
    """The sample cart; its CSRF token is the promotion form's, on the same page."""

    class Meta:
        csrf = False

    sample = TextAreaField("Sample cart", validators=[Length(max=5000)],
                           description="One product a line: SKU and quantity, e.g. CBD-OIL-500 2")
    preview_codes = ListField("Codes the shopper enters", upper=True)

    def quantities(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for number, line in enumerate((self.sample.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            match = _LINE.match(line)
            if match is None or not 1 <= int(match.group(2) or 1) <= 99:
                self.sample.errors = [*self.sample.errors, f"Line {number}: write a SKU and a quantity from 1 to 99."]
                continue
            sku = match.group(1).upper()
            found[sku] = found.get(sku, 0) + int(match.group(2) or 1)
        return found


def _actor() -> str:
    return current_user.email


def _summary(rule: dict) -> str:
    return summarise_rule(rule, timezone=current_app.config["STORE_TIMEZONE"], names=department_names())


def _form(**kwargs) -> PromotionForm:
    form = PromotionForm(**kwargs)
    form.set_choices(*form_choices())
    return form


def _validated(form: PromotionForm) -> dict | None:
    """The form's rule loaded by the promotions schema, or None with messages on the fields."""
    if not form.validate_on_submit():
        return None
    document, refused = attempt(lambda: PromotionIn().load({**form.rule(), "status": form.status.data}))
    if refused is not None:
        show_on_form(form, refused)
    return document


@bp.get("")
@staff
def index():
    q = request.args.get("q", "").strip()[:100] or None
    status = request.args.get("status") or None
    trigger = request.args.get("trigger") or None
    rows = promotion_rows(q, status, trigger)
    return render_template("admin/promotions/list.html", rows=rows, q=q or "", status=status or "", trigger=trigger or "")


def _editor(form, promotion=None, result=None, warnings=(), summary=None, status=200, preview_form=None):
    preview_form = preview_form or PreviewForm()
    return render_template(
        "admin/promotions/form.html", form=form, promotion=promotion, preview_form=preview_form,
        result=result, warnings=warnings, summary=summary,
    ), status


def _save_or_preview(form: PromotionForm, promotion=None):
    """One POST handler for both buttons: "Preview" prices the draft, "Save" stores it."""
    document = _validated(form)
    if document is None:
        return _editor(form, promotion, status=422)
    rule = {key: value for key, value in document.items() if key != "status"}
    promotion_id = promotion.id if promotion else None
    if request.form.get("action") == "preview":
        preview_form = PreviewForm(request.form)
        quantities = preview_form.quantities()
        if not quantities:
            preview_form.sample.errors = [*preview_form.sample.errors, "Add at least one SKU to preview."]
            return _editor(form, promotion, summary=_summary(rule), status=422, preview_form=preview_form)
        try:
            result = preview(rule, promotion_id, quantities, tuple(preview_form.preview_codes.data or ()))
        except (StoreError, RuleError) as error:
            flash(getattr(error, "message", str(error)), "error")
            return _editor(form, promotion, summary=_summary(rule), status=422, preview_form=preview_form)
        return _editor(
            form, promotion, result=result, warnings=conflict_warnings(rule, promotion_id),
            summary=_summary(rule), preview_form=preview_form,
        )
    saved, refused = attempt(
        lambda: service.create_promotion(document, actor=_actor()) if promotion is None
        else service.update_promotion(promotion.id, document, actor=_actor())
    )
    if refused is not None:
        show_on_form(form, refused)
        return _editor(form, promotion, status=refused.status)
    flash(f"“{saved.name}” saved.", "success")
    for warning in conflict_warnings(rule, saved.id):
        flash(warning.message, "warning")
    return redirect(url_for("admin.promotions.show", promotion_id=saved.id))


@bp.route("/new", methods=["GET", "POST"])
@staff
def new():
    form = _form()
    if request.method == "POST":
        return _save_or_preview(form)
    return _editor(form)


@bp.route("/<int:promotion_id>/edit", methods=["GET", "POST"])
@staff
def edit(promotion_id: int):
    promotion = service.get_promotion(promotion_id)
    if request.method == "POST":
        return _save_or_preview(_form(), promotion)
    form = _form(formdata=None)
    form.load_rule(to_rule(promotion), promotion.status.value)
    return _editor(form, promotion, summary=_summary(to_rule(promotion)))


@bp.post("/check")
@staff
def check():
    """Live validation for admin.js: field messages and the summary, without saving."""
    form = _form()
    document = _validated(form)
    if document is None:
        return jsonify(errors={name: list(errs) for name, errs in form.errors.items() if name != "csrf_token"}), 200
    rule = {key: value for key, value in document.items() if key != "status"}
    return jsonify(errors={}, summary=_summary(rule))


class ActionForm(FlaskForm):
    """CSRF only: every lifecycle button is a POST."""


@bp.get("/<int:promotion_id>")
@staff
def show(promotion_id: int):
    promotion = service.get_promotion(promotion_id)
    return render_template(
        "admin/promotions/show.html", promotion=promotion, status=service.display_status(promotion),
        summary=_summary(to_rule(promotion)), action=ActionForm(), used=service.was_used(promotion),
    )


ACTIONS = {
    "pause": (service.pause_promotion, "paused"),
    "resume": (service.resume_promotion, "resumed"),
    "end": (service.end_promotion_now, "ended"),
    "archive": (service.archive_promotion, "archived"),
    "duplicate": (service.duplicate_promotion, "duplicated as a draft"),
}


@bp.post("/<int:promotion_id>/<any(pause, resume, end, archive, duplicate):verb>")
@staff
def act(promotion_id: int, verb: str):
    if not ActionForm().validate_on_submit():
        flash("The form expired; please try again.", "error")
        return redirect(url_for("admin.promotions.show", promotion_id=promotion_id))
    do, done = ACTIONS[verb]
    result = do(promotion_id, actor=_actor())
    flash(f"Promotion {done}.", "success")
    return redirect(url_for("admin.promotions.show", promotion_id=result.id))


@bp.post("/<int:promotion_id>/delete")
@staff
def delete(promotion_id: int):
    """Delete an unused promotion; a used one is archived instead (its history stays)."""
    if not ActionForm().validate_on_submit():
        return redirect(url_for("admin.promotions.show", promotion_id=promotion_id))
    kept = service.delete_promotion(promotion_id, actor=_actor())
    if kept is not None:
        flash("This promotion was used, so it was archived instead of deleted.", "info")
        return redirect(url_for("admin.promotions.show", promotion_id=promotion_id))
    flash("Promotion deleted.", "success")
    return redirect(url_for("admin.promotions.index"))


@bp.get("/<int:promotion_id>/audit")
@staff
def audit(promotion_id: int):
    promotion = service.get_promotion(promotion_id)
    entries = [(entry, changes(entry.before, entry.after)) for entry in audit_entries(promotion_id)]
    return render_template("admin/promotions/audit.html", promotion=promotion, entries=entries)


def _register_children() -> None:
    from promotions.admin.codes import bp as codes_bp

    bp.register_blueprint(codes_bp)


_register_children()
