"""Rating arithmetic: what readers see beside the stars."""

from decimal import Decimal

from storefront.content.ratings import RatingSummary


def test_demo_figures_average_4_35_from_156_votes_and_679_stars():
    summary = RatingSummary(votes=156, total_stars=679)
    assert summary.average == Decimal("4.35")
    assert summary.text == "156 votes, average 4.35 out of 5"


def test_average_rounds_half_up_at_two_decimals():
    # 869 / 200 = 4.345 exactly; half-even would give 4.34
    assert RatingSummary(votes=200, total_stars=869).average == Decimal("4.35")
    assert RatingSummary(votes=3, total_stars=13).average == Decimal("4.33")


def test_average_always_shows_two_decimals():
    assert str(RatingSummary(votes=2, total_stars=9).average) == "4.50"


def test_no_votes_reads_no_votes_yet_with_empty_stars():
    summary = RatingSummary()
    assert summary.text == "No votes yet"
    assert summary.average == Decimal("0.00")
    assert summary.fill_percent == Decimal("0.00")


def test_one_vote_is_singular():
    assert RatingSummary(votes=1, total_stars=5).text == "1 vote, average 5.00 out of 5"


def test_stars_fill_to_the_shown_average():
    assert RatingSummary(votes=156, total_stars=679).fill_percent == Decimal("87.00")
    assert RatingSummary(votes=1, total_stars=5).fill_percent == Decimal("100.00")
