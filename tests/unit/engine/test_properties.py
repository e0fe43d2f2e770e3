"""Invariants of price_cart over random carts and random promotions."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promotions.engine import (
    CartLine,
    CartSnapshot,
    DiscountClass,
    PricingContext,
    PromotionIndex,
    price_cart,
    promotion_from_rule,
)

from .effort import examples

FAST = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2025, 6, 13, 22, 0, tzinfo=UTC)  # Friday 18:00 in New York
DEPARTMENTS = ["cbd", "grocery", "home"]
TAGS = ["gummy", "sale", "new"]
SKUS = [f"SKU-{i}" for i in range(15)]
CODES = ["SAVE10", "FREESHIP", "BNR41921"]

lines = st.builds(
    lambda sku, department, tags, price, quantity: CartLine(
        sku, 1, department, frozenset(tags), price, quantity
    ),
    st.sampled_from(SKUS),
    st.sampled_from(DEPARTMENTS),
    st.sets(st.sampled_from(TAGS), max_size=2),
    st.integers(1, 50000),
    st.integers(1, 20),
)
carts = st.builds(
    lambda ls, shipping, region, first: CartSnapshot(tuple(ls), shipping, region, first),
    st.lists(lines, min_size=1, max_size=12, unique_by=lambda line: line.sku),
    st.integers(0, 2000),
    st.sampled_from([None, "CA", "NY"]),
    st.booleans(),
)
money = st.integers(1, 30000)
percent = st.one_of(st.integers(1, 100), st.decimals("0.01", "100", places=2).map(str))
benefits = st.one_of(
    st.fixed_dictionaries({"type": st.just("amount_off_order"), "amount_cents": money}),
    st.fixed_dictionaries({"type": st.just("percent_off"), "percent": percent}),
    st.fixed_dictionaries({"type": st.just("amount_off_each"), "amount_cents": money}),
    st.fixed_dictionaries({"type": st.just("fixed_price_each"), "price_cents": money}),
    st.fixed_dictionaries(
        {
            "type": st.just("buy_x_get_y"),
            "buy": st.integers(1, 3),
            "get": st.integers(1, 2),
            "percent": percent,
            "repeat": st.booleans(),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("tiered"),
            "tiers": st.lists(
                st.fixed_dictionaries({"min_subtotal_cents": money, "amount_cents": money}),
                min_size=1,
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries({"type": st.just("shipping"), "percent": percent}),
    st.fixed_dictionaries({"type": st.just("shipping"), "amount_cents": money}),
).flatmap(
    lambda b: (
        st.just(b) | st.fixed_dictionaries({"max_discount_cents": money}).map(lambda c: {**b, **c})
    )
)
eligibles = st.one_of(
    st.just({}),
    st.fixed_dictionaries({"departments": st.lists(st.sampled_from(DEPARTMENTS), max_size=2)}),
    st.fixed_dictionaries({"tags": st.lists(st.sampled_from(TAGS), max_size=2)}),
    st.fixed_dictionaries({"products": st.lists(st.sampled_from(SKUS), max_size=3)}),
    st.fixed_dictionaries({"exclude_tags": st.lists(st.sampled_from(TAGS), max_size=2)}),
)
conditions = st.lists(
    st.one_of(
        st.fixed_dictionaries({"type": st.just("min_subtotal"), "amount_cents": money}),
        st.fixed_dictionaries({"type": st.just("min_quantity"), "quantity": st.integers(1, 5)}),
        st.just({"type": "first_order"}),
        st.just({"type": "regions", "include": ["CA"]}),
    ),
    max_size=2,
)
rules = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Deal A", "Deal B", "Deal C"]),
        "trigger": st.sampled_from(["automatic", "code"]),
        "codes": st.lists(st.sampled_from(CODES), max_size=1),
        "priority": st.integers(0, 3),
        "stacking": st.sampled_from(["combinable", "exclusive"]),
        "combines_with": st.lists(st.sampled_from(["product", "order", "shipping"]), unique=True),
        "eligible": eligibles,
        "conditions": conditions,
        "benefit": benefits,
    }
)
indexes = st.lists(rules, max_size=6).map(
    lambda rs: PromotionIndex.build(
        promotion_from_rule(r, promotion_id=i) for i, r in enumerate(rs, start=1)
    )
)
entered = st.lists(st.sampled_from(CODES), max_size=3)


def priced(cart, index, codes):
    return price_cart(cart, index, PricingContext(now=NOW, codes=tuple(codes)))


@FAST
@given(carts, indexes, entered)
def test_totals_and_line_totals_are_never_negative(cart, index, codes):
    result = priced(cart, index, codes)
    assert result.total_cents >= 0
    assert all(line.total_cents >= 0 for line in result.lines)
    assert all(
        line.total_cents == line.subtotal_cents - line.discount_cents for line in result.lines
    )


@FAST
@given(carts, indexes, entered)
def test_shares_add_up_to_each_discount(cart, index, codes):
    result = priced(cart, index, codes)
    for discount in result.discounts:
        assert discount.amount_cents > 0
        if discount.discount_class is DiscountClass.SHIPPING:
            assert discount.line_shares == ()
        else:
            assert sum(cents for _, cents in discount.line_shares) == discount.amount_cents
            assert [sku for sku, _ in discount.line_shares] == sorted(
                sku for sku, _ in discount.line_shares
            )
    assert sum(line.discount_cents for line in result.lines) == result.discount_cents


@FAST
@given(carts, indexes, entered)
def test_no_discount_exceeds_its_base(cart, index, codes):
    result = priced(cart, index, codes)
    assert 0 <= result.discount_cents <= result.subtotal_cents
    assert 0 <= result.shipping_discount_cents <= cart.shipping_cents
    assert (
        result.total_cents == result.subtotal_cents - result.discount_cents + result.shipping_cents
    )
    assert result.shipping_cents == cart.shipping_cents - result.shipping_discount_cents


@FAST
@given(carts, indexes, entered, st.randoms(use_true_random=False))
def test_line_order_does_not_change_the_result(cart, index, codes, rng):
    shuffled_lines = list(cart.lines)
    rng.shuffle(shuffled_lines)
    shuffled = CartSnapshot(
        tuple(shuffled_lines), cart.shipping_cents, cart.region, cart.first_order
    )
    original, other = priced(cart, index, codes), priced(shuffled, index, codes)
    assert other.discounts == original.discounts
    assert other.explanations == original.explanations
    assert {line.sku: line for line in other.lines} == {line.sku: line for line in original.lines}
    assert [line.sku for line in other.lines] == [line.sku for line in shuffled_lines]


@FAST
@given(carts, indexes, entered)
def test_entering_a_code_again_changes_nothing(cart, index, codes):
    again = codes + [f"  {code.lower()} " for code in codes]
    assert priced(cart, index, again) == priced(cart, index, codes)


@FAST
@given(carts, indexes, entered)
def test_every_candidate_is_explained_once(cart, index, codes):
    result = priced(cart, index, codes)
    ids = [e.promotion_id for e in result.explanations]
    assert sorted(ids) == sorted(p.id for p in index.candidates(cart, codes))
    applied = {e.promotion_id for e in result.explanations if e.status == "applied"}
    assert applied == {d.promotion_id for d in result.discounts}
