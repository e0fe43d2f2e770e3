"""The site banner: the highest-priority banner promotion that is live right now.

Chosen from the compiled promotions (no promotion rows read); a banner promotion with
a global usage limit or budget costs one small counters query to make sure it is not
used up. No live banner promotion, no banner.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from promotions.compile import CompiledPromotions, compiled_promotions
from promotions.engine import PromotionUsage
from promotions.usage import load_usage

log = logging.getLogger(__name__)
_NO_USAGE = PromotionUsage()


@dataclass(frozen=True, slots=True)
class SiteBanner:
    """What templates/_banner.html renders: "{text}* • Use code {code}", the `*` linking to
    the promotion's terms (routed when the banner is rendered, once per process: the chrome
    keeps it, storefront/chrome.py)."""

    promotion_id: int
    text: str
    code: str | None


def current_banner(
    now: datetime | None = None, promotions: CompiledPromotions | None = None
) -> SiteBanner | None:
    """The banner now; `promotions` when the caller has them already (no version read)."""
    now = now or datetime.now(UTC)
    live = [
        offer
        for offer in (promotions or compiled_promotions()).banners
        if (offer.promotion.starts_at is None or offer.promotion.starts_at <= now)
        and (offer.promotion.ends_at is None or now < offer.promotion.ends_at)
    ]
    if not live:
        return None
    usage = load_usage((offer.promotion for offer in live), (), None)
    for offer in live:
        promotion = offer.promotion
        used = usage.get(promotion.id, _NO_USAGE)
        if promotion.usage_limit is not None and used.uses >= promotion.usage_limit:
            continue
        if promotion.budget_cents is not None and used.given_cents >= promotion.budget_cents:
            continue
        return SiteBanner(promotion_id=promotion.id, text=offer.text, code=offer.code)
    return None


def safe_banner(promotions: CompiledPromotions | None = None) -> SiteBanner | None:
    """The banner, or None when the database can't say (an error page must still render)."""
    try:
        return current_banner(promotions=promotions)
    except SQLAlchemyError:
        log.exception("Could not load the site banner")
        return None

