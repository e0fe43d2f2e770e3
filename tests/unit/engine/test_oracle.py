"""The engine's total equals the best valid combination found by exhaustive search.

A few hundred examples run with the suite (a quarter with `make test-fast`); `make
test-oracle` runs 10,000+ (ORACLE_EXAMPLES). The oracle (tests/unit/engine/oracle.py) is its own
definition of a valid combination and of what it gives, not a call into the
engine's solver.
"""

import os
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promotions.engine import (
    CartLine,
    CartSnapshot,
    DiscountClass,
    PriceFloor,
    PricingContext,
    PromotionIndex,
    PromotionUsage,
    SearchMode,
    price_cart,
    promotion_from_rule,
)

from .effort import examples
from .oracle import Case, best_total

NOW = datetime(2025, 6, 11, 16, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("ORACLE_EXAMPLES") or examples(300))
ORACLE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DEPARTMENTS = ["tea", "mugs", "cbd"]
SKUS = [f"S{i}" for i in range(8)]
CLASSES = ["product", "order", "shipping"]

lines = st.lists(
    st.builds(
        lambda sku, department, price, quantity, cost: CartLine(
            sku, 1, department, frozenset(), price, quantity, cost
        ),
        st.sampled_from(SKUS),
        st.sampled_from(DEPARTMENTS),
        st.integers(1, 20000),
        st.integers(1, 4),
        st.none() | st.integers(0, 15000),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda line: line.sku,
)
money = st.integers(1, 20000)
percent = st.sampled_from([5, 10, 12.5, 20, 25, 50, 100])
benefits = st.one_of(
    st.fixed_dictionaries({"type": st.just("percent_off"), "percent": percent}),
    st.fixed_dictionaries({"type": st.just("amount_off_each"), "amount_cents": money}),
    st.fixed_dictionaries({"type": st.just("fixed_price_each"), "price_cents": money}),
    st.fixed_dictionaries(
        {
            "type": st.just("buy_x_get_y"),
            "buy": st.integers(1, 2),
            "get": st.just(1),
            "percent": percent,
        }
    ),
    st.fixed_dictionaries({"type": st.just("amount_off_order"), "amount_cents": money}),
    st.fixed_dictionaries(
        {
            "type": st.just("tiered"),
            "tiers": st.just(
                [
                    {"min_subtotal_cents": 1, "amount_cents": 700},
                    {"min_subtotal_cents": 10000, "percent": 15},
                ]
            ),
        }
    ),
    st.fixed_dictionaries({"type": st.just("shipping"), "percent": percent}),
).flatmap(
    lambda b: (
        st.just(b)
        | st.fixed_dictionaries({"max_discount_cents": money}).map(lambda cap: {**b, **cap})
    )
)
eligibles = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {"departments": st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=2)}
    ),
    st.fixed_dictionaries({"products": st.lists(st.sampled_from(SKUS), min_size=1, max_size=4)}),
    st.fixed_dictionaries(
        {"exclude_departments": st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=1)}
    ),
)
rules = st.fixed_dictionaries(
    {
        "trigger": st.sampled_from(["automatic", "automatic", "code"]),
        "priority": st.integers(0, 3),
        "stacking": st.sampled_from(["combinable"] * 4 + ["exclusive"]),
        "combines_with": st.none() | st.lists(st.sampled_from(CLASSES), unique=True),
        "budget_cents": st.none() | money,
        "eligible": eligibles,
        "benefit": benefits,
    }
)
floors = st.one_of(
    st.just(PriceFloor()),
    st.builds(
        PriceFloor,
        st.none() | st.sampled_from([Decimal(10), Decimal(50), Decimal(90)]),
        st.none() | st.sampled_from([Decimal(100), Decimal(110)]),
    ),
)


