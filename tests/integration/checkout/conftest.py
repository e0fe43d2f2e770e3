"""Checkout fixtures: products to buy, promotions to claim, an admin to cancel."""

import pytest

from core.extensions import db
from promotions import service
from promotions.models import PromotionCode
from promotions.schemas import PromotionIn
from tests.factories import make_department, make_product


def make_code_promotion(
    code: str = "FLASH10",
    *,
    amount_cents: int = 1000,
    usage_limit: int | None = None,
    code_limit: int | None = None,
    per_customer: int | None = None,
    budget_cents: int | None = None,
    min_subtotal_cents: int | None = None,
):
    """A code promotion taking `amount_cents` off the order, created like admin input."""
    rule = {
        "name": f"{code} promotion",
        "trigger": "code",
        "codes": [code],
        "benefit": {"type": "amount_off_order", "amount_cents": amount_cents},
    }
    if usage_limit is not None:
        rule["usage_limit"] = usage_limit
    if per_customer is not None:
        rule["usage_limit_per_customer"] = per_customer
    if budget_cents is not None:
        rule["budget_cents"] = budget_cents
    if min_subtotal_cents is not None:
        rule["conditions"] = [{"type": "min_subtotal", "amount_cents": min_subtotal_cents}]
    promotion = service.create_promotion(PromotionIn().load(rule))
    if code_limit is not None:
        row = db.session.scalar(db.select(PromotionCode).where(PromotionCode.promotion_id == promotion.id))
        row.usage_limit = code_limit
        db.session.commit()
    return promotion


def make_gift_promotion(
    sku: str = "TOTE-1",
    *,
    quantity: int = 1,
    min_subtotal_cents: int | None = 5000,
    code: str | None = None,
    usage_limit: int | None = None,
    budget_cents: int | None = None,
):
    """A free-gift promotion (automatic, or by `code`), created like admin input."""
    rule = {
        "name": f"Free {sku}",
        "trigger": "code" if code else "automatic",
        "benefit": {"type": "free_gift", "sku": sku, "quantity": quantity},
    }
    if code:
        rule["codes"] = [code]
    if min_subtotal_cents is not None:
        rule["conditions"] = [{"type": "min_subtotal", "amount_cents": min_subtotal_cents}]
    if usage_limit is not None:
        rule["usage_limit"] = usage_limit
    if budget_cents is not None:
        rule["budget_cents"] = budget_cents
    return service.create_promotion(PromotionIn().load(rule))


def tote_gift(promotion_id: int) -> dict:
    """How the API shows the default gift (one $15.00 Canvas Tote) in a cart or an order."""
    return {
        "sku": "TOTE-1",
        "name": "Canvas Tote",
        "quantity": 1,
        "unit_price_cents": 0,
        "total_cents": 0,
        "value_cents": 1500,
        "promotion_id": promotion_id,
        "promotion": "Free TOTE-1",
        "code": None,
    }


@pytest.fixture
def tote(app):
    return make_product("TOTE-1", price_cents=1500, stock=3, name="Canvas Tote")


@pytest.fixture
def tea(app):
    return make_product("TEA-1", price_cents=1250, stock=10, name="Sleepy Tea")


@pytest.fixture
def mat(app):
    return make_product("MAT-1", price_cents=4000, stock=5, name="Yoga Mat")


@pytest.fixture
def cbd_oil(app):
    cbd = make_department(
        "cbd", name="CBD", age_restricted=True, minimum_age=21, restricted_regions=["ID", "NE", "SD"]
    )
    return make_product("CBD-1", price_cents=4999, stock=10, name="CBD Oil 500mg", department=cbd)
