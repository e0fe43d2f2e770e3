from datetime import UTC, datetime

from promotions.engine import ExplanationStatus

from .builders import cart, code_rule, line, price, rule

TEN_OFF = {"type": "amount_off_order", "amount_cents": 1000}


def status_of(priced, promotion_id=1):
    return priced.explanation_for(promotion_id).status


def test_min_subtotal_is_met_at_exactly_the_threshold():
    priced = price(
        cart(line(price=20000)),
        rule(TEN_OFF, conditions=[{"type": "min_subtotal", "amount_cents": 20000}]),
    )
    assert status_of(priced) is ExplanationStatus.APPLIED


def test_min_subtotal_below_threshold_reports_the_shortfall():
    priced = price(
        cart(line(price=15000)),
        rule(TEN_OFF, conditions=[{"type": "min_subtotal", "amount_cents": 20000}]),
    )
    explanation = priced.explanation_for(1)
    assert explanation.status is ExplanationStatus.BELOW_SUBTOTAL
    assert explanation.shortfall_cents == 5000


def test_min_subtotal_counts_only_eligible_items():
    priced = price(
        cart(line("A", 15000, department="cbd"), line("B", 15000, department="grocery")),
        rule(
            TEN_OFF,
            eligible={"departments": ["cbd"]},
            conditions=[{"type": "min_subtotal", "amount_cents": 20000}],
        ),
    )
    assert priced.explanation_for(1).shortfall_cents == 5000


def test_automatic_promotion_below_subtotal_names_itself_in_the_message():
    priced = price(
        cart(line(price=6250), shipping=795),
        rule(
            {"type": "shipping", "percent": 100},
            name="Free shipping over $75",
            conditions=[{"type": "min_subtotal", "amount_cents": 7500}],
        ),
    )
    assert priced.explanation_for(1).message == "Add $12.50 more to get Free shipping over $75"


def test_min_quantity_counts_eligible_units_and_says_how_many_more():
    priced = price(
        cart(line("A", quantity=2, tags=("gummy",)), line("B", quantity=5)),
        code_rule(
            "GUMMY3",
            TEN_OFF,
            eligible={"tags": ["gummy"]},
            conditions=[{"type": "min_quantity", "quantity": 3}],
        ),
        codes=("gummy3",),
    )
    explanation = priced.explanation_for(1)
    assert explanation.status is ExplanationStatus.BELOW_QUANTITY
    assert explanation.message == "Add 1 more eligible item to use GUMMY3"


def test_min_quantity_message_uses_plural_for_several_items():
    priced = price(
        cart(line()), rule(TEN_OFF, conditions=[{"type": "min_quantity", "quantity": 3}])
    )
    assert priced.explanation_for(1).message == "Add 2 more eligible items to get Deal"


def test_first_order_condition_refuses_returning_shoppers():
    deal = rule(TEN_OFF, conditions=[{"type": "first_order"}])
    assert (
        status_of(price(cart(line(), first_order=False), deal))
        is ExplanationStatus.FIRST_ORDER_ONLY
    )
    assert status_of(price(cart(line(), first_order=True), deal)) is ExplanationStatus.APPLIED


def test_customer_emails_match_case_insensitively():
    deal = rule(TEN_OFF, conditions=[{"type": "customer_emails", "emails": ["VIP@Example.com"]}])
    assert (
        status_of(price(cart(line(), email="vip@example.COM"), deal)) is ExplanationStatus.APPLIED
    )


def test_customer_emails_refuse_other_and_anonymous_shoppers():
    deal = rule(TEN_OFF, conditions=[{"type": "customer_emails", "emails": ["vip@example.com"]}])
    assert (
        status_of(price(cart(line(), email="other@example.com"), deal))
        is ExplanationStatus.NOT_FOR_CUSTOMER
    )
    assert status_of(price(cart(line()), deal)) is ExplanationStatus.NOT_FOR_CUSTOMER


def test_customer_emails_match_the_customer_behind_a_plus_tag():
    deal = rule(TEN_OFF, conditions=[{"type": "customer_emails", "emails": ["vip@example.com"]}])
    assert status_of(price(cart(line(), email="VIP+shop@example.com"), deal)) is ExplanationStatus.APPLIED