@st.composite
def scenarios(draw):
    cart = CartSnapshot(tuple(draw(lines)), shipping_cents=draw(st.integers(0, 1500)))
    drawn = draw(st.lists(rules, max_size=8))
    promotions = []
    for number, rule in enumerate(drawn, start=1):
        codes = [f"CODE{number}"] if rule["trigger"] == "code" else []
        full = {**rule, "name": f"Deal {number}", "codes": codes}
        promotions.append(promotion_from_rule(full, promotion_id=number))
    all_codes = [p.codes[0].text for p in promotions if p.codes]
    entered = draw(st.lists(st.sampled_from(all_codes), unique=True)) if all_codes else []
    given = {p.id: draw(st.integers(0, p.budget_cents)) for p in promotions if p.budget_cents}
    return cart, promotions, tuple(entered), given, draw(floors)


def _price(cart, promotions, codes, given_cents, floor):
    usage = {pid: PromotionUsage(given_cents=cents) for pid, cents in given_cents.items()}
    context = PricingContext(now=NOW, codes=codes, usage=usage, floor=floor)
    return price_cart(cart, PromotionIndex.build(promotions), context)


@ORACLE
@given(scenarios())
def test_engine_total_is_the_best_valid_combination(scenario):
    cart, promotions, codes, given_cents, floor = scenario
    priced = _price(cart, promotions, codes, given_cents, floor)
    assert priced.search is SearchMode.EXACT
    engine_total = priced.discount_cents + priced.shipping_discount_cents
    assert engine_total == best_total(cart, promotions, codes, given_cents, floor, NOW)


@ORACLE
@given(scenarios())
def test_shares_add_up_and_no_line_goes_below_zero_or_its_floor(scenario):
    cart, promotions, codes, given_cents, floor = scenario
    priced = _price(cart, promotions, codes, given_cents, floor)
    by_sku = {line.sku: line for line in cart.lines}
    taken = dict.fromkeys(by_sku, 0)
    for discount in priced.discounts:
        assert discount.amount_cents > 0
        if discount.discount_class is DiscountClass.SHIPPING:
            continue
        assert sum(cents for _, cents in discount.line_shares) == discount.amount_cents
        for sku, cents in discount.line_shares:
            taken[sku] += cents
    for line in priced.lines:
        assert line.discount_cents == taken[line.sku]
        assert line.total_cents >= floor.floor_cents(by_sku[line.sku]) >= 0
    assert 0 <= priced.shipping_discount_cents <= cart.shipping_cents


@ORACLE
@given(scenarios())
def test_each_line_keeps_one_product_discount_unless_both_list_product(scenario):
    cart, promotions, codes, given_cents, floor = scenario
    priced = _price(cart, promotions, codes, given_cents, floor)
    by_id = {p.id: p for p in promotions}
    on_line: dict[str, list] = {}
    for discount in priced.discounts:
        if discount.discount_class is DiscountClass.PRODUCT:
            for sku, _ in discount.line_shares:
                on_line.setdefault(sku, []).append(by_id[discount.promotion_id])
    for kept in on_line.values():
        if len(kept) > 1:
            assert all(DiscountClass.PRODUCT in p.combines_with for p in kept)


gift_rules = rules.map(
    lambda rule: {**rule, "benefit": {"type": "free_gift", "sku": "GIFT", "quantity": 1}}
)


@ORACLE
@given(scenarios(), st.lists(gift_rules, min_size=1, max_size=3))
def test_gifts_never_change_the_discounts_and_come_exactly_with_qualifying(scenario, gifts):
    cart, promotions, codes, given_cents, floor = scenario
    first = len(promotions) + 1
    with_gifts = promotions + [
        promotion_from_rule({**rule, "name": f"Gift {n}", "codes": [f"GIFT{n}"]}, promotion_id=n)
        for n, rule in enumerate(gifts, start=first)
    ]
    entered = codes + tuple(f"GIFT{n}" for n in range(first, len(with_gifts) + 1, 2))
    without = _price(cart, promotions, codes, given_cents, floor)
    priced = _price(cart, with_gifts, entered, given_cents, floor)
    assert (priced.lines, priced.discounts, priced.total_cents) == (
        without.lines,
        without.discounts,
        without.total_cents,
    )
    case = Case(cart, with_gifts[first - 1 :], set(entered), given_cents, floor, NOW)
    assert [gift.promotion_id for gift in priced.gifts] == sorted(
        (p.id for p, _, _ in case.qualifying), key=lambda pid: with_gifts[pid - 1].sort_key
    )
