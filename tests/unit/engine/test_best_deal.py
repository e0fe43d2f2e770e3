"""Per-line product discounts, the best valid combination, the safe default and the price floor."""

from dataclasses import replace
from decimal import Decimal

from promotions.engine import (
    ExplanationStatus,
    PriceFloor,
    PricingContext,
    PromotionIndex,
    SearchMode,
    price_cart,
)

from .builders import NOW, cart, line, price, promotions, rule

OK, LOST = ExplanationStatus.APPLIED, ExplanationStatus.BETTER_OFFER_APPLIED
# Combines with order and shipping discounts, not with other product discounts.
SHOPIFY_DEFAULT = ["order", "shipping"]
TEA = line("TEA", 1000, department="tea")
MUG = line("MUG", 2000, department="mugs")


def tea_off(percent, **fields):
    return rule(
        {"type": "percent_off", "percent": percent},
        name=f"{percent}% off tea",
        eligible={"departments": ["tea"]},
        **fields,
    )


def mugs_off(percent, **fields):
    return rule(
        {"type": "percent_off", "percent": percent},
        name=f"{percent}% off mugs",
        eligible={"departments": ["mugs"]},
        **fields,
    )


def statuses(priced):
    return {e.promotion_id: e.status for e in priced.explanations}


def test_tea_and_mug_each_get_their_own_non_combinable_discount():
    priced = price(
        cart(TEA, MUG),
        tea_off(10, combines_with=SHOPIFY_DEFAULT),
        mugs_off(20, combines_with=SHOPIFY_DEFAULT),
    )
    assert statuses(priced) == {1: OK, 2: OK}
    assert priced.discount_cents == 100 + 400


def test_two_promotions_on_one_line_the_line_keeps_the_better():
    spring = rule(
        {"type": "percent_off", "percent": 25},
        name="Spring sale",
        eligible={"departments": ["mugs"]},
        priority=0,
    )
    priced = price(cart(MUG), mugs_off(20, priority=9), spring)
    assert [d.name for d in priced.discounts] == ["Spring sale"]
    assert priced.discount_cents == 500
    lost = priced.explanation_for(1)
    assert lost.status is LOST
    assert lost.would_cents == 400
    assert lost.message == "20% off mugs ($4.00 off) gives less than Spring sale on this item."


def test_rivals_split_a_cart_line_by_line():
    everything = rule(
        {"type": "percent_off", "percent": 15},
        name="15% off",
        eligible={"exclude_departments": ["cbd"]},
    )
    priced = price(cart(TEA, MUG), tea_off(10), mugs_off(20), everything)
    shares = {d.name: dict(d.line_shares) for d in priced.discounts}
    assert shares == {"15% off": {"TEA": 150}, "20% off mugs": {"MUG": 400}}
    assert statuses(priced)[1] is LOST


def test_product_discounts_do_not_compound_by_default():
    priced = price(cart(MUG), mugs_off(20), mugs_off(10))
    assert priced.discount_cents == 400


def test_product_discounts_compound_on_the_original_price_when_both_list_product():
    everything = ["product", "order", "shipping"]
    priced = price(
        cart(MUG), mugs_off(20, combines_with=everything), mugs_off(10, combines_with=everything)
    )
    assert priced.discount_cents == 400 + 200


def test_compounding_pair_loses_to_a_single_rival_worth_more():
    everything = ["product", "order", "shipping"]
    priced = price(
        cart(MUG),
        mugs_off(10, combines_with=everything),
        mugs_off(15, combines_with=everything),
        mugs_off(30),
    )
    assert priced.discount_cents == 600
    assert statuses(priced) == {1: LOST, 2: LOST, 3: OK}


def test_order_discount_applies_after_the_product_discount_it_combines_with():
    order = rule({"type": "percent_off", "percent": 10}, name="10% off the order")
    priced = price(cart(MUG), mugs_off(20), order)
    assert priced.discount_cents == 400 + 160


def test_the_larger_promotion_wins_a_conflict_not_the_lower_id():
    order = rule(
        {"type": "amount_off_order", "amount_cents": 300}, name="$3 off", combines_with=["shipping"]
    )
    priced = price(cart(MUG), order, mugs_off(20))
    assert statuses(priced) == {1: ExplanationStatus.NOT_COMBINABLE, 2: OK}
    assert priced.explanation_for(1).message == (
        "$3 off ($3.00 off) can't be combined with 20% off mugs, which saves you more."
    )


def test_best_set_beats_the_greedy_pick():
    # The biggest single promotion blocks two others that together give more.
    big = rule(
        {"type": "amount_off_order", "amount_cents": 900}, name="Big", combines_with=["order"]
    )
    product = mugs_off(25)  # 500
    shipping = rule({"type": "shipping", "percent": 100}, name="Ship")  # 795
    priced = price(cart(MUG, shipping=795), big, product, shipping)
    assert {d.name for d in priced.discounts} == {"25% off mugs", "Ship"}
    assert priced.search is SearchMode.EXACT


def test_many_conflicting_promotions_fall_back_to_the_greedy_search_and_say_so():
    rules = [
        rule(
            {"type": "amount_off_order", "amount_cents": 100 + n},
            name=f"Order {n}",
            combines_with=[],
        )
        for n in range(30)
    ]
    priced = price(cart(MUG), *rules)
    assert priced.search is SearchMode.GREEDY
    assert [d.name for d in priced.discounts] == ["Order 29"]
    assert "quick search" in priced.explanation_for(1).message


def _with_floor(the_cart, floor, *rules):
    context = PricingContext(now=NOW, floor=floor)
    return price_cart(the_cart, PromotionIndex.build(promotions(*rules)), context)


def test_price_floor_holds_a_line_at_a_percentage_of_its_price():
    floor = PriceFloor(percent_of_price=Decimal(70))
    priced = _with_floor(cart(MUG), floor, mugs_off(50))
    assert priced.lines[0].total_cents == 1400
    assert priced.explanation_for(1).message == (
        "50% off mugs: $6.00 off (held at the store's minimum price)"
    )


def test_price_floor_at_cost_blocks_a_discount_entirely():

    mug = replace(MUG, unit_cost_cents=2000)
    priced = _with_floor(cart(mug), PriceFloor(percent_of_cost=Decimal(100)), mugs_off(10))

    assert priced.discount_cents == 0
    assert priced.explanation_for(1).status is ExplanationStatus.PRICE_FLOOR


def test_without_a_cost_the_percent_of_price_floor_still_holds():
    floor = PriceFloor(percent_of_price=Decimal(90), percent_of_cost=Decimal(100))
    priced = _with_floor(cart(MUG), floor, mugs_off(50))
    assert priced.lines[0].total_cents == 1800
