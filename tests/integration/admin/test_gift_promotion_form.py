"""The promotion form offers a free gift: a product picked by SKU and a quantity (1 unless changed)."""

import pytest

from core.extensions import db
from promotions.models import Promotion
from tests.factories import make_department, make_product

GIFT_FORM = {
    "name": "Tote with $50", "status": "active", "trigger": "automatic", "priority": "0",
    "stacking": "combinable", "benefit_type": "free_gift", "gift_sku": "TOTE-1",
    "min_subtotal": "50", "max_discount": "5", "action": "save",
}


@pytest.fixture
def products(app):
    make_product("TOTE-1", price_cents=1500, name="Canvas Tote")
    cbd = make_department("cbd", name="CBD", age_restricted=True, minimum_age=21)
    make_product("CBD-OIL", price_cents=5000, department=cbd, name="CBD Oil")


def _saved() -> Promotion:
    return db.session.scalars(db.select(Promotion)).one()


def test_the_form_saves_a_gift_of_one_and_shows_it_again(merchant, products):
    assert merchant.post("/admin/promotions/new", data=GIFT_FORM).status_code == 302
    rule = _saved().rule
    assert rule["benefit"] == {"type": "free_gift", "sku": "TOTE-1", "quantity": 1}  # no cap on a gift
    assert rule["conditions"] == [{"type": "min_subtotal", "amount_cents": 5000}]
    html = merchant.get(f"/admin/promotions/{_saved().id}/edit").get_data(as_text=True)
    assert '<option selected value="TOTE-1">Canvas Tote (TOTE-1)</option>' in html
    assert 'name="gift_quantity"' in html and 'value="1"' in html


def test_the_form_keeps_a_chosen_quantity(merchant, products):
    merchant.post("/admin/promotions/new", data={**GIFT_FORM, "gift_quantity": "2"})
    assert _saved().rule["benefit"]["quantity"] == 2


@pytest.mark.parametrize(
    ("sku", "words"),
    [("", "Missing data for required field."), ("CBD-OIL", "age-restricted"), ("GONE-1", "No product has the SKU")],
)
def test_a_missing_or_unfit_gift_product_is_reported_next_to_its_field(merchant, products, sku, words):
    response = merchant.post("/admin/promotions/new", data={**GIFT_FORM, "gift_sku": sku})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    errors = html[html.index('<div id="gift_sku-error">'):]
    assert words in errors[: errors.index("</div>")]
    assert db.session.scalars(db.select(Promotion)).first() is None


def test_the_plain_words_summary_names_the_gift(merchant, products):
    answer = merchant.post("/admin/promotions/check", data=GIFT_FORM).get_json()
    assert answer == {"errors": {}, "summary": "A free gift (1 × TOTE-1) with orders of $50 or more"}
