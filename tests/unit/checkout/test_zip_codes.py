"""A ZIP code's state, from its first three digits."""

import pytest
from marshmallow import ValidationError

from storefront.checkout.schemas import AddressSchema
from storefront.checkout.zip_codes import state_of_zip
from tests.integration.checkout.helpers import address


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [("97201", "OR"), ("10001", "NY"), ("00501", "NY"), ("02134", "MA"), ("94110", "CA"), ("83702", "ID"), ("20001", "DC")],
)
def test_a_zip_code_belongs_to_its_state(zip_code, state):
    assert state_of_zip(zip_code) == state


def test_an_unknown_prefix_is_given_the_benefit_of_the_doubt():
    assert state_of_zip("00001") is None


def test_an_address_whose_zip_is_in_another_state_is_refused_with_both_named():
    with pytest.raises(ValidationError) as refused:
        AddressSchema().load(address(region="NY", postal_code="97201"))
    assert refused.value.messages == {"postal_code": ["ZIP code 97201 is in OR, not NY. Check the ZIP code and the state."]}


def test_a_matching_zip_and_state_pass():
    assert AddressSchema().load(address(region="OR", postal_code="97201-1234"))["postal_code"] == "97201-1234"
