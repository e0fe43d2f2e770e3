"""The demo store: every area seeds its part, once, into an empty database."""

from sqlalchemy import select

from catalog.models import Department
from catalog.seed import seed_catalog
from core.extensions import db
from promotions.seed import seed_promotions
from storefront.content.seed import seed_articles


def is_seeded() -> bool:
    return db.session.scalar(select(Department.id).limit(1)) is not None


def seed_demo_store() -> bool:
    """Fill an empty database with the demo store; False when it was already seeded."""
    if is_seeded():
        return False
    seed_catalog()
    seed_articles()
    db.session.commit()
    seed_promotions()
    return True
