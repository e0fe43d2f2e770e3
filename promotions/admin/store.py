"""What the promotions admin borrows from the rest of the store.

Products and departments belong to catalog, shipping rates, orders and the job queue to
storefront; promotions imports neither (import-linter). Rather than pull those internals
down into core, the app factory hands the admin these few functions when it builds the app
(`plug_in`); the admin asks for them per request (`store()`), so it holds on to no app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from flask import Flask, current_app

_STORE = "promotions_admin_store"


class CodeUse(NamedTuple):
    """An order that used a code, as the code lookup lists it."""

    number: str
    placed_at: datetime
    status: str
    email: str
    discount_cents: int


@dataclass(frozen=True, slots=True)
class Store:
    # Catalog: departments in menu order; every product (inactive too) by name; products by SKU.
    # Products have sku, name, price_cents, cost_cents, tags, active, department (slug, name).
    departments: Callable[[], Sequence]
    products: Callable[[], Sequence]
    products_by_skus: Callable[[list[str]], Sequence]
    # Standard shipping for a cart with (True) or without items: the preview prices it too.
    shipping_cents: Callable[[bool], int]
    # The latest orders (at most 200) that used this code, newest first.
    code_uses: Callable[[str], Sequence[CodeUse]]
    # Queue a batch of codes: (promotion_id, count, *, prefix, length, usage_limit, actor) -> job id;
    # refuses with core.errors.JobAlreadyRunning while the promotion's last batch still runs.
    start_code_batch: Callable[..., int]
    # The queued or running batch job of a promotion, if any.
    running_code_batch: Callable[[int], int | None]


def plug_in(app: Flask, store: Store) -> None:
    app.extensions[_STORE] = store


def store() -> Store:
    return current_app.extensions[_STORE]
