"""The plain-language summary of a rule, as the merchant reads it."""

from datetime import UTC, datetime

from promotions.summary import summarise_rule

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def rule(benefit, **fields):
    return {"name": "Deal", "trigger": "automatic", "codes": [], "eligible": {}, "conditions": [],
            "benefit": benefit, **fields}


def test_the_issue_example_reads_as_written():
    text = summarise_rule(
        rule(
            {"type": "amount_off_order", "amount_cents": 5000},
            trigger="code", codes=["BNR41921"], usage_limit_per_customer=1,
            conditions=[{"type": "min_subtotal", "amount_cents": 20000}],
            ends_at="2026-01-01T05:00:00+00:00",  # midnight in New York: the end of Dec 31
        ),
        now=NOW,
    )
    assert text == "$50 off orders of $200 or more with code BNR41921, once per customer, until Dec 31"


def test_a_department_percentage_names_the_department():
    text = summarise_rule(
        rule({"type": "percent_off", "percent": 20}, eligible={"departments": ["cbd"]}),
        names={"cbd": "CBD"},
    )
    assert text == "20% off CBD items"


def test_a_whole_order_percentage_without_threshold_is_off_your_order():
    assert summarise_rule(rule({"type": "percent_off", "percent": 12.5})) == "12.5% off your order"


def test_exclusions_are_spelled_out():
    text = summarise_rule(rule({"type": "percent_off", "percent": 10}, eligible={"exclude_tags": ["gift-card"]}))
    assert text == "10% off everything except tagged gift-card"


def test_buy_two_get_one_free_on_tagged_items():
    text = summarise_rule(rule({"type": "buy_x_get_y", "buy": 2, "get": 1}, eligible={"tags": ["gummies"]}))
    assert text == "Buy 2, get 1 free on items tagged gummies"


def test_free_shipping_over_a_threshold():
    text = summarise_rule(
        rule({"type": "shipping", "percent": 100}, conditions=[{"type": "min_subtotal", "amount_cents": 7500}])
    )
    assert text == "Free shipping on orders of $75 or more"


def test_tiers_read_lowest_first():
    tiers = [{"min_subtotal_cents": 10000, "amount_cents": 1000}, {"min_subtotal_cents": 20000, "percent": 15}]
    text = summarise_rule(rule({"type": "tiered", "tiers": tiers}))
    assert text == "$10 off $100 or more; 15% off $200 or more on your order"


def test_a_cap_limits_and_exclusivity_are_all_mentioned():
    text = summarise_rule(
        rule({"type": "percent_off", "percent": 30, "max_discount_cents": 2550},
             usage_limit=100, budget_cents=100000, stacking="exclusive"),
    )
    assert text == (
        "30% off your order (up to $25.50), for the first 100 orders, "
        "while $1,000 of discounts last, not combined with other offers"
    )


def test_a_future_start_is_shown_in_the_store_time_zone():
    text = summarise_rule(
        rule({"type": "amount_off_each", "amount_cents": 200}, starts_at="2025-07-04T13:00:00+00:00"),
        now=NOW,
    )
    assert text == "$2 off each of your items, from Jul 4, 09:00"


def test_an_end_in_another_year_carries_the_year():
    text = summarise_rule(
        rule({"type": "percent_off", "percent": 5}, ends_at="2027-03-01T05:00:00+00:00"), now=NOW
    )
    assert text == "5% off your order, until Feb 28, 2027"


def test_a_code_batch_without_public_codes_says_personal_code():
    text = summarise_rule(rule({"type": "percent_off", "percent": 15}, trigger="code", codes=[]))
    assert text == "15% off your order with a personal code"


def test_conditions_on_quantity_window_and_region():
    text = summarise_rule(rule(
        {"type": "amount_off_order", "amount_cents": 1000},
        eligible={"departments": ["sleep"]},
        conditions=[{"type": "min_quantity", "quantity": 3},
                    {"type": "weekly_window", "days": ["fri", "sat"], "start": "17:00", "end": "21:00"},
                    {"type": "regions", "include": ["CA", "NY"]}],
    ))
    assert text == "$10 off sleep items when you buy 3 or more on Fri, Sat 17:00–21:00 shipping to CA or NY"
