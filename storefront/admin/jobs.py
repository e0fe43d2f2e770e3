"""Background jobs in the admin: start an export, watch any job's progress, download its file.

The status page works without JavaScript (it refreshes itself until the job ends); with
JavaScript, admin.js polls the JSON twin of the page and moves the progress bar.
"""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from marshmallow import Schema, fields

from core.auth import Role, admin_required
from core.errors import JobAlreadyRunning
from storefront.jobs.models import JobKind
from storefront.jobs.runner import LABELS, create_job, get_job, recent_jobs

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
staff = admin_required()
EXPORTS = {"orders": JobKind.ORDERS_CSV, "code-usage": JobKind.CODE_USAGE_CSV}
# Orders carry shoppers' emails: like the orders pages, owners only.
OWNER_ONLY = frozenset({JobKind.ORDERS_CSV})


def _may_see(kind: JobKind) -> bool:
    return kind not in OWNER_ONLY or current_user.role == Role.OWNER


def _visible_job(job_id: int):
    job = get_job(job_id)
    if not _may_see(job.kind):
        abort(403)
    return job


class JobOut(Schema):
    """What the progress bar needs; the file itself comes from the download link."""

    id = fields.Integer()
    kind = fields.String()
    status = fields.String()
    done = fields.Integer()
    total = fields.Integer()
    percent = fields.Integer()
    finished = fields.Boolean()
    result = fields.String(allow_none=True)
    error = fields.String(allow_none=True)
    download_url = fields.Method("_download_url", allow_none=True)

    def _download_url(self, job) -> str | None:
        return url_for("admin.jobs.download", job_id=job.id) if job.output is not None else None


@bp.get("")
@staff
def index():
    exports = {name: kind for name, kind in EXPORTS.items() if _may_see(kind)}
    jobs = [job for job in recent_jobs() if _may_see(job.kind)]
    return render_template("admin/jobs/index.html", jobs=jobs, exports=exports, labels=LABELS)


@bp.post("/exports/<name>")
@staff
def export(name: str):
    kind = EXPORTS.get(name) or abort(404)
    if not _may_see(kind):
        abort(403)
    try:
        job_id = create_job(kind, {}, lock_key=f"export:{name}", actor=current_user.email)
    except JobAlreadyRunning as running:
        flash(running.message, "error")
        return redirect(url_for("admin.jobs.show", job_id=running.job_id), code=303)
    from storefront.jobs.tasks import do_job

    do_job(job_id)
    return redirect(url_for("admin.jobs.show", job_id=job_id), code=303)


@bp.get("/<int:job_id>")
@staff
def show(job_id: int):
    job = _visible_job(job_id)
    return render_template("admin/jobs/show.html", job=job, label=LABELS[job.kind])


@bp.get("/<int:job_id>.json")
@staff
def status(job_id: int):
    return JobOut().dump(_visible_job(job_id))


@bp.get("/<int:job_id>/download")
@staff
def download(job_id: int):
    job = _visible_job(job_id)
    if job.output is None:
        abort(404)
    return Response(job.output, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{job.output_name}"'})
