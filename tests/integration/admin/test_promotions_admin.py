"""The promotions admin: the form round trip, preview, conflict warnings, lifecycle and audit."""

import pytest

from core.extensions import db
from promotions import service
from promotions.models import Promotion, PromotionAuditEntry
from promotions.schemas import RuleSchema
from tests.factories import make_department, make_product

FORM = {
    "name": "20% off the CBD store", "status": "active", "trigger": "automatic", "priority": "10",
    "stacking": "combinable", "combines_with": ["product", "order", "shipping"],
    "departments": ["cbd"], "benefit_type": "percent_off", "percent": "20", "action": "save",
}


@pytest.fixture
def cbd(app):
    department = make_department("cbd", name="CBD")
    make_product("CBD-OIL", price_cents=5000, department=department, cost_cents=3000)
    make_product("CBD-GUM", price_cents=2000, department=department)
    make_product("SLEEP-TEA", price_cents=1000)
    return department


def _only_promotion() -> Promotion:
    return db.session.scalars(db.select(Promotion)).one()


def _live(name: str, benefit: dict, **fields) -> Promotion:
    rule = RuleSchema().load({"name": name, "trigger": "automatic", "benefit": benefit, **fields})
    return service.create_promotion(rule, actor="seed")


def test_the_form_saves_a_department_percentage_as_a_rule(app, merchant, cbd):
    response = merchant.post("/admin/promotions/new", data=FORM)
    assert response.status_code == 302
    promotion = _only_promotion()
    assert promotion.rule["benefit"] == {"type": "percent_off", "percent": 20}
    assert promotion.rule["eligible"] == {"departments": ["cbd"]}
    assert promotion.priority == 10 and promotion.status == "active"


def test_the_edit_form_shows_what_was_saved(app, merchant, cbd):
    merchant.post("/admin/promotions/new", data=FORM)
    html = merchant.get(f"/admin/promotions/{_only_promotion().id}/edit").get_data(as_text=True)
    assert 'value="20"' in html and '<option selected value="cbd">' in html
    assert "20% off CBD items" in html


def test_money_and_dates_are_typed_in_dollars_and_store_time(app, merchant, cbd):
    data = {**FORM, "benefit_type": "amount_off_order", "amount": "50", "min_subtotal": "200.00",
            "trigger": "code", "codes": "bnr41921", "usage_limit_per_customer": "1", "departments": [],
            "ends_at": "2031-01-01T00:00"}
    assert merchant.post("/admin/promotions/new", data=data).status_code == 302
    rule = _only_promotion().rule
    assert rule["benefit"]["amount_cents"] == 5000
    assert rule["conditions"] == [{"type": "min_subtotal", "amount_cents": 20000}]
    assert rule["ends_at"] == "2031-01-01T05:00:00+00:00"  # midnight in New York
    html = merchant.get(f"/admin/promotions/{_only_promotion().id}").get_data(as_text=True)
    assert "$50 off orders of $200 or more with code BNR41921, once per customer, until Dec 31, 2030" in html


