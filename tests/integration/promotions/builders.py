"""Builders for promotion tests: rule documents with defaults, stored through the service."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from core.extensions import db
from promotions import service
from promotions.models import Promotion, PromotionCode
from promotions.schemas import PromotionIn
from tests.factories import make_department, make_product

BNR_TERMS = (
    "*Offer applies to merchandise subtotal before shipping and tax. "
    "One use per customer. Cannot be combined with other codes."
)


def bnr_rule(**overrides) -> dict:
    """$50 off orders of $200 or more with code BNR41921, shown in the banner."""
    rule = {
        "name": "$50 off orders of $200 or more",
        "terms": BNR_TERMS,
        "trigger": "code",
        "codes": ["BNR41921"],
        "combines_with": ["product", "shipping"],
        "usage_limit_per_customer": 1,
        "banner": "SAVE $50 on $200 Orders",
        "conditions": [{"type": "min_subtotal", "amount_cents": 20000}],
        "benefit": {"type": "amount_off_order", "amount_cents": 5000},
    }
    rule.update(overrides)
    return rule


def department_sale_rule(department: str = "cbd", percent: int = 20, **overrides) -> dict:
    rule = {
        "name": f"{percent}% off {department}",
        "trigger": "automatic",
        "eligible": {"departments": [department]},
        "benefit": {"type": "percent_off", "percent": percent},
    }
    rule.update(overrides)
    return rule


def make_promotion(rule: dict, status: str = "active") -> Promotion:
    return service.create_promotion(PromotionIn().load({**rule, "status": status}))


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
    promotion = make_promotion(rule)
    if code_limit is not None:
        row = db.session.scalar(db.select(PromotionCode).where(PromotionCode.promotion_id == promotion.id))
        row.usage_limit = code_limit
        db.session.commit()
    return promotion


def use_up(promotion: Promotion) -> None:
    """Pretend checkout spent every use (as redemption's conditional UPDATE would)."""
    db.session.execute(
        update(Promotion).where(Promotion.id == promotion.id).values(times_used=Promotion.usage_limit)
    )
    db.session.commit()


def days(n: int) -> str:
    return (datetime.now(UTC) + timedelta(days=n)).isoformat()


def make_blanket(price_cents: int = 10000):
    """A $100 weighted blanket in the sleep department."""
    return make_product(
        "SLP-BLANKET-15", price_cents=price_cents, department=make_department("sleep"), name="Weighted Blanket"
    )


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
    return make_promotion(rule)


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
