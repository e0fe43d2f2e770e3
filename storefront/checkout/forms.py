"""HTML form <-> schema plumbing: flat form fields to the nested request, and back for re-display."""

from core.fields import form_number
from storefront.checkout.idempotency import request_fingerprint

ADDRESS_FIELDS = ("name", "line1", "line2", "city", "region", "postal_code", "country")


def details_from(form) -> dict:
    """The details step's form as the DetailsSchema input (unknown form fields are ignored)."""
    return {
        "email": form.get("email", ""),
        "shipping_address": {name: form.get(name, "") for name in ADDRESS_FIELDS if name in form}
        | {"country": form.get("country") or "US"},
        "shipping_method": form.get("shipping_method", "standard"),
    }


def payment_from(form) -> dict:
    """The review step's card fields and what the shopper saw (fingerprint, total)."""
    return {
        "payment": {
            "card_number": form.get("card_number", ""),
            "exp_month": form_number(form.get("exp_month")),
            "exp_year": form_number(form.get("exp_year")),
            "cvc": form.get("cvc", ""),
        },
        "fingerprint": form.get("fingerprint") or None,
        "expected_total_cents": form_number(form.get("expected_total_cents")) or None,
    }


def flat_details(values: dict) -> dict:
    """Nested request values as the template's flat field values."""
    address = values.get("shipping_address") or {}
    return {"email": values.get("email", ""), "shipping_method": values.get("shipping_method", "standard")} | {
        name: address.get(name, "") for name in ADDRESS_FIELDS
    }


def flat_errors(messages: dict) -> dict:
    """{"shipping_address": {"region": [...]}} -> {"region": [...]} for per-field messages."""
    flat: dict = {}
    for name, value in (messages or {}).items():
        if isinstance(value, dict) and name in ("shipping_address", "payment"):
            flat.update(flat_errors(value))
        else:
            flat[name] = value if isinstance(value, list) else [str(value)]
    return flat


def form_fingerprint(cart_token: str, raw: dict) -> str:
    return request_fingerprint("web", cart_token, raw)
