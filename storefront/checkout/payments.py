"""Payment providers: authorise before the order commits, void if it then fails.

A real processor plugs in by implementing `PaymentProvider` (authorize, void) and naming
its factory in config: `PAYMENT_PROVIDER = "mypackage.stripe:StripeProvider"`. The class is
built with the app config, receives the card only for the length of `authorize`, and returns
an `Authorization`; the store keeps the authorisation id, the brand and the last four digits.
"""

import importlib
import secrets
from dataclasses import dataclass
from typing import Protocol

from flask import current_app

from core.errors import StoreError


@dataclass(frozen=True, slots=True)
class Card:
    number: str
    exp_month: int
    exp_year: int
    cvc: str

    @property
    def last4(self) -> str:
        return self.number[-4:]

    @property
    def brand(self) -> str:
        return card_brand(self.number)


@dataclass(frozen=True, slots=True)
class Authorization:
    provider: str
    authorization_id: str
    amount_cents: int
    brand: str
    last4: str


class PaymentDeclined(StoreError):
    """The processor said no; nothing was reserved and nothing was charged."""

    status = 402
    code = "payment_declined"

    def __init__(self, message: str = "Your card was declined. Please use a different card."):
        super().__init__(message, fields={"payment": [message]})


class InsufficientFunds(PaymentDeclined):
    code = "insufficient_funds"

    def __init__(self):
        super().__init__("Your card has insufficient funds. Please use a different card.")


class PaymentProvider(Protocol):
    name: str

    def authorize(self, card: Card, amount_cents: int, *, reference: str) -> Authorization: ...

    def void(self, authorization_id: str) -> None: ...


def card_brand(number: str) -> str:
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or "2221" <= number[:4] <= "2720":
        return "mastercard"
    if number[:2] in {"34", "37"}:
        return "amex"
    if number.startswith("6011") or number.startswith("65"):
        return "discover"
    return "card"


class TestCardProvider:
    """Behaves like a processor's test mode: fixed card numbers give fixed outcomes."""

    __test__ = False  # not a pytest class
    name = "test"
    DECLINED = "4000000000000002"
    INSUFFICIENT_FUNDS = "4000000000009995"

    def __init__(self, config=None):
        self.voided: list[str] = []

    def authorize(self, card: Card, amount_cents: int, *, reference: str) -> Authorization:
        if card.number == self.DECLINED:
            raise PaymentDeclined()
        if card.number == self.INSUFFICIENT_FUNDS:
            raise InsufficientFunds()
        return Authorization(
            provider=self.name,
            authorization_id=f"test_auth_{secrets.token_hex(8)}",
            amount_cents=amount_cents,
            brand=card.brand,
            last4=card.last4,
        )

    def void(self, authorization_id: str) -> None:
        self.voided.append(authorization_id)


def provider() -> PaymentProvider:
    """The app's provider, built once per app from `PAYMENT_PROVIDER` ("module:Class")."""
    app = current_app._get_current_object()
    built = app.extensions.get("payment_provider")
    if built is None:
        spec = app.config.get("PAYMENT_PROVIDER", "storefront.checkout.payments:TestCardProvider")
        module_name, _, class_name = spec.partition(":")
        built = getattr(importlib.import_module(module_name), class_name)(app.config)
        app.extensions["payment_provider"] = built
    return built
