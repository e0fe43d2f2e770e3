"""The promotion form's table of rule types: which fields each condition and benefit has.

One entry per engine type name (promotions.engine's CONDITIONS and BENEFITS): the form
fields it adds to PromotionForm, the rule key each one fills, and how an empty field
reads. PromotionForm reads, writes and places schema messages through this table only,
and templates/admin/promotions/rules/<type>.html renders each entry's fields.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import NumberRange, Optional

from core.form_fields import CheckboxesField, DollarsField, ListField
from promotions.admin.fields import PercentField, TiersField

__all__ = ["BENEFIT_FORMS", "CONDITION_FORMS", "Param", "RuleForm", "with_rule_fields"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Param:
    """One rule parameter typed into one form field."""

    name: str  # the form field's name (and the HTML id the template and tests use)
    field: UnboundField
    default: Any = None  # what an empty field puts in the rule; None leaves the key out
    default_unless: str | None = None  # ...unless this other parameter was given


@dataclass(frozen=True, slots=True)
class RuleForm:
    """How one rule type reads from and writes to the promotion form."""

    params: Mapping[str, Param] = field(default_factory=dict)  # rule key -> form field
    label: str = ""  # benefits: the choice in the "Benefit" menu
    capped: bool = False  # benefits: the merchant may cap the discount
    switch: Param | None = None  # conditions without parameters: the checkbox that sets them

    @property
    def fields(self) -> tuple[Param, ...]:
        """Every form field of the type; the first takes messages that name none of them."""
        return ((self.switch,) if self.switch else ()) + tuple(self.params.values())

    def present(self, form) -> bool:
        """A condition is in the rule when its switch is ticked or any of its fields is filled."""
        values = (form[param.name].data for param in self.fields)
        return any(value is not False and not _blank(value) for value in values)

    def read(self, form) -> dict[str, Any]:
        """The type's parameters as the rule format has them (not yet validated)."""
        rule: dict[str, Any] = {}
        for key, param in self.params.items():
            value = form[param.name].data
            if isinstance(value, str):
                value = value.strip()
            if _blank(value):
                value = None if param.default_unless in rule else param.default
            if value is not None:
                rule[key] = value
        return rule

    def write(self, form, data: Mapping[str, Any]) -> None:
        """Fill the type's fields from a stored rule's condition or benefit."""
        if self.switch:
            form[self.switch.name].data = True
        for key, param in self.params.items():
            value = data.get(key)
            form[param.name].data = list(value) if isinstance(value, list) else value

    def field_for(self, key: str | None) -> str:
        """The form field a schema message about rule key `key` belongs next to."""
        param = self.params.get(key)
        return (param or self.fields[0]).name


def _blank(value: Any) -> bool:
    """Nothing typed: False (an unticked box) is a value, 0 too."""
    return value is None or value == "" or value == []


def _dollars(name: str, label: str) -> Param:
    return Param(name, DollarsField(label))


def _percent(name: str, label: str, **kwargs) -> Param:
    return Param(name, PercentField(label, **kwargs))


def _whole(name: str, label: str) -> Param:
    return Param(name, IntegerField(label, validators=[Optional()]))


# Benefits, in the order of the "Benefit" menu (the first is the default).
BENEFIT_FORMS: dict[str, RuleForm] = {
    "percent_off": RuleForm(
        {"percent": _percent("percent", "Percent off")}, "Percentage off", capped=True
    ),
    "amount_off_order": RuleForm(
        {"amount_cents": _dollars("amount", "Amount off ($)")},
        "Amount off the order (or the eligible items)", capped=True,
    ),
    "amount_off_each": RuleForm(
        {"amount_cents": _dollars("amount_each", "Amount off each item ($)")},
        "Amount off each eligible item", capped=True,
    ),
    "fixed_price_each": RuleForm(
        {"price_cents": _dollars("price", "Fixed price each ($)")}, "Fixed price for each eligible item"
    ),
    "buy_x_get_y": RuleForm(
        {
            "buy": _whole("buy", "Buy"),
            "get": _whole("get", "Get"),
            "percent": _percent("get_percent", "…at this percent off", default=100),
            "repeat": Param("repeat", BooleanField("Repeat for every group", default=True)),
        },
        "Buy X, get Y", capped=True,
    ),
    "tiered": RuleForm(
        {"tiers": Param("tiers", TiersField(
            "Tiers", description="One a line: spend and discount, e.g. 100 10% or 200 $25"), default=[])},
        "Tiered: spend more, save more", capped=True,
    ),
    "shipping": RuleForm(
        {
            "amount_cents": _dollars("shipping_amount", "Amount off shipping ($)"),
            "percent": Param(
                "shipping_percent",
                PercentField("Percent off shipping", description="100 for free shipping"),
                default=100, default_unless="amount_cents",
            ),
        },
        "Shipping discount", capped=True,
    ),
    "free_gift": RuleForm(
        {
            # Choices (the catalog's products) are set per request: PromotionForm.set_choices.
            "sku": Param("gift_sku", SelectField("Gift product", choices=[], validate_choice=False)),
            "quantity": Param(
                "gift_quantity",
                IntegerField("Gift quantity", default=1, validators=[Optional(), NumberRange(1, 100)]),
                default=1,
            ),
        },
        "Free gift (a product at $0)",
    ),
}

# Conditions, in the order the form shows them; every one filled in must be met.
CONDITION_FORMS: dict[str, RuleForm] = {
    "min_subtotal": RuleForm({"amount_cents": _dollars("min_subtotal", "Minimum spend ($)")}),
    "min_quantity": RuleForm({"quantity": _whole("min_quantity", "Minimum quantity")}),
    "first_order": RuleForm(switch=Param("first_order", BooleanField("First order only"))),
    "customer_emails": RuleForm(
        {"emails": Param("customer_emails", ListField("Only these customers (emails)"))}
    ),
    "weekly_window": RuleForm({
        "days": Param("window_days", CheckboxesField(
            "Only on these days", choices=[SelectChoice(day, day.capitalize()) for day in DAYS]), default=[]),
        "start": Param("window_start", StringField("From (HH:MM)", validators=[Optional()]), default=""),
        "end": Param("window_end", StringField("Until (HH:MM)", validators=[Optional()]), default=""),
    }),
    "regions": RuleForm({
        "include": Param("regions_include", ListField("Only shipping to", upper=True), default=[]),
        "exclude": Param("regions_exclude", ListField("Not shipping to", upper=True), default=[]),
    }),
}


def with_rule_fields(form_class: type) -> type:
    """Class decorator: give the promotion form every field the table declares."""
    seen: set[str] = set()
    for entry in (*BENEFIT_FORMS.values(), *CONDITION_FORMS.values()):
        for param in entry.fields:
            if param.name in seen or hasattr(form_class, param.name):
                raise ValueError(f"two rule types (or the form) declare the field {param.name!r}")
            seen.add(param.name)
            setattr(form_class, param.name, param.field)
    return form_class
