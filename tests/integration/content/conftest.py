"""The demo article (156 votes averaging 4.35, four approved comments) for tests that want it."""

import pytest

from core.extensions import db
from storefront.content.seed import seed_articles


@pytest.fixture
def demo_article(app):
    article = seed_articles()
    db.session.commit()
    return article
