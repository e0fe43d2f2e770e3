"""Finding a customer's rows by email in SQL, by the rule of `promotions.engine.customer_key`.

Addresses are stored as typed (lower-cased), `+tag` and all, so mail reaches the mailbox the
shopper chose; matching ignores the tag, so `ada+1@example.com` is Ada for limits, first-order
offers, sign-in and finding a guest order.
"""

from sqlalchemy import ColumnElement, func, or_

from promotions.engine import customer_key


def _like_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def same_customer(column, email: str) -> ColumnElement[bool]:
    """`column` holds an address of the customer `email` stands for: itself or with any +tag."""
    key = customer_key(email) or ""
    lowered = func.lower(column)
    local, at, domain = key.rpartition("@")
    if not at:
        return lowered == key
    tagged = f"{_like_literal(local)}+%@{_like_literal(domain)}"
    return or_(lowered == key, lowered.like(tagged, escape="\\"))


def is_same_customer(first: str | None, second: str | None) -> bool:
    key = customer_key(first)
    return key is not None and key == customer_key(second)
