"""The free-gift benefit: reported with the priced cart when it qualifies, outside the discounts."""

import pytest

from promotions.engine import ExplanationStatus, FreeGift, Gift, RuleError, promotion_from_rule
from promotions.engine.wording import Words

from .builders import cart, code_rule, line, price, rule

GIFT = {"type": "free_gift", "sku": "TOTE-1"}
OVER_50 = [{"type": "min_subtotal", "amount_cents": 5000}]


def test_a_gift_rule_builds_a_free_gift_of_one_by_default():
    promotion = promotion_from_rule(rule(GIFT), promotion_id=1)
    assert promotion.benefit == FreeGift("TOTE-1", 1)
    assert promotion.benefit.describe(Words()) == "a free gift (1 × TOTE-1)"
    named = Words(threshold_cents=5000, names={"TOTE-1": "Canvas Tote"})
    assert promotion.benefit.describe(named) == "a free gift (1 × Canvas Tote) with orders of $50 or more"


@pytest.mark.parametrize("benefit", [{"type": "free_gift"}, {**GIFT, "quantity": 0}])
def test_a_gift_without_a_product_or_with_no_units_is_refused(benefit):
    with pytest.raises(RuleError):
        promotion_from_rule(rule(benefit), promotion_id=1)


def test_the_gift_comes_when_the_conditions_hold_and_costs_nothing():
    priced = price(cart(line("MAT-1", 6000)), rule({**GIFT, "quantity": 2}, conditions=OVER_50))
    assert priced.gifts == (Gift(1, "Deal", None, "TOTE-1", 2),)
    assert (priced.subtotal_cents, priced.discount_cents, priced.total_cents) == (6000, 0, 6000)
    assert priced.discounts == ()
    (explanation,) = priced.explanations
    assert explanation.status is ExplanationStatus.APPLIED
    assert explanation.message == "Deal: a free gift is in your cart."


def test_below_the_threshold_there_is_no_gift_and_the_shopper_learns_the_shortfall():
    priced = price(cart(line("MAT-1", 4000)), rule(GIFT, conditions=OVER_50))
    assert priced.gifts == ()
    assert priced.explanations[0].message == "Add $10.00 more to get Deal"


def test_a_gift_code_names_its_code():
    priced = price(cart(line()), code_rule("TOTEBAG", GIFT), codes=("totebag",))
    assert priced.gifts == (Gift(1, "Deal", "TOTEBAG", "TOTE-1", 1),)
    assert priced.explanations[0].message == "TOTEBAG: a free gift is in your cart."


def test_an_exclusive_discount_and_a_gift_both_apply_and_the_discount_is_unchanged():
    the_cart = cart(line("MAT-1", 6000))
    exclusive = rule({"type": "percent_off", "percent": 10}, stacking="exclusive", name="Ten")
    alone = price(the_cart, exclusive)
    both = price(the_cart, exclusive, rule(GIFT, name="Tote", priority=5))
    assert both.discounts == alone.discounts and both.total_cents == 5400
    assert [gift.promotion_id for gift in both.gifts] == [2]


def test_gifts_only_from_eligible_items_and_in_priority_order():
    the_cart = cart(line("MAT-1", 3000, department="yoga"), line("TEA-1", 1000, product_id=2))
    priced = price(
        the_cart,
        rule(GIFT, eligible={"departments": ["tea"]}),
        rule({**GIFT, "sku": "MUG-1"}, priority=1),
        rule({**GIFT, "sku": "BAG-1"}, eligible={"departments": ["yoga"]}),
    )
    assert [gift.sku for gift in priced.gifts] == ["MUG-1", "BAG-1"]
