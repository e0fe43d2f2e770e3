"""Builders for promotion tests: rule documents with defaults, stored through the service."""

import base64
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from core.extensions import db
from promotions import service
from promotions.models import Promotion
from promotions.schemas import PromotionIn
from tests.factories import make_admin, make_department, make_product

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


def basic_auth(email: str, password: str) -> dict:
    token = base64.b64encode(f"{email}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def owner_headers() -> dict:
    make_admin("owner@example.com", "correct horse battery")
    return basic_auth("owner@example.com", "correct horse battery")
