"""The promotion form, in the merchant's units: money in dollars, dates in the store's time zone.

`rule()` turns the form into a rule-format document for promotions.schemas;
`place_errors()` puts the schema's messages back next to the fields they came from;
`load_rule()` fills the form from a stored rule. The fields of each condition and benefit
type, and how they map to the rule, come from the table in promotions.admin.rule_fields.
"""

from datetime import datetime

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.form_fields import CheckboxesField, DollarsField, ListField
from core.timezone import from_local, to_local
from promotions.admin.rule_fields import BENEFIT_FORMS, CONDITION_FORMS, RuleForm, with_rule_fields

CLASSES = [
    SelectChoice("product", "Item discounts"),
    SelectChoice("order", "Order discounts"),
    SelectChoice("shipping", "Shipping discounts"),
]
ELIGIBLE = ("departments", "products", "tags", "exclude_departments", "exclude_products", "exclude_tags")


@with_rule_fields
class PromotionForm(FlaskForm):
    # About
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    description = TextAreaField("Description (for staff)", validators=[Length(max=5000)])
    terms = TextAreaField("Terms shoppers see", validators=[Length(max=5000)])
    status = SelectField("Status", choices=[SelectChoice("draft", "Draft"), SelectChoice("active", "Active"), SelectChoice("paused", "Paused")], default="draft")
    # How it switches on
    trigger = SelectField("Applies", choices=[SelectChoice("automatic", "Automatically"), SelectChoice("code", "With a code")], default="automatic")
    codes = ListField("Public codes", upper=True, description="Comma-separated, e.g. BNR41921")
    priority = IntegerField("Priority", default=0, validators=[Optional(), NumberRange(-1_000_000, 1_000_000)],
                            description="Higher goes first and wins ties.")
    stacking = SelectField("Stacking", choices=[SelectChoice("combinable", "Can combine with other offers"), SelectChoice("exclusive", "Exclusive: never combined")], default="combinable")
    combining = SelectField("Combines with", choices=[
        SelectChoice("usual", "The usual for its kind: product discounts never stack on one another; order and shipping discounts combine with everything"),
        SelectChoice("chosen", "Only the kinds I tick"),
    ], default="usual")
    combines_with = CheckboxesField("Kinds it combines with", choices=CLASSES, default=[c.value for c in CLASSES])
    starts_at = DateTimeLocalField("Starts", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    ends_at = DateTimeLocalField("Ends", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    usage_limit = IntegerField("Total uses allowed", validators=[Optional(), NumberRange(1)])
    usage_limit_per_customer = IntegerField("Uses per customer", validators=[Optional(), NumberRange(1)])
    budget = DollarsField("Budget ($ of discounts)")
    banner = StringField("Banner text", validators=[Optional(), Length(max=200)])
    show_in_banner = BooleanField("Show in the site banner")
    # Which items
    departments = SelectMultipleField("Departments", choices=[])
    products = SelectMultipleField("Products", choices=[])
    tags = SelectMultipleField("Tags", choices=[])
    exclude_departments = SelectMultipleField("Except departments", choices=[])
    exclude_products = SelectMultipleField("Except products", choices=[])
    exclude_tags = SelectMultipleField("Except tags", choices=[])
    # What the shopper gets, and under which conditions: each type's own fields come from
    # the rule_fields table (@with_rule_fields); these are the ones every benefit shares.
    benefit_type = SelectField(
        "Benefit", choices=[SelectChoice(name, entry.label) for name, entry in BENEFIT_FORMS.items()],
        default=next(iter(BENEFIT_FORMS)),
    )
    max_discount = DollarsField("Cap the discount at ($)")

    benefit_forms = BENEFIT_FORMS
    condition_forms = CONDITION_FORMS
    capped_benefits = " ".join(name for name, entry in BENEFIT_FORMS.items() if entry.capped)
    TOP_FIELDS = {"budget_cents": "budget", "eligible": "departments", "benefit": "benefit_type"}

    def set_choices(self, departments, products, tags) -> None:
        department_choices = [SelectChoice(d.slug, d.name) for d in departments]
        product_choices = [SelectChoice(p.sku, f"{p.name} ({p.sku})") for p in products]
        tag_choices = [SelectChoice(t) for t in tags]
        for field, choices in (
            (self.departments, department_choices), (self.exclude_departments, department_choices),
            (self.products, product_choices), (self.exclude_products, product_choices),
            (self.tags, tag_choices), (self.exclude_tags, tag_choices),
        ):
            field.choices = choices
        self.gift_sku.choices = [SelectChoice("", "Choose the product to give"), *product_choices]

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError("The end must be after the start.")

    # --- form <-> rule, through the rule_fields table ---------------------------------

    def _benefit_form(self) -> RuleForm:
        return BENEFIT_FORMS[self.benefit_type.data]

    def _benefit(self) -> dict:
        entry = self._benefit_form()
        benefit = {"type": self.benefit_type.data, **entry.read(self)}
        if entry.capped and self.max_discount.data is not None:
            benefit["max_discount_cents"] = self.max_discount.data
        return benefit

    def _conditions(self) -> list[tuple[RuleForm, dict]]:
        """(table entry, condition) pairs, so a message finds its way back to its field."""
        return [
            (entry, {"type": name, **entry.read(self)})
            for name, entry in CONDITION_FORMS.items()
            if entry.present(self)
        ]

    def rule(self) -> dict:
        """The form as a rule-format document (not yet validated by the schema)."""
        eligible = {name: self[name].data or [] for name in ELIGIBLE}
        banner = (self.banner.data or "").strip() or None
        return {
            "name": (self.name.data or "").strip(),
            "description": self.description.data or "",
            "terms": self.terms.data or "",
            "trigger": self.trigger.data,
            "codes": self.codes.data if self.trigger.data == "code" else [],
            "priority": self.priority.data or 0,
            "stacking": self.stacking.data,
            "combines_with": list(self.combines_with.data or []) if self.combining.data == "chosen" else None,
            "starts_at": from_local(self.starts_at.data).isoformat() if self.starts_at.data else None,
            "ends_at": from_local(self.ends_at.data).isoformat() if self.ends_at.data else None,
            "usage_limit": self.usage_limit.data,
            "usage_limit_per_customer": self.usage_limit_per_customer.data,
            "budget_cents": self.budget.data,
            "banner": banner,
            "show_in_banner": bool(self.show_in_banner.data and banner),
            "eligible": {key: value for key, value in eligible.items() if value},
            "conditions": [condition for _, condition in self._conditions()],
            "benefit": self._benefit(),
        }

    def place_errors(self, messages: dict) -> None:
        """Schema messages (nested by rule path) -> the form fields they belong to."""
        conditions = [entry for entry, _ in self._conditions()]
        for key, value in messages.items():
            if key == "benefit" and isinstance(value, dict):
                for inner, texts in value.items():
                    self._add(self._benefit_field(inner), texts)
            elif key == "conditions" and isinstance(value, dict):
                for position, inner in value.items():
                    self._place_condition(conditions, position, inner)
            else:
                self._add(self.TOP_FIELDS.get(key, key), value)

    def _benefit_field(self, key: str) -> str:
        if key == "max_discount_cents":
            return "max_discount"
        param = self._benefit_form().params.get(key)
        return param.name if param else "benefit_type"

    def _place_condition(self, conditions: list[RuleForm], position, messages) -> None:
        """Messages of the condition at `position`, next to the fields of its type."""
        index = int(position) if str(position).isdigit() else len(conditions)
        if index >= len(conditions):
            self._add("name", messages)
            return
        for key, texts in messages.items() if isinstance(messages, dict) else [(None, messages)]:
            self._add(conditions[index].field_for(key), texts)

    def _add(self, name: str, texts) -> None:
        field = getattr(self, name, None) or self.name
        flat = []
        stack = [texts]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(reversed(item))
            else:
                flat.append(str(item))
        field.errors = list(field.errors) + flat

    def load_rule(self, rule: dict, status: str) -> None:
        """Fill the form from a stored rule (GET of the edit page)."""
        self.name.data, self.description.data, self.terms.data = rule["name"], rule.get("description", ""), rule.get("terms", "")
        self.status.data = status if status in ("draft", "active", "paused") else "paused"
        self.trigger.data, self.codes.data = rule["trigger"], list(rule.get("codes") or [])
        self.priority.data, self.stacking.data = rule.get("priority", 0), rule.get("stacking", "combinable")
        combines = rule.get("combines_with")
        self.combining.data = "usual" if combines is None else "chosen"
        self.combines_with.data = [c.value for c in CLASSES] if combines is None else list(combines)
        for name in ("starts_at", "ends_at"):
            value = rule.get(name)
            getattr(self, name).data = to_local(datetime.fromisoformat(value)).replace(tzinfo=None) if value else None
        self.usage_limit.data = rule.get("usage_limit")
        self.usage_limit_per_customer.data = rule.get("usage_limit_per_customer")
        self.budget.data = rule.get("budget_cents")
        self.banner.data, self.show_in_banner.data = rule.get("banner"), bool(rule.get("show_in_banner"))
        for key, value in (rule.get("eligible") or {}).items():
            getattr(self, key).data = list(value)
        benefit = rule["benefit"]
        self.benefit_type.data = benefit["type"]
        self.max_discount.data = benefit.get("max_discount_cents")
        BENEFIT_FORMS[benefit["type"]].write(self, benefit)
        for condition in rule.get("conditions") or []:
            CONDITION_FORMS[condition["type"]].write(self, condition)
