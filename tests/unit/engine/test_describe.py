"""Every condition and benefit type says what it does in plain words (`describe`)."""

import pytest

from promotions.engine.benefits import BENEFITS
from promotions.engine.conditions import CONDITIONS
from promotions.engine.wording import Words, dollars, either, percent

NOTHING = Words()
CBD = Words(items="CBD items")
OVER_75 = Words(threshold_cents=7500)
CBD_OVER_75 = Words(items="CBD items", threshold_cents=7500)


def benefit(type_name, **fields):
    return BENEFITS[type_name]({"type": type_name, **fields})


def condition(type_name, **fields):
    return CONDITIONS[type_name]({"type": type_name, **fields})


@pytest.mark.parametrize(("cents", "text"), [(5000, "$50"), (1250, "$12.50"), (100000, "$1,000"), (5, "$0.05")])
def test_dollars_drop_whole_cents(cents, text):
    assert dollars(cents) == text


@pytest.mark.parametrize(("value", "text"), [(20, "20%"), (12.5, "12.5%"), (100, "100%"), ("7.50", "7.5%")])
def test_percentages_read_as_typed(value, text):
    assert percent(value) == text


def test_lists_read_as_a_sentence():
    assert [either([]), either(["a"]), either(["a", "b"]), either(["a", "b", "c"], "and")] == [
        "", "a", "a or b", "a, b and c"
    ]


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (NOTHING, "$10 off your order"),
        (OVER_75, "$10 off orders of $75 or more"),
        (CBD_OVER_75, "$10 off CBD items"),
    ],
)
def test_amount_off_order_names_what_it_comes_off(words, text):
    assert benefit("amount_off_order", amount_cents=1000).describe(words) == text


@pytest.mark.parametrize(
    ("fields", "words", "text"),
    [
        ({"percent": 20}, CBD, "20% off CBD items"),
        ({"percent": 12.5}, NOTHING, "12.5% off your order"),
        ({"percent": 30, "max_discount_cents": 2550}, OVER_75, "30% off orders of $75 or more (up to $25.50)"),
    ],
)
def test_percent_off(fields, words, text):
    assert benefit("percent_off", **fields).describe(words) == text


def test_amount_off_each():
    off = benefit("amount_off_each", amount_cents=200)
    assert off.describe(NOTHING) == "$2 off each of your items"
    assert off.describe(CBD) == "$2 off each of CBD items"


def test_fixed_price_each():
    fixed = benefit("fixed_price_each", price_cents=500)
    assert fixed.describe(NOTHING) == "every item for $5 each"
    assert fixed.describe(CBD) == "CBD items for $5 each"


@pytest.mark.parametrize(
    ("fields", "words", "text"),
    [
        ({"buy": 2, "get": 1}, NOTHING, "buy 2, get 1 free"),
        ({"buy": 2, "get": 1}, CBD, "buy 2, get 1 free on CBD items"),
        ({"buy": 3, "get": 2, "percent": 50, "repeat": False}, NOTHING, "buy 3, get 2 at 50% off (once per order)"),
    ],
)
def test_buy_x_get_y(fields, words, text):
    assert benefit("buy_x_get_y", **fields).describe(words) == text


def test_tiers_read_lowest_first_whatever_order_they_were_given():
    tiers = [{"min_subtotal_cents": 20000, "percent": 15}, {"min_subtotal_cents": 10000, "amount_cents": 1000}]
    tiered = benefit("tiered", tiers=tiers)
    assert tiered.describe(NOTHING) == "$10 off $100 or more; 15% off $200 or more on your order"
    assert tiered.describe(CBD) == "$10 off $100 or more; 15% off $200 or more on CBD items"


@pytest.mark.parametrize(
    ("fields", "words", "text"),
    [
        ({"percent": 100}, NOTHING, "free shipping"),
        ({"percent": 100}, OVER_75, "free shipping on orders of $75 or more"),
        ({"percent": 50}, NOTHING, "50% off shipping"),
        ({"amount_cents": 500, "max_discount_cents": 400}, NOTHING, "$5 off shipping (up to $4)"),
    ],
)
def test_shipping(fields, words, text):
    assert benefit("shipping", **fields).describe(words) == text


def test_a_minimum_spend_is_said_by_the_condition_only_for_filtered_items():
    minimum = condition("min_subtotal", amount_cents=7500)
    assert minimum.describe(CBD_OVER_75) == "when they add up to $75 or more"
    assert minimum.describe(OVER_75) == ""  # the benefit says "orders of $75 or more"


def test_customer_conditions():
    assert condition("min_quantity", quantity=3).describe(NOTHING) == "when you buy 3 or more"
    assert condition("first_order").describe(NOTHING) == "on a first order"
    emails = condition("customer_emails", emails=["ada@example.com"])
    assert emails.describe(NOTHING) == "for selected customers"  # never the addresses


def test_a_weekly_window_lists_days_in_week_order():
    window = condition("weekly_window", days=["sat", "fri"], start="17:00", end="24:00")
    assert window.describe(NOTHING) == "on Fri, Sat 17:00\u201324:00"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"include": ["ny", "CA"]}, "shipping to CA or NY"),
        ({"exclude": ["HI", "AK"]}, "not shipping to AK or HI"),
        ({"include": ["US"], "exclude": ["PR"]}, "shipping to US not shipping to PR"),
    ],
)
def test_regions(fields, text):
    assert condition("regions", **fields).describe(NOTHING) == text

