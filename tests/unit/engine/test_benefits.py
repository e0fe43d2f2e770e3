from promotions.engine import DiscountClass, ExplanationStatus

from .builders import cart, line, price, promotions, rule


def shares(priced, index=0):
    return dict(priced.discounts[index].line_shares)


def test_amount_off_order_never_exceeds_the_eligible_base():
    priced = price(cart(line(price=3000)), rule({"type": "amount_off_order", "amount_cents": 5000}))
    assert priced.discount_cents == 3000
    assert priced.total_cents == 0


def test_amount_off_order_is_shared_by_remaining_totals():
    priced = price(
        cart(line("A", 1000), line("B", 3000)),
        rule({"type": "amount_off_order", "amount_cents": 1000}),
    )
    assert shares(priced) == {"A": 250, "B": 750}


def test_percent_off_whole_order_is_an_order_discount():
    [promotion] = promotions(rule({"type": "percent_off", "percent": 10}))
    assert promotion.discount_class is DiscountClass.ORDER


def test_percent_off_with_a_filter_is_a_product_discount():
    [promotion] = promotions(
        rule({"type": "percent_off", "percent": 10}, eligible={"exclude_tags": ["sale"]})
    )
    assert promotion.discount_class is DiscountClass.PRODUCT


def test_percent_off_applies_only_to_eligible_items():
    priced = price(
        cart(line("A", 4000, department="cbd"), line("B", 1000)),
        rule({"type": "percent_off", "percent": 20}, eligible={"departments": ["cbd"]}),
    )
    assert shares(priced) == {"A": 800}


def test_percent_off_rounds_the_total_once():
    priced = price(
        cart(line("A", 333), line("B", 333), line("C", 333)),
        rule({"type": "percent_off", "percent": "12.5"}),
    )
    assert priced.discount_cents == 125  # 12.5% of 999 = 124.875


def test_amount_off_each_discounts_every_eligible_unit():
    priced = price(
        cart(line(price=1000, quantity=3)), rule({"type": "amount_off_each", "amount_cents": 300})
    )
    assert priced.discount_cents == 900


def test_amount_off_each_stops_at_the_unit_price():
    priced = price(
        cart(line(price=200, quantity=2)), rule({"type": "amount_off_each", "amount_cents": 300})
    )
    assert priced.discount_cents == 400


def test_fixed_price_each_charges_the_fixed_price_per_unit():
    priced = price(
        cart(line(price=1500, quantity=2)), rule({"type": "fixed_price_each", "price_cents": 999})
    )
    assert priced.lines[0].total_cents == 1998


def test_fixed_price_each_gives_nothing_to_units_already_cheaper():
    priced = price(
        cart(line("A", 1500), line("B", 500)),
        rule({"type": "fixed_price_each", "price_cents": 999}),
    )
    assert shares(priced) == {"A": 501}


def test_fixed_price_on_only_cheaper_items_is_no_discount():
    priced = price(cart(line(price=500)), rule({"type": "fixed_price_each", "price_cents": 999}))
    assert priced.explanation_for(1).status is ExplanationStatus.NO_DISCOUNT
    assert priced.discounts == ()


BUY_2_GET_1 = {"type": "buy_x_get_y", "buy": 2, "get": 1, "percent": 100, "repeat": True}


def test_buy_two_get_one_makes_the_cheapest_of_three_free():
    priced = price(
        cart(
            line("A", 1200, tags=("gummy",)),
            line("B", 900, tags=("gummy",)),
            line("C", 1500, tags=("gummy",)),
        ),
        rule(BUY_2_GET_1, eligible={"tags": ["gummy"]}),
    )
    assert shares(priced) == {"B": 900}


def test_buy_two_get_one_repeats_per_group_of_three():
    priced = price(cart(line(price=1000, quantity=7)), rule(BUY_2_GET_1))
    assert priced.discount_cents == 2000


def test_buy_two_get_one_without_repeat_applies_once():
    priced = price(cart(line(price=1000, quantity=7)), rule({**BUY_2_GET_1, "repeat": False}))
    assert priced.discount_cents == 1000


