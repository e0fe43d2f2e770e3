from datetime import UTC, datetime

import pytest

from promotions.engine import PromotionIndex, RuleError, Stacking, Trigger, promotion_from_rule

from .builders import cart, code_rule, line, promotions, rule

OFF = {"type": "amount_off_order", "amount_cents": 500}


def test_rule_dates_may_be_iso_strings_with_offsets():
    [promotion] = promotions(
        rule(OFF, starts_at="2025-06-01T00:00:00-04:00", ends_at=datetime(2025, 7, 1, tzinfo=UTC))
    )
    assert promotion.starts_at == datetime(2025, 6, 1, 4, tzinfo=UTC)
    assert promotion.ends_at.tzinfo is not None


def test_rule_without_an_offset_is_refused():
    with pytest.raises(RuleError, match="starts_at"):
        promotions(rule(OFF, starts_at="2025-06-01T00:00:00"))


def test_unknown_benefit_type_is_named_in_the_error():
    with pytest.raises(RuleError, match="teleport"):
        promotions(rule({"type": "teleport"}))


def test_unknown_condition_type_is_named_in_the_error():
    with pytest.raises(RuleError, match="moon_phase"):
        promotions(rule(OFF, conditions=[{"type": "moon_phase"}]))


def test_missing_benefit_field_is_named_in_the_error():
    with pytest.raises(RuleError, match="amount_cents"):
        promotions(rule({"type": "amount_off_order"}))


def test_rule_codes_are_normalized():
    [promotion] = promotions(code_rule(" bnr41921 ", OFF))
    assert [code.text for code in promotion.codes] == ["BNR41921"]
    assert (promotion.trigger, promotion.stacking) == (Trigger.CODE, Stacking.COMBINABLE)


def test_index_orders_promotions_by_priority_then_id():
    index = PromotionIndex.build(
        [
            promotion_from_rule(rule(OFF, priority=p), promotion_id=i)
            for i, p in [(1, 0), (2, 5), (3, 5)]
        ]
    )
    assert [p.id for p in index.promotions] == [2, 3, 1]
    assert len(index) == 3


def test_index_candidates_are_only_what_could_apply():
    index = PromotionIndex.build(
        promotions(
            rule(OFF, eligible={"departments": ["cbd"]}),
            rule(OFF, eligible={"products": ["SKU-9"]}),
            rule(OFF, eligible={"tags": ["gummy"]}),
            rule(OFF),
            code_rule("SAVE", OFF),
            code_rule("OTHER", OFF),
        )
    )
    found = index.candidates(
        cart(line("SKU-1", department="cbd"), line("SKU-2", tags=("gummy",))), [" save"]
    )
    assert sorted(p.id for p in found) == [1, 3, 4, 5]


def test_find_code_ignores_case_and_spaces():
    index = PromotionIndex.build(promotions(code_rule("BNR41921", OFF)))
    promotion, code = index.find_code("  bnr41921 ")
    assert (promotion.id, code.text) == (1, "BNR41921")
    assert index.find_code("BNR4192") is None