def test_regions_include_list_refuses_other_and_unknown_regions():
    deal = rule(TEN_OFF, conditions=[{"type": "regions", "include": ["CA", "NY"]}])
    assert status_of(price(cart(line(), region="ny"), deal)) is ExplanationStatus.APPLIED
    assert status_of(price(cart(line(), region="TX"), deal)) is ExplanationStatus.REGION_EXCLUDED
    assert status_of(price(cart(line(), region=None), deal)) is ExplanationStatus.REGION_EXCLUDED


def test_regions_exclude_list_refuses_listed_regions_only():
    deal = rule(TEN_OFF, conditions=[{"type": "regions", "exclude": ["ID"]}])
    assert status_of(price(cart(line(), region="ID"), deal)) is ExplanationStatus.REGION_EXCLUDED
    assert status_of(price(cart(line(), region="CA"), deal)) is ExplanationStatus.APPLIED
    assert status_of(price(cart(line(), region=None), deal)) is ExplanationStatus.APPLIED


FRIDAY_EVENING = {"type": "weekly_window", "days": ["fri"], "start": "17:00", "end": "21:00"}


def window_status(now):
    return status_of(price(cart(line()), rule(TEN_OFF, conditions=[FRIDAY_EVENING]), now=now))


def test_weekly_window_is_open_at_2059_new_york_time():
    assert (
        window_status(datetime(2025, 6, 14, 0, 59, tzinfo=UTC)) is ExplanationStatus.APPLIED
    )  # Fri 20:59 EDT


def test_weekly_window_is_closed_at_2100_new_york_time():
    assert (
        window_status(datetime(2025, 6, 14, 1, 0, tzinfo=UTC)) is ExplanationStatus.OUTSIDE_WINDOW
    )


def test_weekly_window_opens_at_1700_and_not_before():
    assert (
        window_status(datetime(2025, 6, 13, 21, 0, tzinfo=UTC)) is ExplanationStatus.APPLIED
    )  # 17:00 EDT
    assert (
        window_status(datetime(2025, 6, 13, 20, 59, tzinfo=UTC)) is ExplanationStatus.OUTSIDE_WINDOW
    )


def test_weekly_window_follows_new_york_wall_clock_across_the_dst_change():
    # DST starts Sunday 9 March 2025: 20:30 on Friday is 01:30Z before it and 00:30Z after it.
    assert (
        window_status(datetime(2025, 3, 8, 1, 30, tzinfo=UTC)) is ExplanationStatus.APPLIED
    )  # Fri 7 Mar EST
    assert (
        window_status(datetime(2025, 3, 15, 0, 30, tzinfo=UTC)) is ExplanationStatus.APPLIED
    )  # Fri 14 Mar EDT
    assert (
        window_status(datetime(2025, 3, 15, 1, 30, tzinfo=UTC)) is ExplanationStatus.OUTSIDE_WINDOW
    )  # 21:30 EDT


def test_weekly_window_refuses_other_days():
    assert (
        window_status(datetime(2025, 6, 12, 23, 0, tzinfo=UTC)) is ExplanationStatus.OUTSIDE_WINDOW
    )  # Thu 19:00


def test_weekly_window_ending_before_it_starts_runs_past_midnight():
    late = {"type": "weekly_window", "days": ["fri"], "start": "22:00", "end": "02:00"}
    deal = rule(TEN_OFF, conditions=[late])
    saturday_0130 = datetime(2025, 6, 14, 5, 30, tzinfo=UTC)
    assert status_of(price(cart(line()), deal, now=saturday_0130)) is ExplanationStatus.APPLIED


def test_outside_window_message_says_when_it_is_available():
    priced = price(cart(line()), rule(TEN_OFF, conditions=[FRIDAY_EVENING]))
    assert priced.explanation_for(1).message == "Deal is only available on Fri 17:00\u201321:00."


def test_first_unmet_condition_explains():
    deal = rule(
        TEN_OFF,
        conditions=[{"type": "first_order"}, {"type": "min_subtotal", "amount_cents": 99999}],
    )
    assert status_of(price(cart(line()), deal)) is ExplanationStatus.FIRST_ORDER_ONLY
