"""Demo promotions: BNR41921 in the banner plus three automatic offers.

The CBD sale runs from three days before seeding to sixty days after, so a freshly
seeded demo store always shows it (the README says so).
"""

from datetime import UTC, datetime, timedelta

from promotions import service
from promotions.schemas import PromotionIn

BNR_TERMS = (
    "*Offer applies to merchandise subtotal before shipping and tax. "
    "One use per customer. Cannot be combined with other codes."
)


def demo_rules(now: datetime) -> list[dict]:
    """The demo promotions in the rule format."""
    return [
        {
            "name": "$50 off orders of $200 or more",
            "description": "Take $50 off any order of $200 or more with code BNR41921.",
            "terms": BNR_TERMS,
            "trigger": "code",
            "codes": ["BNR41921"],
            "priority": 10,
            "stacking": "combinable",
            "combines_with": ["product", "shipping"],
            "usage_limit_per_customer": 1,
            "banner": "SAVE $50 on $200 Orders",
            "show_in_banner": True,
            "conditions": [{"type": "min_subtotal", "amount_cents": 20000}],
            "benefit": {"type": "amount_off_order", "amount_cents": 5000},
        },
        {
            "name": "20% off the CBD store",
            "description": "Every product in the CBD store is 20% off for a limited time.",
            "terms": "Automatic discount on CBD store products. Ends at the date shown.",
            "trigger": "automatic",
            "priority": 5,
            "starts_at": (now - timedelta(days=3)).isoformat(),
            "ends_at": (now + timedelta(days=60)).isoformat(),
            "eligible": {"departments": ["cbd"]},
            "benefit": {"type": "percent_off", "percent": 20},
        },
        {
            "name": "Buy 2 gummies, get 1 free",
            "description": "Mix and match any gummies: the cheapest of every three is free.",
            "terms": "The cheapest eligible gummies are free, one for every three in the cart.",
            "trigger": "automatic",
            "priority": 4,
            "eligible": {"tags": ["gummies"]},
            "benefit": {"type": "buy_x_get_y", "buy": 2, "get": 1, "percent": 100, "repeat": True},
        },
        {
            "name": "Free shipping over $75",
            "description": "Standard shipping is on us when your merchandise reaches $75.",
            "terms": "Applies to shipping when the merchandise subtotal before discounts is $75 or more.",
            "trigger": "automatic",
            "priority": 1,
            "conditions": [{"type": "min_subtotal", "amount_cents": 7500}],
            "benefit": {"type": "shipping", "percent": 100},
        },
    ]


def seed_promotions(now: datetime | None = None) -> int:
    """Create the demo promotions (validated like admin input); returns how many."""
    rules = demo_rules(now or datetime.now(UTC))
    for rule in rules:
        service.create_promotion(PromotionIn().load(rule), actor=service.SYSTEM)
    return len(rules)
