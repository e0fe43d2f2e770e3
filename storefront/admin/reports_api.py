"""Admin API: promotion reports as JSON (or CSV with format=csv)."""

from flask_smorest import Blueprint

from core.auth import ADMIN_API_SECURITY, admin_api_required
from storefront.admin.report_schemas import ReportOut, ReportQuery
from storefront.admin.reporting import build_report
from storefront.admin.reports import csv_response

blp = Blueprint("admin_reports_api", __name__, url_prefix="/api/v1/admin/reports", description="Admin: reports")


REPORT_RESPONSES = {
    "200": {
        "description": "The report as JSON, or as CSV with format=csv",
        "content": {
            "application/json": {"schema": ReportOut},
            "text/csv": {"schema": {"type": "string"}, "example": "day,orders,uses\n"},
        },
    }
}


@blp.route("/promotions")
@blp.doc(security=ADMIN_API_SECURITY, responses=REPORT_RESPONSES)
@admin_api_required()
@blp.arguments(ReportQuery, location="query")
@blp.response(200, ReportOut)
def promotions_report(args):
    """Orders, uses, discount given, revenue and AOV with vs without promotions, per day.

    Pass `promotion` for one promotion, leave it out for all; `format=csv` for CSV.
    """
    report = build_report(args["from_"], args["to"], args["promotion"])
    return csv_response(report) if args["format"] == "csv" else report
