"""Imports every model so metadata (and Alembic) sees the whole schema."""

from catalog.models import Department, Product  # noqa: F401
from storefront.accounts.models import User  # noqa: F401
from storefront.cart.models import Cart, CartLine  # noqa: F401
