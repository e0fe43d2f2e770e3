"""A cart's revision, status and item count by token: what page headers and caches need.

Read at most once per request per cart and, on PostgreSQL, only after the cart changed
(storefront.change_feed): a cached cart page or cart answer costs no query there.
"""

from dataclasses import dataclass

from flask import g
from sqlalchemy import bindparam, func, select

from storefront.cart.models import Cart, CartLine, CartStatus
from storefront.change_feed import CARTS, ChangeFeed, current_feed
from storefront.quick_reads import quick_rows


@dataclass(frozen=True, slots=True)
class CartState:
    revision: int
    status: str
    item_count: int

    @property
    def is_open(self) -> bool:
        return self.status == CartStatus.OPEN

    @property
    def stamp(self) -> tuple:
        """What a priced view of the cart depends on, of the cart itself."""
        return (self.revision, self.status)


_BY_TOKEN = Cart.token == bindparam("token")
# As columns, so the page cache can read them in the same query as the store's versions.
CART_STATE_COLUMNS = (
    select(Cart.revision).where(_BY_TOKEN).scalar_subquery(),
    select(Cart.status).where(_BY_TOKEN).scalar_subquery(),
    select(func.coalesce(func.sum(CartLine.quantity), 0))
    .join(Cart, Cart.id == CartLine.cart_id)
    .where(_BY_TOKEN)
    .scalar_subquery(),
)
_CART_STATE = select(*CART_STATE_COLUMNS)
_MEMO = "cart_states"


def _memo() -> dict:
    if _MEMO not in g:
        setattr(g, _MEMO, {})
    return g.get(_MEMO)


def state_known(token: str) -> bool:
    """True when this request has read the cart already or this worker remembers it."""
    if token in _memo():
        return True
    feed = current_feed()
    return feed is not None and feed.lookup(CARTS, token)[0]


def remember_state(token: str, row, feed: ChangeFeed | None, generation: int | None) -> CartState | None:
    """Keep a state read (alone or with other columns); `feed` keeps it if `generation` holds."""
    revision, status, count = row
    state = None if revision is None else CartState(revision, str(status), int(count))
    _memo()[token] = state
    if feed is not None:
        feed.remember(CARTS, token, state, generation)
    return state


def cart_state(token: str) -> CartState | None:
    """The state of the cart with `token`, None when there is none."""
    memo = _memo()
    if token not in memo:
        feed = current_feed()
        found, state = feed.lookup(CARTS, token) if feed else (False, None)
        if found:
            memo[token] = state
        else:
            generation = feed.generation if feed else None
            remember_state(token, quick_rows(_CART_STATE, {"token": token})[0], feed, generation)
    return memo[token]
