from datetime import timedelta

from promotions.engine import ExplanationStatus, PromotionUsage

from .builders import NOW, cart, code_rule, line, price, rule

PCT_10 = {"type": "percent_off", "percent": 10}
OFF_5 = {"type": "amount_off_order", "amount_cents": 500}
ALL = ["product", "order", "shipping"]


def statuses(priced):
    return {e.promotion_id: e.status for e in priced.explanations}


def test_promotion_before_its_start_is_not_started():
    priced = price(cart(line()), rule(OFF_5, starts_at=(NOW + timedelta(hours=1)).isoformat()))
    assert statuses(priced) == {1: ExplanationStatus.NOT_STARTED}


def test_promotion_end_instant_is_exclusive():
    assert statuses(price(cart(line()), rule(OFF_5, ends_at=NOW)))[1] is ExplanationStatus.EXPIRED
    later = NOW + timedelta(microseconds=1)
    assert statuses(price(cart(line()), rule(OFF_5, ends_at=later)))[1] is ExplanationStatus.APPLIED


def test_promotion_usage_limit_reached():
    priced = price(cart(line()), rule(OFF_5, usage_limit=10), usage={1: PromotionUsage(uses=10)})
    assert statuses(priced)[1] is ExplanationStatus.LIMIT_REACHED


def test_customer_usage_limit_reached():
    priced = price(
        cart(line()),
        rule(OFF_5, usage_limit_per_customer=1),
        usage={1: PromotionUsage(customer_uses=1)},
    )
    assert statuses(priced)[1] is ExplanationStatus.LIMIT_REACHED


def test_budget_exhausted():
    priced = price(
        cart(line()), rule(OFF_5, budget_cents=1000), usage={1: PromotionUsage(given_cents=1000)}
    )
    assert statuses(priced)[1] is ExplanationStatus.BUDGET_EXHAUSTED


def test_product_discounts_apply_before_order_discounts():
    priced = price(
        cart(line(price=10000)),
        rule(PCT_10, name="Order 10%", priority=9, combines_with=ALL),
        rule(
            {"type": "amount_off_each", "amount_cents": 2000},
            name="Each $20",
            eligible={"products": ["SKU-1"]},
        ),
    )
    assert [d.name for d in priced.discounts] == ["Each $20", "Order 10%"]
    assert priced.discount_cents == 2000 + 800


def test_higher_priority_applies_first_within_a_class():
    priced = price(
        cart(line(price=10000)),
        rule(OFF_5, name="Low", priority=1),
        rule(PCT_10, name="High", priority=5),
    )
    assert [d.name for d in priced.discounts] == ["High", "Low"]


def test_promotions_combine_only_when_each_lists_the_others_class():
    priced = price(
        cart(line(price=10000), shipping=500),
        rule(OFF_5, name="Order", combines_with=["shipping"]),
        rule({"type": "shipping", "percent": 100}, name="Ship", combines_with=["product"]),
    )
    assert statuses(priced) == {1: ExplanationStatus.APPLIED, 2: ExplanationStatus.NOT_COMBINABLE}
    assert priced.explanation_for(2).message == (
        "Ship ($5.00 off) can't be combined with Order, which saves you more."
    )


def test_two_order_promotions_combine_when_both_list_order():
    priced = price(
        cart(line(price=10000)), rule(OFF_5, combines_with=ALL), rule(PCT_10, combines_with=ALL)
    )
    assert priced.discount_cents == 500 + 950  # id 1 first, then 10% of what remains


def test_empty_combines_with_combines_with_nothing():
    priced = price(
        cart(line(price=10000), shipping=500),
        rule(OFF_5, combines_with=[], priority=5),
        rule({"type": "shipping", "percent": 100}),
    )
    assert statuses(priced)[2] is ExplanationStatus.NOT_COMBINABLE


def test_only_one_code_per_class_and_the_larger_one_wins():
    blocked = price(
        cart(line(price=10000)),
        code_rule("ONE", OFF_5, combines_with=["shipping"]),
        code_rule("TWO", PCT_10, combines_with=["shipping"]),
        codes=("ONE", "TWO"),
    )
    assert statuses(blocked) == {
        1: ExplanationStatus.NOT_COMBINABLE,
        2: ExplanationStatus.APPLIED,
    }
    assert blocked.explanation_for(1).would_cents == 500


def test_two_codes_of_a_class_combine_when_both_list_it():
    both = price(
        cart(line(price=10000)),
        code_rule("ONE", OFF_5, combines_with=ALL),
        code_rule("TWO", PCT_10, combines_with=ALL),
        codes=("ONE", "TWO"),
    )
    assert both.discount_cents == 500 + 950


def test_zero_discount_promotion_does_not_block_others():
    priced = price(
        cart(line(price=500)),
        rule({"type": "fixed_price_each", "price_cents": 999}, combines_with=[], priority=9),
        rule(OFF_5),
    )
    assert statuses(priced) == {1: ExplanationStatus.NO_DISCOUNT, 2: ExplanationStatus.APPLIED}


def test_exclusive_offer_wins_when_larger_than_the_combination():
    priced = price(
        cart(line(price=10000)),
        rule(OFF_5, name="Five"),
        rule(PCT_10, name="Ten"),
        rule({"type": "percent_off", "percent": 25}, name="Quarter", stacking="exclusive"),
    )
    assert [d.name for d in priced.discounts] == ["Quarter"]
    assert statuses(priced)[1] is ExplanationStatus.BETTER_OFFER_APPLIED
    assert priced.explanation_for(1).message == "Five ($5.00 off) gives less than Quarter."


def test_combination_wins_when_larger_than_the_exclusive_offer():
    priced = price(
        cart(line(price=10000)),
        rule(OFF_5, name="Five"),
        rule(PCT_10, name="Ten"),
        rule({"type": "percent_off", "percent": 12}, name="Twelve", stacking="exclusive"),
    )
    assert {d.name for d in priced.discounts} == {"Five", "Ten"}
    assert statuses(priced)[3] is ExplanationStatus.BETTER_OFFER_APPLIED


def test_equal_offers_go_to_the_higher_priority():
    priced = price(
        cart(line(price=10000)),
        rule(OFF_5, name="Low", stacking="exclusive", priority=1),
        rule(OFF_5, name="High", stacking="exclusive", priority=2),
    )
    assert [d.name for d in priced.discounts] == ["High"]


def test_every_candidate_gets_exactly_one_explanation():
    priced = price(
        cart(line(price=10000)),
        rule(OFF_5),
        rule(PCT_10, stacking="exclusive"),
        rule(OFF_5, starts_at=(NOW + timedelta(days=1)).isoformat()),
        code_rule("X", OFF_5),
        codes=("x",),
    )
    assert sorted(e.promotion_id for e in priced.explanations) == [1, 2, 3, 4]
