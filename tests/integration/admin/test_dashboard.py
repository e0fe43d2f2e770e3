"""The dashboard's figures: sales today and over 30 days, top promotions, low stock."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storefront.admin.dashboard import build_dashboard
from storefront.checkout.models import OrderStatus
from tests.factories import make_product
from tests.integration.admin.test_reports_and_orders import _order

# Noon in the store's zone (the test app's default): minutes earlier are still "today".
NOW = datetime.combine(datetime.now(UTC).date(), time(12), tzinfo=ZoneInfo("America/New_York")).astimezone(UTC)


def test_today_and_thirty_days_count_placed_orders_only(app):
    _order("T1", 8000, discount=2000, promotion_id=7, placed_at=NOW - timedelta(minutes=5))
    _order("T2", 3000, placed_at=NOW - timedelta(minutes=4))
    _order("M1", 5000, discount=500, promotion_id=8, placed_at=NOW - timedelta(days=10))
    _order("OLD", 9000, placed_at=NOW - timedelta(days=45))
    _order("X1", 7000, discount=700, promotion_id=7, placed_at=NOW - timedelta(minutes=3), status=OrderStatus.CANCELLED)

    figures = build_dashboard(NOW)

    assert (figures.today.orders, figures.today.revenue_cents, figures.today.discount_cents) == (2, 11000, 2000)
    assert (figures.period.orders, figures.period.revenue_cents, figures.period.discount_cents) == (3, 16000, 2500)
    assert len(figures.period.days) == 30


def test_top_promotions_rank_by_uses_and_by_the_revenue_of_their_orders(app):
    _order("A1", 2000, discount=100, promotion_id=7, placed_at=NOW - timedelta(days=1))
    _order("A2", 2000, discount=100, promotion_id=7, placed_at=NOW - timedelta(days=2))
    _order("B1", 9000, discount=900, promotion_id=8, placed_at=NOW - timedelta(days=3))

    figures = build_dashboard(NOW)

    assert [(t.promotion_id, t.uses) for t in figures.top_by_uses] == [(7, 2), (8, 1)]
    assert [(t.promotion_id, t.revenue_cents) for t in figures.top_by_revenue] == [(8, 9000), (7, 4000)]


def test_low_stock_lists_products_at_or_below_the_threshold_fewest_first(app):
    make_product("PLENTY", stock=50)
    make_product("FEW", stock=3)
    make_product("NONE", stock=0)

    assert [p.sku for p in build_dashboard(NOW).low_stock] == ["NONE", "FEW"]


def test_the_dashboard_page_shows_the_figures(app, merchant):
    _order("T1", 8000, discount=2000, promotion_id=7, placed_at=datetime.now(UTC) - timedelta(days=2))
    page = merchant.get("/admin").get_data(as_text=True)
    assert 'data-kpi="revenue">$80.00' in page  # the 30 days' revenue
    assert "<svg" in page
