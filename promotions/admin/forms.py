"""The promotion form: one fieldset per condition and benefit type, in the merchant's units.

Money is typed in dollars, dates in the store's time zone. `rule()` turns the form into
a rule-format document for promotions.schemas; `place_errors()` puts the schema's
messages back next to the fields they came from.
"""

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
from promotions.admin.fields import PercentField, TiersField

BENEFITS = [
    SelectChoice("percent_off", "Percentage off"),
    SelectChoice("amount_off_order", "Amount off the order (or the eligible items)"),
    SelectChoice("amount_off_each", "Amount off each eligible item"),
    SelectChoice("fixed_price_each", "Fixed price for each eligible item"),
    SelectChoice("buy_x_get_y", "Buy X, get Y"),
    SelectChoice("tiered", "Tiered: spend more, save more"),
    SelectChoice("shipping", "Shipping discount"),
    SelectChoice("free_gift", "Free gift (a product at $0)"),
]
CLASSES = [
    SelectChoice("product", "Item discounts"),
    SelectChoice("order", "Order discounts"),
    SelectChoice("shipping", "Shipping discounts"),
]
DAYS = [SelectChoice(d, d.capitalize()) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]


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
    # Benefit
    benefit_type = SelectField("Benefit", choices=BENEFITS, default="percent_off")
    percent = PercentField("Percent off")
    amount = DollarsField("Amount off ($)")
    price = DollarsField("Fixed price each ($)")
    buy = IntegerField("Buy", validators=[Optional()])
    get = IntegerField("Get", validators=[Optional()])
    get_percent = PercentField("…at this percent off", default=100)
    repeat = BooleanField("Repeat for every group", default=True)
    tiers = TiersField("Tiers", description="One a line: spend and discount, e.g. 100 10% or 200 $25")
    shipping_percent = PercentField("Percent off shipping", description="100 for free shipping")
    shipping_amount = DollarsField("Amount off shipping ($)")
    max_discount = DollarsField("Cap the discount at ($)")
    gift_sku = SelectField("Gift product", choices=[], validate_choice=False)
    gift_quantity = IntegerField("Gift quantity", default=1, validators=[Optional(), NumberRange(1, 100)])
    # Conditions
    min_subtotal = DollarsField("Minimum spend ($)")
    min_quantity = IntegerField("Minimum quantity", validators=[Optional()])
    first_order = BooleanField("First order only")
    customer_emails = ListField("Only these customers (emails)")
    window_days = CheckboxesField("Only on these days", choices=DAYS)
    window_start = StringField("From (HH:MM)", validators=[Optional()])
    window_end = StringField("Until (HH:MM)", validators=[Optional()])
    regions_include = ListField("Only shipping to", upper=True)
    regions_exclude = ListField("Not shipping to", upper=True)

    # schema path -> form field, for the messages the schema sends back
    BENEFIT_FIELDS = {
        "percent_off": {"percent": "percent"},
        "amount_off_order": {"amount_cents": "amount"},
        "amount_off_each": {"amount_cents": "amount"},
        "fixed_price_each": {"price_cents": "price"},
        "buy_x_get_y": {"buy": "buy", "get": "get", "percent": "get_percent"},
        "tiered": {"tiers": "tiers"},
        "shipping": {"percent": "shipping_percent", "amount_cents": "shipping_amount"},
        "free_gift": {"sku": "gift_sku", "quantity": "gift_quantity"},
    }
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

    # --- form <-> rule -------------------------------------------------------------------

    def _benefit(self) -> dict:
        kind = self.benefit_type.data
        benefit: dict = {"type": kind}
        if kind == "percent_off":
            benefit["percent"] = self.percent.data
        elif kind in ("amount_off_order", "amount_off_each"):
            benefit["amount_cents"] = self.amount.data
        elif kind == "fixed_price_each":
            benefit["price_cents"] = self.price.data
        elif kind == "buy_x_get_y":
            benefit.update(buy=self.buy.data, get=self.get.data, percent=self.get_percent.data or 100,
                           repeat=bool(self.repeat.data))
        elif kind == "tiered":
            benefit["tiers"] = self.tiers.data or []
        elif kind == "shipping":
            if self.shipping_amount.data is not None:
                benefit["amount_cents"] = self.shipping_amount.data
            else:
                benefit["percent"] = self.shipping_percent.data if self.shipping_percent.data is not None else 100
        elif kind == "free_gift":
            benefit.update(sku=self.gift_sku.data or None, quantity=self.gift_quantity.data or 1)
        if self.max_discount.data is not None and kind not in ("fixed_price_each", "free_gift"):
            benefit["max_discount_cents"] = self.max_discount.data
        return {key: value for key, value in benefit.items() if value is not None}

    def _conditions(self) -> list[tuple[str, dict]]:
        """(form field, condition) pairs, so a message finds its way back to the field."""
        found = []
        if self.min_subtotal.data is not None:
            found.append(("min_subtotal", {"type": "min_subtotal", "amount_cents": self.min_subtotal.data}))
        if self.min_quantity.data is not None:
            found.append(("min_quantity", {"type": "min_quantity", "quantity": self.min_quantity.data}))
        if self.first_order.data:
            found.append(("first_order", {"type": "first_order"}))
        if self.customer_emails.data:
            found.append(("customer_emails", {"type": "customer_emails", "emails": self.customer_emails.data}))
        if self.window_days.data or self.window_start.data or self.window_end.data:
            found.append(("window_days", {"type": "weekly_window", "days": self.window_days.data or [],
                                          "start": (self.window_start.data or "").strip(),
                                          "end": (self.window_end.data or "").strip()}))
        if self.regions_include.data or self.regions_exclude.data:
            found.append(("regions_include", {"type": "regions", "include": self.regions_include.data or [],
                                              "exclude": self.regions_exclude.data or []}))
        return found

    def rule(self) -> dict:
        """The form as a rule-format document (not yet validated by the schema)."""
        eligible = {name: getattr(self, name).data or [] for name in (
            "departments", "products", "tags", "exclude_departments", "exclude_products", "exclude_tags")}
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
        condition_fields = [name for name, _ in self._conditions()]
        benefit_fields = self.BENEFIT_FIELDS.get(self.benefit_type.data, {})
        for key, value in messages.items():
            if key == "benefit" and isinstance(value, dict):
                for inner, texts in value.items():
                    self._add(benefit_fields.get(inner, "benefit_type"), texts)
            elif key == "conditions" and isinstance(value, dict):
                for position, inner in value.items():
                    name = condition_fields[int(position)] if str(position).isdigit() and int(position) < len(condition_fields) else "min_subtotal"
                    self._add(name, inner)
            else:
                self._add(self.TOP_FIELDS.get(key, key), value)

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
        from datetime import datetime

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
        kind = self.benefit_type.data = benefit["type"]
        self.max_discount.data = benefit.get("max_discount_cents")
        if kind == "percent_off":
            self.percent.data = benefit["percent"]
        elif kind in ("amount_off_order", "amount_off_each"):
            self.amount.data = benefit["amount_cents"]
        elif kind == "fixed_price_each":
            self.price.data = benefit["price_cents"]
        elif kind == "buy_x_get_y":
            self.buy.data, self.get.data = benefit["buy"], benefit["get"]
            self.get_percent.data, self.repeat.data = benefit.get("percent", 100), benefit.get("repeat", True)
        elif kind == "tiered":
            self.tiers.data = benefit["tiers"]
        elif kind == "shipping":
            self.shipping_percent.data, self.shipping_amount.data = benefit.get("percent"), benefit.get("amount_cents")
        elif kind == "free_gift":
            self.gift_sku.data, self.gift_quantity.data = benefit["sku"], benefit.get("quantity", 1)
        for condition in rule.get("conditions") or []:
            kind = condition["type"]
            if kind == "min_subtotal":
                self.min_subtotal.data = condition["amount_cents"]
            elif kind == "min_quantity":
                self.min_quantity.data = condition["quantity"]
            elif kind == "first_order":
                self.first_order.data = True
            elif kind == "customer_emails":
                self.customer_emails.data = list(condition["emails"])
            elif kind == "weekly_window":
                self.window_days.data = list(condition["days"])
                self.window_start.data, self.window_end.data = condition["start"], condition["end"]
            elif kind == "regions":
                self.regions_include.data = list(condition.get("include") or [])
                self.regions_exclude.data = list(condition.get("exclude") or [])
