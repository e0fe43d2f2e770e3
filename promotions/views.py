"""Public promotion pages (terms) and the template hooks every page uses (banner, sale prices)."""

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, render_template

from core.errors import NotFound
from promotions.banner import safe_banner
from promotions.models import PromotionStatus, as_utc
from promotions.queries import display_status, get_promotion
from promotions.sale_prices import sale_price, sale_prices

bp = Blueprint("promotions", __name__, url_prefix="/offers")
# Template globals, not context processors: a page that does not show them pays nothing.
# `site_banner()` is asked only when a page shows the banner; a view that has the compiled
# promotions already passes its own.
bp.add_app_template_global(safe_banner, "site_banner")
bp.add_app_template_global(sale_price, "sale_price")
bp.add_app_template_global(sale_prices, "sale_prices")


@bp.get("/<int:promotion_id>/terms")
def terms(promotion_id: int):
    """The offer's terms, linked from the banner's `*`; drafts are not public."""
    try:
        promotion = get_promotion(promotion_id)
    except NotFound:
        abort(404)
    if promotion.status == PromotionStatus.DRAFT:
        abort(404)
    zone = ZoneInfo(current_app.config["STORE_TIMEZONE"])
    starts, ends = (as_utc(value) for value in (promotion.starts_at, promotion.ends_at))
    return render_template(
        "promotions/terms.html",
        promotion=promotion,
        status=display_status(promotion),
        starts_at=starts and starts.astimezone(zone),
        ends_at=ends and ends.astimezone(zone),
    )
