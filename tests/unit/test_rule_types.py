"""A rule type is one unit: every engine condition and benefit has its schema, its form
entry and its template fragment. A newcomer who adds a type is told here what is missing."""

from pathlib import Path

import pytest

from promotions.admin.rule_fields import BENEFIT_FORMS, CONDITION_FORMS
from promotions.engine.benefits import BENEFITS
from promotions.engine.conditions import CONDITIONS
from promotions.schemas import BENEFIT_SCHEMAS, CONDITION_SCHEMAS

FRAGMENTS = Path(__file__).resolve().parents[2] / "templates" / "admin" / "promotions" / "rules"
KINDS = {
    "condition": (CONDITIONS, CONDITION_SCHEMAS, CONDITION_FORMS),
    "benefit": (BENEFITS, BENEFIT_SCHEMAS, BENEFIT_FORMS),
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_engine_type_has_a_schema_a_form_entry_and_a_template_fragment(kind):
    engine, schemas, forms = KINDS[kind]
    missing = {
        "schema (promotions/schemas, @rule_schema)": set(engine) - set(schemas),
        "form entry (promotions/admin/rule_fields.py)": set(engine) - set(forms),
        "template fragment (templates/admin/promotions/rules/<type>.html)": {
            name for name in engine if not (FRAGMENTS / f"{name}.html").is_file()
        },
    }
    assert {place: sorted(names) for place, names in missing.items() if names} == {}


@pytest.mark.parametrize("kind", KINDS)
def test_no_schema_or_form_entry_outlives_its_engine_type(kind):
    engine, schemas, forms = KINDS[kind]
    assert set(schemas) - set(engine) == set()
    assert set(forms) - set(engine) == set()


def test_every_template_fragment_belongs_to_a_type():
    fragments = {path.stem for path in FRAGMENTS.glob("*.html")}
    assert fragments - set(CONDITIONS) - set(BENEFITS) == set()
