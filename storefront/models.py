"""Imports every model so metadata (and Alembic) sees the whole schema."""

from catalog.models import CatalogVersion, Department, Product  # noqa: F401
from promotions.models import (  # noqa: F401
    Promotion,
    PromotionAuditEntry,
    PromotionCode,
    PromotionCustomerUse,
    PromotionVersion,
)
from storefront.accounts.models import User  # noqa: F401
from storefront.accounts.tokens import ApiToken  # noqa: F401
from storefront.cart.models import Cart, CartLine  # noqa: F401
from storefront.checkout.models import (  # noqa: F401
    IdempotencyKey,
    Order,
    OrderDiscount,
    OrderLine,
    Payment,
)
from storefront.content.models import Article, Comment, ContentVersion, Rating  # noqa: F401
from storefront.jobs.models import Job, StagedCode  # noqa: F401
from storefront.mail.models import OutboxMessage  # noqa: F401
