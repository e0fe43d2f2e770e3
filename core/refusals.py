"""Views try a change and show why it was refused, one way.

A schema's ValidationError and a service's StoreError are the two refusals a person can act
on. `attempt()` runs the change and turns either into one `Refusal`, so a view decides only
where to show it: re-rendered in its page, or, on admin forms, `show_on_form` (messages
beside the fields, the service's sentence flashed).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar

from flask import flash
from marshmallow import ValidationError

from core.errors import StoreError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Refusal:
    message: str | None  # the service's sentence; None from a schema, whose messages are by field
    fields: dict
    status: int
    headers: tuple[tuple[str, str], ...] = ()  # a 503 keeps its Retry-After


def attempt(
    change: Callable[[], T], *, passing: tuple[type[Exception], ...] = ()
) -> tuple[T | None, Refusal | None]:
    """(what `change` returned, None), or (None, why it was refused); `passing` errors
    propagate for the caller to answer in its own way."""
    try:
        return change(), None
    except passing:
        raise
    except ValidationError as error:
        return None, Refusal(None, error.messages, 422)
    except StoreError as error:
        return None, Refusal(error.message, error.fields, error.status, error.headers)


class PlacesErrors(Protocol):
    def place_errors(self, messages: dict) -> None: ...


def show_on_form(form: PlacesErrors, refused: Refusal) -> None:
    """Messages beside the form's fields, and the service's sentence flashed above them."""
    form.place_errors(refused.fields)
    if refused.message:
        flash(refused.message, "error")


class FieldErrors:
    """Form mixin: a message lands beside the field of the same name, or the one `FIELD_NAMES`
    maps it to (schema `price_cents` -> form `price`); one without a field is flashed."""

    FIELD_NAMES: ClassVar[dict[str, str]] = {}

    def place_errors(self, messages: dict) -> None:
        for name, texts in messages.items():
            field = getattr(self, self.FIELD_NAMES.get(name, name), None)
            if field is not None and isinstance(texts, list):
                field.errors = list(field.errors) + [str(text) for text in texts]
            else:
                flash(f"{name}: {texts}", "error")
