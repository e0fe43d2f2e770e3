"""The engine benchmark's workload: a catalog, promotions and carts, generated from fixed seeds.

The promotion mix is meant to look like a real store: most automatic promotions target one
product, department or tag; about a tenth are code-only; a handful are site-wide. The overlap
workload puts a hundred department-wide percentages on the same lines, so the best-combination
search has to work.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from promotions.engine import CartLine, CartSnapshot

NOW = datetime(2025, 6, 13, 22, 30, tzinfo=UTC)  # a Friday, 18:30 in New York
DEPARTMENTS = [f"dept-{i}" for i in range(12)]
TAGS = [f"tag-{i}" for i in range(60)]
CATALOG_SIZE = 5000
CART_SIZES = (1, 10, 50, 200)
PROMOTION_COUNTS = (10, 100, 1_000, 10_000)


def catalog(rng: random.Random) -> list[tuple[str, str, frozenset[str], int]]:
    """(sku, department, tags, unit price) for a fixed catalog."""
    return [
        (
            f"SKU-{i:05d}",
            rng.choice(DEPARTMENTS),
            frozenset(rng.sample(TAGS, rng.randint(0, 3))),
            rng.randint(199, 25_000),
        )
        for i in range(CATALOG_SIZE)
    ]


def _benefit(rng: random.Random) -> dict[str, Any]:
    kind = rng.choices(
        [
            "percent_off",
            "amount_off_order",
            "amount_off_each",
            "fixed_price_each",
            "buy_x_get_y",
            "tiered",
            "shipping",
        ],
        weights=[35, 15, 15, 10, 10, 10, 5],
    )[0]
    benefit: dict[str, Any] = {"type": kind}
    if kind == "percent_off":
        benefit["percent"] = rng.choice([5, 10, 12.5, 15, 20, 25, 30])
    elif kind in ("amount_off_order", "amount_off_each"):
        benefit["amount_cents"] = rng.choice([100, 300, 500, 1000, 2500, 5000])
    elif kind == "fixed_price_each":
        benefit["price_cents"] = rng.choice([499, 999, 1999])
    elif kind == "buy_x_get_y":
        benefit.update(
            buy=rng.randint(1, 3), get=1, percent=rng.choice([50, 100]), repeat=rng.random() < 0.7
        )
    elif kind == "tiered":
        benefit["tiers"] = [
            {"min_subtotal_cents": 5_000, "amount_cents": 500},
            {"min_subtotal_cents": 10_000, "percent": 10},
        ]
    else:
        benefit["percent"] = 100
    if rng.random() < 0.2:
        benefit["max_discount_cents"] = rng.choice([1000, 2500, 10_000])
    return benefit


def _conditions(rng: random.Random) -> list[dict[str, Any]]:
    conditions: list[dict[str, Any]] = []
    if rng.random() < 0.3:
        conditions.append(
            {"type": "min_subtotal", "amount_cents": rng.choice([2_500, 5_000, 10_000, 20_000])}
        )
    if rng.random() < 0.1:
        conditions.append({"type": "min_quantity", "quantity": rng.randint(2, 5)})
    if rng.random() < 0.05:
        conditions.append(
            {"type": "weekly_window", "days": ["fri", "sat"], "start": "17:00", "end": "21:00"}
        )
    if rng.random() < 0.05:
        conditions.append({"type": "regions", "include": [], "exclude": ["ID", "SD"]})
    return conditions


def promotion_rules(
    count: int, products: list[tuple[str, str, frozenset[str], int]], seed: int = 7
) -> list[dict]:
    """A deterministic, realistic mix of `count` rule dicts."""
    rng = random.Random(seed)
    site_wide = min(5, max(1, count // 200))
    rules = []
    for number in range(count):
        if number < site_wide:
            trigger, eligible = "automatic", {"exclude_departments": [rng.choice(DEPARTMENTS)]}
        elif rng.random() < 0.10:
            trigger, eligible = "code", rng.choice([{}, {"departments": [rng.choice(DEPARTMENTS)]}])
        else:
            trigger = "automatic"
            scope = rng.random()
            if scope < 0.80:
                eligible = {"products": [rng.choice(products)[0] for _ in range(rng.randint(1, 3))]}
            elif scope < 0.92:
                eligible = {"departments": [rng.choice(DEPARTMENTS)]}
            else:
                eligible = {"tags": [rng.choice(TAGS)]}
        exclusive = rng.random() < 0.15
        rule: dict[str, Any] = {
            "name": f"Promotion {number}",
            "trigger": trigger,
            "codes": [f"CODE{number:05d}"] if trigger == "code" else [],
            "priority": rng.randint(0, 10),
            "stacking": "exclusive" if exclusive else "combinable",
            "combines_with": rng.choice(
                [
                    ["product", "order", "shipping"],
                    ["product", "shipping"],
                    ["order", "shipping"],
                    ["shipping"],
                    [],
                ]
            ),
            "starts_at": (NOW - timedelta(days=rng.randint(-2, 30))).isoformat(),
            "ends_at": (NOW + timedelta(days=rng.randint(-2, 30))).isoformat(),
            "usage_limit": rng.choice([None, None, 1000]),
            "eligible": eligible,
            "conditions": _conditions(rng),
            "benefit": _benefit(rng),
        }
        rules.append(rule)
    return rules


def carts(
    size: int, products: list[tuple[str, str, frozenset[str], int]], count: int, seed: int = 11
) -> list:
    """`count` deterministic carts of `size` distinct products."""
    rng = random.Random(seed + size)
    result = []
    for _ in range(count):
        lines = tuple(
            CartLine(sku, int(sku[4:]), department, tags, price, rng.randint(1, 4))
            for sku, department, tags, price in rng.sample(products, size)
        )
        result.append(
            CartSnapshot(lines, shipping_cents=795, region="NY", email="shopper@example.com")
        )
    return result


def overlap_rules(count: int = 100, seed: int = 5) -> list[dict]:
    """`count` department-wide percentage promotions on one department, mixed stacking settings.

    A few order and shipping promotions are added so combines_with matters.
    """
    rng = random.Random(seed)
    settings = [["order", "shipping"], ["shipping"], [], None] * 5 + [["product", "order"]]
    rules: list[dict[str, Any]] = []
    for number in range(count):
        rules.append(
            {
                "name": f"Department sale {number}",
                "trigger": "automatic",
                "priority": rng.randint(0, 10),
                "stacking": "exclusive" if rng.random() < 0.1 else "combinable",
                "combines_with": rng.choice(settings),
                "eligible": {"departments": ["dept-0"]},
                "benefit": {"type": "percent_off", "percent": rng.choice([5, 10, 15, 20, 25, 30])},
            }
        )
    for number, benefit in enumerate(
        [
            {"type": "percent_off", "percent": 10},
            {"type": "amount_off_order", "amount_cents": 2500},
            {"type": "shipping", "percent": 100},
        ]
    ):
        rules.append(
            {
                "name": f"Store-wide {number}",
                "trigger": "automatic",
                "priority": 1,
                "combines_with": rng.choice(settings),
                "benefit": benefit,
            }
        )
    return rules


def overlap_carts(count: int = 20, size: int = 50, seed: int = 13) -> list[CartSnapshot]:
    """Carts of `size` lines, every one in the department all the overlap promotions hit."""
    rng = random.Random(seed)
    return [
        CartSnapshot(
            tuple(
                CartLine(f"SKU-{i:05d}", i, "dept-0", frozenset(), rng.randint(199, 25_000), 1)
                for i in rng.sample(range(CATALOG_SIZE), size)
            ),
            shipping_cents=795,
        )
        for _ in range(count)
    ]
