"""Reports pages: per promotion or overall, for a period, with an SVG chart and CSV."""

import csv
import io

from flask import Blueprint, Response, render_template, request
from marshmallow import ValidationError

from core.auth import admin_required
from promotions.service import list_promotions
from storefront.admin.chart import day_chart
from storefront.admin.report_schemas import ReportQuery
from storefront.admin.reporting import build_report, report_rows

bp = Blueprint("reports", __name__, url_prefix="/reports")


def csv_response(report) -> Response:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(report_rows(report))
    name = f"report-{report.first}-{report.last}" + (f"-promotion-{report.promotion_id}" if report.promotion_id else "")
    return Response(buffer.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@bp.get("")
@admin_required()
def index():
    errors = {}
    try:
        query = ReportQuery().load(request.args.to_dict())
    except ValidationError as error:
        errors = error.messages
        query = ReportQuery().load({})
    report = build_report(query["from_"], query["to"], query["promotion"])
    if query["format"] == "csv":
        return csv_response(report)
    promotions = list_promotions()
    name = next((p.name for p in promotions if p.id == report.promotion_id), None)
    title = f"Uses and discount per day{' for ' + name if name else ''}"
    return render_template(
        "admin/reports.html", report=report, promotions=promotions, chart=day_chart(report.days, title=title),
        name=name, errors=errors, args=request.args,
    ), (422 if errors else 200)
