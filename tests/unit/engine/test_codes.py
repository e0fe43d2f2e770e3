from datetime import timedelta

import pytest

from promotions.engine import (
    Code,
    CodeStatus,
    PricingContext,
    PromotionIndex,
    PromotionUsage,
    check_code,
    promotion_from_rule,
)

from .builders import NOW, code_rule

OFF = {"type": "amount_off_order", "amount_cents": 5000}


def check(text, rule, *, usage=None, codes=None):
    promotion = promotion_from_rule(rule, promotion_id=7, codes=codes)
    context = PricingContext(now=NOW, usage=usage or {})
    return check_code(text, PromotionIndex.build([promotion]), context)


def test_known_live_code_is_accepted_even_before_the_cart_qualifies():
    rule = code_rule("BNR41921", OFF, conditions=[{"type": "min_subtotal", "amount_cents": 20000}])
    result = check(" bnr41921 ", rule)
    assert (result.code, result.status, result.promotion_id) == ("BNR41921", CodeStatus.ACCEPTED, 7)


def test_unknown_code_is_refused():
    result = check("NOPE", code_rule("BNR41921", OFF))
    assert (result.status, result.promotion_id) == (CodeStatus.UNKNOWN, None)


def test_expired_code_is_refused():
    result = check("BNR41921", code_rule("BNR41921", OFF, ends_at=NOW.isoformat()))
    assert result.status is CodeStatus.EXPIRED


def test_code_before_its_start_is_refused():
    result = check(
        "BNR41921", code_rule("BNR41921", OFF, starts_at=(NOW + timedelta(days=1)).isoformat())
    )
    assert result.status is CodeStatus.NOT_STARTED


def test_code_at_its_own_limit_is_used_up():
    usage = {7: PromotionUsage(code_uses={"ONCE-1": 1})}
    result = check(
        "once-1",
        code_rule("x", OFF),
        usage=usage,
        codes=[Code("ONCE-1", usage_limit=1), Code("ONCE-2", 1)],
    )
    assert result.status is CodeStatus.USED_UP
    other = check(
        "once-2",
        code_rule("x", OFF),
        usage=usage,
        codes=[Code("ONCE-1", usage_limit=1), Code("ONCE-2", 1)],
    )
    assert other.status is CodeStatus.ACCEPTED


def test_code_of_a_promotion_at_its_limit_is_used_up():
    result = check(
        "BNR41921", code_rule("BNR41921", OFF, usage_limit=5), usage={7: PromotionUsage(uses=5)}
    )
    assert result.status is CodeStatus.USED_UP


def test_code_with_exhausted_budget_is_used_up():
    result = check(
        "BNR41921",
        code_rule("BNR41921", OFF, budget_cents=100),
        usage={7: PromotionUsage(given_cents=100)},
    )
    assert result.status is CodeStatus.USED_UP


@pytest.mark.parametrize(
    ("rule", "usage"),
    [
        (code_rule("OTHER", OFF), None),
        (code_rule("ABC", OFF, ends_at=NOW.isoformat()), None),
        (code_rule("ABC", OFF, starts_at=(NOW + timedelta(days=1)).isoformat()), None),
        (code_rule("ABC", OFF, usage_limit=1), {7: PromotionUsage(uses=1)}),
    ],
    ids=["unknown", "expired", "not started", "used up"],
)
def test_every_refusal_has_the_same_message(rule, usage):
    assert check(" abc", rule, usage=usage).message == "Code ABC can't be used."
