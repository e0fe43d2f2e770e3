"""Every rule type survives the promotion form: saved, opened for editing and saved again
unchanged. The edit page is read as a browser would (every input, textarea and selected
option the template renders), so a table entry or template fragment that drops a field fails."""

from html.parser import HTMLParser

import pytest
from werkzeug.datastructures import MultiDict

from core.extensions import db
from promotions import service
from promotions.engine.benefits import BENEFITS
from promotions.engine.conditions import CONDITIONS
from promotions.models import Promotion
from promotions.schemas import RuleSchema

BENEFIT_SAMPLES = [
    {"type": "percent_off", "percent": 12.5, "max_discount_cents": 2000},
    {"type": "amount_off_order", "amount_cents": 5000},
    {"type": "amount_off_each", "amount_cents": 250},
    {"type": "fixed_price_each", "price_cents": 500},
    {"type": "buy_x_get_y", "buy": 3, "get": 2, "percent": 50, "repeat": False},
    {"type": "tiered", "tiers": [{"min_subtotal_cents": 10000, "amount_cents": 1000},
                                 {"min_subtotal_cents": 20000, "percent": 15}]},
    {"type": "shipping", "percent": 100},
    {"type": "shipping", "amount_cents": 500, "max_discount_cents": 400},
    {"type": "free_gift", "sku": "TOTE-1", "quantity": 2},
]
CONDITION_SAMPLES = [
    {"type": "min_subtotal", "amount_cents": 7500},
    {"type": "min_quantity", "quantity": 3},
    {"type": "first_order"},
    {"type": "customer_emails", "emails": ["ada@example.com"]},
    {"type": "weekly_window", "days": ["fri", "sat"], "start": "17:00", "end": "24:00"},
    {"type": "regions", "include": ["CA", "NY"], "exclude": ["HI"]},
]


class FormValues(HTMLParser):
    """The name/value pairs a browser would submit from the page's forms."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and (attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs):
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.pairs.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = name
            self.pairs.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, text = self.pairs.pop()
            self.pairs.append((name, text + data))


def submitted(html: str) -> list[tuple[str, str]]:
    parser = FormValues()
    parser.feed(html)
    return parser.pairs


def test_the_samples_cover_every_type():
    assert {sample["type"] for sample in BENEFIT_SAMPLES} == set(BENEFITS)
    assert {sample["type"] for sample in CONDITION_SAMPLES} == set(CONDITIONS)


@pytest.mark.parametrize("benefit", BENEFIT_SAMPLES, ids=lambda b: b["type"])
def test_a_benefit_comes_back_from_the_form_as_it_was_saved(app, merchant, tote, benefit):
    _assert_round_trip(merchant, benefit, [])


def test_every_condition_comes_back_from_the_form_as_it_was_saved(app, merchant):
    _assert_round_trip(merchant, {"type": "percent_off", "percent": 10}, CONDITION_SAMPLES)


def _assert_round_trip(client, benefit, conditions):
    rule = RuleSchema().load({"name": "Round trip", "trigger": "automatic", "benefit": benefit,
                              "conditions": conditions})
    promotion = service.create_promotion(rule, actor="test")
    page = f"/admin/promotions/{promotion.id}/edit"
    data = [pair for pair in submitted(client.get(page).get_data(as_text=True)) if pair[0] != "action"]
    response = client.post(page, data=MultiDict([*data, ("action", "save")]))
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Promotion, promotion.id).rule
    assert (saved["benefit"], saved["conditions"]) == (rule["benefit"], rule["conditions"])


DRAFT = {"name": "Draft", "status": "draft", "trigger": "automatic", "stacking": "combinable",
         "combining": "usual", "benefit_type": "percent_off", "percent": "10"}


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"window_days": ["fri"], "window_start": "25:00", "window_end": "21:00"}, "window_start"),
        ({"window_start": "17:00", "window_end": "21:00"}, "window_days"),
        ({"regions_include": "", "regions_exclude": "TOOLONGREGION"}, "regions_exclude"),
        ({"benefit_type": "buy_x_get_y", "buy": "2", "get": "1", "get_percent": "120"}, "get_percent"),
        ({"benefit_type": "shipping", "shipping_percent": "50", "shipping_amount": "5"}, "shipping_percent"),
        ({"max_discount": "2000000"}, "max_discount"),
        ({"benefit_type": "free_gift", "gift_sku": ""}, "gift_sku"),
    ],
)
def test_a_schema_message_lands_next_to_the_field_it_is_about(app, merchant, typed, field):
    errors = merchant.post("/admin/promotions/check", data={**DRAFT, **typed}).get_json()["errors"]
    assert list(errors) == [field]
