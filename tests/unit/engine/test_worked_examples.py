"""The worked examples agreed with the business, as one table."""

from datetime import UTC, datetime

import pytest

from .builders import cart, code_rule, line, price, rule

BNR41921 = code_rule(
    "BNR41921",
    {"type": "amount_off_order", "amount_cents": 5000},
    name="Banner $50 off $200",
    conditions=[{"type": "min_subtotal", "amount_cents": 20000}],
)
FRIDAY = rule(
    {"type": "percent_off", "percent": 10},
    conditions=[{"type": "weekly_window", "days": ["fri"], "start": "17:00", "end": "21:00"}],
)
WED = datetime(2025, 6, 11, 16, 0, tzinfo=UTC)
GUMMIES = cart(
    line("G1", 1200, tags=("gummy",)),
    line("G2", 900, tags=("gummy",)),
    line("G3", 1500, tags=("gummy",)),
)
TIERED = rule(
    {
        "type": "tiered",
        "tiers": [
            {"min_subtotal_cents": 10000, "amount_cents": 1000},
            {"min_subtotal_cents": 20000, "amount_cents": 5000},
        ],
    }
)

EXAMPLES = [
    # (case, cart, rules, codes, now, expected discount + shipping discount, expected shares of first discount)
    (
        "bnr41921 on $200.00",
        cart(line(price=20000)),
        [BNR41921],
        ("BNR41921",),
        WED,
        5000,
        {"SKU-1": 5000},
    ),
    ("bnr41921 on $199.99", cart(line(price=19999)), [BNR41921], ("BNR41921",), WED, 0, None),
    (
        "$50 off a $30 base",
        cart(line(price=3000)),
        [rule({"type": "amount_off_order", "amount_cents": 5000})],
        (),
        WED,
        3000,
        {"SKU-1": 3000},
    ),
    (
        "10% of $49.95",
        cart(line(price=4995)),
        [rule({"type": "percent_off", "percent": 10})],
        (),
        WED,
        500,
        None,
    ),
    (
        "$10 off three $10 lines",
        cart(line("A"), line("B"), line("C")),
        [rule({"type": "amount_off_order", "amount_cents": 1000})],
        (),
        WED,
        1000,
        {"A": 334, "B": 333, "C": 333},
    ),
    (
        "buy 2 get 1 gummies",
        GUMMIES,
        [
            rule(
                {"type": "buy_x_get_y", "buy": 2, "get": 1, "percent": 100},
                eligible={"tags": ["gummy"]},
            )
        ],
        (),
        WED,
        900,
        {"G2": 900},
    ),
    ("tiered $150", cart(line(price=15000)), [TIERED], (), WED, 1000, None),
    ("tiered $200", cart(line(price=20000)), [TIERED], (), WED, 5000, None),
    (
        "fixed price $9.99",
        cart(line(price=1500, quantity=2)),
        [rule({"type": "fixed_price_each", "price_cents": 999})],
        (),
        WED,
        1002,
        None,
    ),
    (
        "free shipping",
        cart(line(), shipping=795),
        [rule({"type": "shipping", "percent": 100})],
        (),
        WED,
        795,
        None,
    ),
    (
        "friday 20:59",
        cart(line(price=10000)),
        [FRIDAY],
        (),
        datetime(2025, 6, 14, 0, 59, tzinfo=UTC),
        1000,
        None,
    ),
    (
        "friday 21:00",
        cart(line(price=10000)),
        [FRIDAY],
        (),
        datetime(2025, 6, 14, 1, 0, tzinfo=UTC),
        0,
        None,
    ),
    (
        "friday 20:59 EST",
        cart(line(price=10000)),
        [FRIDAY],
        (),
        datetime(2025, 3, 8, 1, 59, tzinfo=UTC),
        1000,
        None,
    ),
    (
        "friday 20:59 EDT",
        cart(line(price=10000)),
        [FRIDAY],
        (),
        datetime(2025, 3, 15, 0, 59, tzinfo=UTC),
        1000,
        None,
    ),
    (
        "exclusive 25% beats 5+10%",
        cart(line(price=10000)),
        [
            rule({"type": "amount_off_order", "amount_cents": 500}),
            rule({"type": "percent_off", "percent": 10}),
            rule({"type": "percent_off", "percent": 25}, stacking="exclusive"),
        ],
        (),
        WED,
        2500,
        None,
    ),
    (
        "5+10% beat exclusive 12%",
        cart(line(price=10000)),
        [
            rule({"type": "amount_off_order", "amount_cents": 500}),
            rule({"type": "percent_off", "percent": 10}),
            rule({"type": "percent_off", "percent": 12}, stacking="exclusive"),
        ],
        (),
        WED,
        1450,
        None,
    ),
]


@pytest.mark.parametrize(
    ("the_cart", "rules", "codes", "now", "expected", "expected_shares"),
    [example[1:] for example in EXAMPLES],
    ids=[example[0] for example in EXAMPLES],
)
def test_worked_example(the_cart, rules, codes, now, expected, expected_shares):
    priced = price(the_cart, *rules, codes=codes, now=now)
    assert priced.discount_cents + priced.shipping_discount_cents == expected
    if expected_shares is not None:
        assert dict(priced.discounts[0].line_shares) == expected_shares


def test_bnr41921_below_threshold_says_one_cent_more():
    priced = price(cart(line(price=19999)), BNR41921, codes=("BNR41921",))
    assert priced.explanation_for(1).message == "Add $0.01 more to use BNR41921"


def test_bnr41921_applied_message():
    priced = price(cart(line(price=20000)), BNR41921, codes=(" bnr41921 ",))
    assert priced.explanation_for(1).message == "BNR41921: $50.00 off"
    assert priced.codes == ("BNR41921",)
