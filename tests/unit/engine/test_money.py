from decimal import Decimal

import pytest

from promotions.engine import allocate, format_cents, normalize_code, percent_of


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (1250, "$12.50"),
        (500000, "$5,000.00"),
        (-5, "-$0.05"),
        (0, "$0.00"),
        (1, "$0.01"),
        (100, "$1.00"),
    ],
)
def test_format_cents_writes_dollars_with_thousands_separators(cents, text):
    assert format_cents(cents) == text


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [
        (4995, Decimal(10), 500),  # 499.5 rounds half up
        (4994, Decimal(10), 499),
        (1000, Decimal("12.5"), 125),
        (999, Decimal("12.5"), 125),  # 124.875
        (1, Decimal(50), 1),  # 0.5 rounds up
        (1, Decimal("49.99"), 0),
        (12345, Decimal(100), 12345),
        (7, Decimal("0.001"), 0),
    ],
)
def test_percent_of_rounds_once_half_up(amount, percent, expected):
    assert percent_of(amount, percent) == expected


def test_allocate_splits_ten_dollars_over_three_equal_lines_as_334_333_333():
    assert allocate(1000, [1000, 1000, 1000]) == [334, 333, 333]


def test_allocate_gives_remainders_to_the_largest_fractions_first():
    assert allocate(100, [1, 2]) == [33, 67]


def test_allocate_sums_exactly_to_the_total():
    weights = [7, 13, 0, 29, 1]
    assert sum(allocate(997, weights)) == 997


def test_allocate_gives_nothing_to_zero_weights():
    assert allocate(10, [0, 5, 5]) == [0, 5, 5]


def test_allocate_splits_evenly_when_every_weight_is_zero():
    assert allocate(10, [0, 0, 0]) == [4, 3, 3]


def test_allocate_rejects_negative_weights():
    with pytest.raises(ValueError):
        allocate(10, [1, -1])


def test_normalize_code_strips_and_uppercases_only():
    assert normalize_code("  bnr 41921\n") == "BNR 41921"
