"""Engine pricing speed by cart size and number of active promotions.

Run from the repository root: `python -m benchmarks.engine [--quick]`.
Prints median and p99 microseconds to price one cart, and how often the
stacking search was exact; then a heavy-overlap workload where the
best-combination search must work, and the index build time. Not a test.

The promotion mix is meant to look like a real store: most automatic
promotions target one product, department or tag; about a tenth are
code-only; a handful are site-wide. Everything is generated from fixed seeds.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from promotions.engine import (
    CartLine,
    CartSnapshot,
    PricingContext,
    PromotionIndex,
    SearchMode,
    price_cart,
    promotion_from_rule,
)

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


def measure(
    index: PromotionIndex, cart_list: list, codes: tuple[str, ...], iterations: int, budget_s: float
) -> list[float]:
    """Microseconds per `price_cart` call, cycling through the carts."""
    context = PricingContext(now=NOW, codes=codes)
    for cart in cart_list[:5]:  # warm up caches
        price_cart(cart, index, context)
    samples = []
    deadline = time.perf_counter() + budget_s
    clock = time.perf_counter_ns
    for i in range(iterations):
        cart = cart_list[i % len(cart_list)]
        start = clock()
        price_cart(cart, index, context)
        samples.append((clock() - start) / 1000)
        if time.perf_counter() > deadline and len(samples) >= 20:
            break
    return samples


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


def _build(rules: list[dict]) -> PromotionIndex:
    return PromotionIndex.build(
        promotion_from_rule(rule, promotion_id=i + 1) for i, rule in enumerate(rules)
    )


def _timed(action: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of `action`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _modes(index: PromotionIndex, cart_list: list, codes: tuple[str, ...]) -> str:
    context = PricingContext(now=NOW, codes=codes)
    counted = Counter(price_cart(cart, index, context).search for cart in cart_list)
    return f"{counted[SearchMode.EXACT] * 100 // len(cart_list)}%"


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations per cell")
    args = parser.parse_args()
    iterations, budget_s = (200, 0.5) if args.quick else (3000, 4.0)

    products = catalog(random.Random(3))
    print(
        f"{'promotions':>10} {'lines':>6} {'candidates':>10} {'median us':>10} {'p99 us':>10}"
        f" {'runs':>6} {'exact':>6}"
    )
    for count in PROMOTION_COUNTS:
        rules = promotion_rules(count, products)
        index = PromotionIndex.build(
            promotion_from_rule(rule, promotion_id=i + 1) for i, rule in enumerate(rules)
        )
        # The compiled index is long-lived: move it out of the cyclic GC's way, as the app's
        # cache should, or full collections scanning it show up as 100+ ms p99 outliers.
        gc.collect()
        gc.freeze()
        codes = tuple(rule["codes"][0] for rule in rules if rule["codes"])[:1]
        for size in CART_SIZES:
            cart_list = carts(size, products, 50)
            candidates = statistics.mean(len(index.candidates(cart, codes)) for cart in cart_list)
            samples = sorted(measure(index, cart_list, codes, iterations, budget_s))
            median = statistics.median(samples)
            p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
            exact = _modes(index, cart_list, codes)
            print(
                f"{count:>10,} {size:>6} {candidates:>10.1f} {median:>10.1f} {p99:>10.1f}"
                f" {len(samples):>6} {exact:>6}"
            )
        gc.unfreeze()

    rules = overlap_rules()
    index = _build(rules)
    cart_list = overlap_carts()
    samples = sorted(measure(index, cart_list, (), iterations, budget_s))
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(
        f"\nHeavy overlap: {len(rules)} promotions (100 department-wide percentages) on the same"
        f" 50 lines: median {statistics.median(samples):.1f} us, p99 {p99:.1f} us,"
        f" {len(samples)} runs, exact search in {_modes(index, cart_list, ())} of carts"
        " (the rest greedy)"
    )

    print("\nIndex build (rules -> promotions -> index), median ms:")
    for count in (1_000, 10_000):
        rules = promotion_rules(count, products)
        promotions = [promotion_from_rule(rule, promotion_id=i + 1) for i, rule in enumerate(rules)]
        compile_ms = _timed(lambda rules=rules: _build(rules), 3)
        index_ms = _timed(lambda promotions=promotions: PromotionIndex.build(promotions), 5)
        print(
            f"{count:>10,} promotions: {compile_ms:8.1f} ms with rule parsing, {index_ms:8.1f} ms index only"
        )


if __name__ == "__main__":
    main()