def test_a_bad_percentage_is_reported_next_to_its_field(app, merchant, cbd):
    response = merchant.post("/admin/promotions/new", data={**FORM, "percent": "120"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Enter a percentage above 0 and at most 100" in html
    assert db.session.scalars(db.select(Promotion)).first() is None


def test_live_validation_answers_with_field_messages_and_a_summary(app, merchant, cbd):
    bad = merchant.post("/admin/promotions/check", data={**FORM, "percent": "0"}).get_json()
    assert "percent" in bad["errors"]
    good = merchant.post("/admin/promotions/check", data=FORM).get_json()
    assert good == {"errors": {}, "summary": "20% off CBD items"}


def test_preview_prices_the_sample_cart_with_the_unsaved_draft(app, merchant, cbd):
    data = {**FORM, "action": "preview", "sample": "CBD-OIL 2\nSLEEP-TEA 1"}
    response = merchant.post("/admin/promotions/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "20% off the CBD store: $20.00 off" in html  # the engine's explanation
    assert 'data-preview-discount>$20.00<' in html
    assert db.session.scalars(db.select(Promotion)).first() is None  # nothing saved


def test_preview_shows_every_active_promotion_too(app, merchant, cbd):
    _live("Tea time", {"type": "amount_off_each", "amount_cents": 100}, eligible={"products": ["SLEEP-TEA"]})
    html = merchant.post("/admin/promotions/new", data={**FORM, "action": "preview", "sample": "CBD-OIL 1\nSLEEP-TEA 1"}).get_data(as_text=True)
    assert "Tea time: $1.00 off" in html and "20% off the CBD store: $10.00 off" in html


def test_preview_names_an_unknown_sku(app, merchant, cbd):
    html = merchant.post("/admin/promotions/new", data={**FORM, "action": "preview", "sample": "NOPE 1"}).get_data(as_text=True)
    assert "Unknown SKU: NOPE." in html


def test_saving_warns_of_the_largest_combined_discount(app, merchant, cbd):
    # Both list "product": they compound, each on the original price (20% + 25%).
    _live("CBD weekend 25%", {"type": "percent_off", "percent": 25}, eligible={"departments": ["cbd"]},
          combines_with=["product", "order", "shipping"])
    response = merchant.post("/admin/promotions/new", data={**FORM, "combining": "chosen"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Combined with &#39;CBD weekend 25%&#39;, an order can get up to 45% off" in html


def test_the_form_leaves_stacking_at_the_safe_default_unless_the_merchant_chooses(app, merchant, cbd):
    merchant.post("/admin/promotions/new", data=FORM)
    assert "combines_with" not in _only_promotion().rule or _only_promotion().rule["combines_with"] is None
    html = merchant.get(f"/admin/promotions/{_only_promotion().id}/edit").get_data(as_text=True)
    assert '<option selected value="usual">' in html or 'value="usual" selected' in html


def test_the_form_keeps_the_kinds_a_merchant_ticks(app, merchant, cbd):
    merchant.post("/admin/promotions/new", data={**FORM, "combining": "chosen", "combines_with": ["order"]})
    assert _only_promotion().rule["combines_with"] == ["order"]


def test_a_product_promotion_left_at_the_default_does_not_stack_with_another(app, merchant, cbd):
    _live("CBD weekend 25%", {"type": "percent_off", "percent": 25}, eligible={"departments": ["cbd"]})
    html = merchant.post("/admin/promotions/new", data=FORM, follow_redirects=True).get_data(as_text=True)
    assert "an order can get up to" not in html


def test_an_exclusive_promotion_gets_no_stacking_warning(app, merchant, cbd):
    _live("CBD weekend 25%", {"type": "percent_off", "percent": 25}, eligible={"departments": ["cbd"]})
    html = merchant.post("/admin/promotions/new", data={**FORM, "stacking": "exclusive"}, follow_redirects=True).get_data(as_text=True)
    assert "an order can get up to" not in html


def test_saving_warns_when_an_item_could_sell_below_cost(app, merchant, cbd):
    html = merchant.post("/admin/promotions/new", data={**FORM, "percent": "50"}, follow_redirects=True).get_data(as_text=True)
    assert "Below cost" in html and "Product CBD-OIL could sell for $25, below its cost of $30" in html


def test_pause_resume_duplicate_and_end_are_audited(app, merchant, owner, cbd):
    merchant.post("/admin/promotions/new", data=FORM)
    promotion_id = _only_promotion().id
    for verb in ("pause", "resume", "duplicate", "end"):
        assert merchant.post(f"/admin/promotions/{promotion_id}/{verb}").status_code == 302
    actions = db.session.scalars(
        db.select(PromotionAuditEntry.action).where(PromotionAuditEntry.promotion_id == promotion_id)
        .order_by(PromotionAuditEntry.id)
    ).all()
    assert actions == ["create", "pause", "resume", "end_now"]
    copies = db.session.scalars(db.select(Promotion).where(Promotion.name == "Copy of 20% off the CBD store")).all()
    assert len(copies) == 1 and copies[0].status == "draft"


def test_the_audit_log_shows_who_changed_what(app, merchant, owner, cbd):
    merchant.post("/admin/promotions/new", data=FORM)
    promotion_id = _only_promotion().id
    merchant.post(f"/admin/promotions/{promotion_id}/edit", data={**FORM, "percent": "25"})
    html = merchant.get(f"/admin/promotions/{promotion_id}/audit").get_data(as_text=True)
    assert "by owner@example.com" in html
    assert "rule.benefit.percent" in html and "<td>20</td><td>25</td>" in html


def test_the_list_shows_status_codes_uses_and_search(app, merchant, cbd):
    data = {**FORM, "name": "Banner deal", "trigger": "code", "codes": "BNR41921", "departments": []}
    merchant.post("/admin/promotions/new", data=data, follow_redirects=True)
    merchant.post("/admin/promotions/new", data={**FORM, "status": "draft"}, follow_redirects=True)
    html = merchant.get("/admin/promotions?q=bnr41").get_data(as_text=True)
    assert "Banner deal" in html and "BNR41921" in html and "20% off the CBD store" not in html
    drafts = merchant.get("/admin/promotions?status=draft").get_data(as_text=True)
    assert "20% off the CBD store" in drafts and "Banner deal" not in drafts


def test_a_batch_of_codes_downloads_as_csv_from_its_job(app, merchant, cbd):
    merchant.post("/admin/promotions/new", data={**FORM, "trigger": "code", "codes": "", "departments": []})
    promotion_id = _only_promotion().id
    started = merchant.post(f"/admin/promotions/{promotion_id}/codes/generate",
                            data={"count": "25", "prefix": "vip", "length": "8", "usage_limit": "1"})
    assert started.status_code == 303
    job = merchant.get(started.headers["Location"] + ".json").get_json()
    assert job["status"] == "done" and job["result"] == "25 codes created."
    response = merchant.get(job["download_url"])
    assert response.mimetype == "text/csv"
    rows = response.get_data(as_text=True).strip().splitlines()
    codes = [row.split(",")[0] for row in rows[1:]]
    assert len(set(codes)) == 25 and all(c.startswith("VIP") and len(c) == 11 for c in codes)
    assert not set("01OI") & set("".join(c[3:] for c in codes))


def test_a_code_can_be_looked_up(app, merchant, cbd):
    merchant.post("/admin/promotions/new", data={**FORM, "trigger": "code", "codes": "SPRING10", "departments": []})
    html = merchant.get("/admin/promotions/codes/lookup?code=spring10").get_data(as_text=True)
    assert "20% off the CBD store" in html and "No orders used this code yet." in html


def test_marketing_can_create_promotions(app, as_marketer, cbd):
    assert as_marketer.post("/admin/promotions/new", data=FORM).status_code == 302
    entry = db.session.scalars(db.select(PromotionAuditEntry)).one()
    assert entry.actor == "marketing@example.com"
