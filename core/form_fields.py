"""WTForms fields for what staff type: dollars kept as cents, comma-separated lists.

Here, not in storefront, because the admin forms of catalog and promotions both use them.
"""

import re

from marshmallow import ValidationError
from wtforms import SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from core.fields import Dollars

_DOLLARS = Dollars()
_SPLIT = re.compile(r"[,\s]+")


class DollarsField(StringField):
    """Typed as "12.50" (or "$12.50"); `data` is integer cents, or None when left blank."""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        try:
            self.data = _DOLLARS.deserialize(self.raw)
        except ValidationError as error:
            self.data = None
            raise ValueError(error.messages[0]) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data / 100:.2f}"


class ListField(StringField):
    """A comma- or space-separated list; `data` is a list of trimmed words."""

    def __init__(self, *args, upper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upper = upper

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        words = [word for word in _SPLIT.split(text.strip()) if word]
        self.data = [word.upper() if self.upper else word.lower() for word in words]

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return ", ".join(self.data or [])


class CheckboxesField(SelectMultipleField):
    """A short multiple choice as a row of checkboxes: every option visible, no Ctrl-click."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
