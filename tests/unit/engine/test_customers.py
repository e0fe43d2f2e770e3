"""The one email rule for matching customers: case, spaces and +tags ignored, dots kept."""

import pytest

from promotions.engine import customer_key


@pytest.mark.parametrize(
    "email, key",
    [
        ("ada@example.com", "ada@example.com"),
        ("  Ada@Example.COM ", "ada@example.com"),
        ("ada+1@example.com", "ada@example.com"),
        ("Ada+Shop+More@example.com", "ada@example.com"),
        ("ada.lovelace@gmail.com", "ada.lovelace@gmail.com"),
        ("+only-a-tag@example.com", "+only-a-tag@example.com"),
        ("no-at-sign", "no-at-sign"),
    ],
)
def test_an_address_stands_for_its_customer(email, key):
    assert customer_key(email) == key


@pytest.mark.parametrize("email", [None, "", "   "])
def test_no_address_is_no_customer(email):
    assert customer_key(email) is None