def test_buy_two_get_one_half_off_takes_half_of_the_cheapest():
    priced = price(
        cart(line("A", 1000, quantity=2), line("B", 501)), rule({**BUY_2_GET_1, "percent": 50})
    )
    assert shares(priced) == {"B": 251}


def test_buy_two_get_one_with_two_items_asks_for_one_more():
    priced = price(cart(line(quantity=2)), rule(BUY_2_GET_1))
    explanation = priced.explanation_for(1)
    assert explanation.status is ExplanationStatus.BELOW_QUANTITY
    assert explanation.message == "Add 1 more eligible item to get Deal"


TIERS = {
    "type": "tiered",
    "tiers": [
        {"min_subtotal_cents": 10000, "amount_cents": 1000},
        {"min_subtotal_cents": 20000, "amount_cents": 5000},
        {"min_subtotal_cents": 50000, "percent": 15},
    ],
}


def test_tiered_applies_the_best_tier_reached():
    assert price(cart(line(price=10000)), rule(TIERS)).discount_cents == 1000
    assert price(cart(line(price=25000)), rule(TIERS)).discount_cents == 5000


def test_tiered_tier_may_give_a_percentage():
    assert price(cart(line(price=60000)), rule(TIERS)).discount_cents == 9000


def test_tiered_below_lowest_tier_says_how_much_more_to_spend():
    explanation = price(cart(line(price=9000)), rule(TIERS)).explanation_for(1)
    assert explanation.status is ExplanationStatus.BELOW_SUBTOTAL
    assert explanation.shortfall_cents == 1000
    assert explanation.message == "Add $10.00 more to get Deal"


def test_free_shipping_takes_the_whole_shipping_amount():
    priced = price(cart(line(), shipping=795), rule({"type": "shipping", "percent": 100}))
    assert (priced.shipping_cents, priced.shipping_discount_cents, priced.total_cents) == (
        0,
        795,
        1000,
    )
    assert priced.discounts[0].line_shares == ()
    assert priced.discounts[0].discount_class is DiscountClass.SHIPPING


def test_shipping_amount_off_never_exceeds_shipping():
    priced = price(cart(line(), shipping=300), rule({"type": "shipping", "amount_cents": 500}))
    assert priced.shipping_discount_cents == 300


def test_shipping_discount_on_free_shipping_is_no_discount():
    priced = price(cart(line(), shipping=0), rule({"type": "shipping", "percent": 100}))
    assert priced.explanation_for(1).status is ExplanationStatus.NO_DISCOUNT


def test_max_discount_caps_the_amount_and_shares_it_by_remaining_totals():
    priced = price(
        cart(line("A", 10000), line("B", 30000)),
        rule({"type": "percent_off", "percent": 50, "max_discount_cents": 1000}),
    )
    assert shares(priced) == {"A": 250, "B": 750}


def test_budget_caps_the_amount_at_what_is_left():
    from promotions.engine import PromotionUsage

    priced = price(
        cart(line(price=10000)),
        rule({"type": "amount_off_order", "amount_cents": 5000}, budget_cents=100000),
        usage={1: PromotionUsage(given_cents=98000)},
    )
    assert priced.discount_cents == 2000


def test_applied_message_gives_the_amount():
    priced = price(
        cart(line(price=4000)), rule({"type": "percent_off", "percent": 20}, name="CBD weekend 20%")
    )
    assert priced.explanation_for(1).message == "CBD weekend 20%: $8.00 off"


def test_exclusions_win_over_inclusions():
    priced = price(
        cart(line("A", 1000, department="cbd", tags=("sale",)), line("B", 1000, department="cbd")),
        rule(
            {"type": "percent_off", "percent": 50},
            eligible={"departments": ["cbd"], "exclude_tags": ["sale"]},
        ),
    )
    assert shares(priced) == {"B": 500}


def test_no_eligible_items_is_explained():
    priced = price(
        cart(line("A", department="cbd", tags=("sale",))),
        rule(
            {"type": "percent_off", "percent": 50},
            eligible={"departments": ["cbd"], "exclude_tags": ["sale"]},
        ),
    )
    explanation = priced.explanation_for(1)
    assert explanation.status is ExplanationStatus.NO_ELIGIBLE_ITEMS
    assert explanation.message == "No items in your cart qualify for Deal."
