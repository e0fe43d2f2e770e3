"""Engine pricing speed by cart size and number of active promotions.

Run from the repository root: `python -m benchmarks.engine [--quick]`.
Prints median and p99 microseconds to price one cart, and how often the
stacking search was exact; then a heavy-overlap workload where the
best-combination search must work, and the index build time. Not a test.
The workload (benchmarks/engine_workload.py) is generated from fixed seeds.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable

from benchmarks.engine_workload import (
    CART_SIZES,
    NOW,
    PROMOTION_COUNTS,
    carts,
    catalog,
    overlap_carts,
    overlap_rules,
    promotion_rules,
)
from promotions.engine import (
    PricingContext,
    PromotionIndex,
    SearchMode,
    price_cart,
    promotion_from_rule,
)


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


def _build(rules: list[dict]) -> PromotionIndex:
    return PromotionIndex.build(
        promotion_from_rule(rule, promotion_id=i + 1) for i, rule in enumerate(rules)
    )


def _p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


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
        index = _build(rules)
        # The compiled index is long-lived: move it out of the cyclic GC's way, as the app's
        # cache should, or full collections scanning it show up as 100+ ms p99 outliers.
        gc.collect()
        gc.freeze()
        codes = tuple(rule["codes"][0] for rule in rules if rule["codes"])[:1]
        for size in CART_SIZES:
            cart_list = carts(size, products, 50)
            candidates = statistics.mean(len(index.candidates(cart, codes)) for cart in cart_list)
            samples = sorted(measure(index, cart_list, codes, iterations, budget_s))
            median, p99 = statistics.median(samples), _p99(samples)
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
    p99 = _p99(samples)
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
