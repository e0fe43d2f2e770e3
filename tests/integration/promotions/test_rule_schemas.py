"""The rule format: every type validated by its own schema; unknown types and fields named."""

import pytest
from marshmallow import ValidationError

from promotions.engine import promotion_from_rule
from promotions.schemas import BENEFIT_SCHEMAS, CONDITION_SCHEMAS, PromotionIn, RuleSchema
from promotions.schemas.registry import rule_schema
from tests.integration.promotions.builders import bnr_rule


def errors(document: dict) -> dict:
    with pytest.raises(ValidationError) as caught:
        RuleSchema().load(document)
    return caught.value.messages


def test_a_valid_rule_loads_normalized_and_the_engine_accepts_it():
    rule = RuleSchema().load(bnr_rule(codes=[" bnr41921 "], starts_at="2030-01-01T00:00:00-05:00"))
    assert rule["codes"] == ["BNR41921"]
    assert rule["starts_at"] == "2030-01-01T05:00:00+00:00"
    assert rule["show_in_banner"] is True
    assert promotion_from_rule(rule, promotion_id=1).codes[0].text == "BNR41921"


def test_loading_a_clean_rule_again_gives_the_same_rule():
    rule = RuleSchema().load(bnr_rule())
    assert RuleSchema().load(rule) == rule


def test_every_condition_and_benefit_type_of_the_rule_format_has_a_schema():
    assert set(CONDITION_SCHEMAS) == {
        "min_subtotal", "min_quantity", "first_order", "customer_emails", "weekly_window", "regions"
    }
    assert set(BENEFIT_SCHEMAS) == {
        "amount_off_order", "percent_off", "amount_off_each", "fixed_price_each", "buy_x_get_y",
        "tiered", "shipping", "free_gift",
    }


def test_a_schema_is_registered_only_under_an_engine_type_name():
    with pytest.raises(LookupError, match="'moon_phase' is no engine condition or benefit"):
        rule_schema("moon_phase")
    assert "min_subtotal" in CONDITION_SCHEMAS and "min_subtotal" not in BENEFIT_SCHEMAS  # filed as the engine files it


def test_unknown_condition_type_is_refused_naming_the_type():
    messages = errors(bnr_rule(conditions=[{"type": "moon_phase", "phase": "full"}]))
    assert "'moon_phase'" in messages["conditions"][0]["type"][0]


def test_unknown_benefit_type_is_refused_naming_the_type():
    messages = errors(bnr_rule(benefit={"type": "free_pony"}))
    assert "'free_pony'" in messages["benefit"]["type"][0]


def test_unknown_field_in_a_condition_is_refused_under_its_name():
    messages = errors(bnr_rule(conditions=[{"type": "min_subtotal", "amount_cents": 1, "amout": 2}]))
    assert messages["conditions"][0] == {"amout": ["Unknown field."]}


def test_unknown_field_in_a_benefit_is_refused_under_its_name():
    messages = errors(bnr_rule(benefit={"type": "percent_off", "percent": 10, "pct": 5}))
    assert messages["benefit"] == {"pct": ["Unknown field."]}


def test_unknown_top_level_field_is_refused_under_its_name():
    assert errors(bnr_rule(colour="green")) == {"colour": ["Unknown field."]}


def test_missing_benefit_field_is_named():
    messages = errors(bnr_rule(benefit={"type": "amount_off_order"}))
    assert "amount_cents" in messages["benefit"]


@pytest.mark.parametrize("percent", [0, 100.001, 12.345, -5, "20", True])
def test_percentages_must_be_above_zero_at_most_100_with_two_decimals(percent):
    assert "percent" in errors(bnr_rule(benefit={"type": "percent_off", "percent": percent}))["benefit"]


def test_a_percentage_with_two_decimals_is_kept():
    rule = RuleSchema().load(bnr_rule(benefit={"type": "percent_off", "percent": 12.5}))
    assert rule["benefit"]["percent"] == 12.5


@pytest.mark.parametrize("amount", [2.5, "5000", None, True])
def test_money_is_whole_cents(amount):
    messages = errors(bnr_rule(benefit={"type": "amount_off_order", "amount_cents": amount}))
    assert "amount_cents" in messages["benefit"]


def test_a_tier_needs_an_amount_or_a_percent_not_both():
    benefit = {"type": "tiered", "tiers": [{"min_subtotal_cents": 100, "amount_cents": 5, "percent": 5}]}
    assert "tiers" in errors(bnr_rule(benefit=benefit))["benefit"]


def test_shipping_needs_a_percent_or_an_amount():
    assert errors(bnr_rule(benefit={"type": "shipping"}))["benefit"]


def test_weekly_window_days_and_times_are_checked():
    condition = {"type": "weekly_window", "days": ["friday"], "start": "17:00", "end": "25:00"}
    messages = errors(bnr_rule(conditions=[condition]))["conditions"][0]
    assert {"days", "end"} <= messages.keys()


def test_the_end_must_come_after_the_start():
    messages = errors(bnr_rule(starts_at="2030-01-02T00:00:00+00:00", ends_at="2030-01-01T00:00:00+00:00"))
    assert "ends_at" in messages


def test_dates_without_a_time_zone_are_refused():
    assert "starts_at" in errors(bnr_rule(starts_at="2030-01-01T00:00:00"))


def test_automatic_promotions_take_no_codes():
    assert "codes" in errors(bnr_rule(trigger="automatic"))


def test_codes_with_spaces_inside_or_symbols_are_refused():
    assert "codes" in errors(bnr_rule(codes=["BNR 41921"]))


def test_server_owned_fields_are_refused_as_read_only():
    with pytest.raises(ValidationError) as caught:
        PromotionIn().load({**bnr_rule(), "times_used": 0, "id": 9})
    assert caught.value.messages == {
        "id": ["Read-only: set by the server."],
        "times_used": ["Read-only: set by the server."],
    }
