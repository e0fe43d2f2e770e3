"""Promotion rows -> engine objects -> a PromotionIndex, cached per process and per app.

The cache is keyed by the promotions version (`promotion_version`), which every write to
promotions or codes moves (core.versions). Reading it costs one tiny query; the
promotion and code rows are read again only when it changed, so pricing a cart reads no
promotion rows. Usage counters are read apart from the cache (`promotions.usage` loads
them for the few candidates of a cart), so they are current even between rebuilds.
"""

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from core.extensions import db
from core.versions import read_versions
from promotions.engine import (
    Code,
    DiscountClass,
    Promotion,
    PromotionIndex,
    RuleError,
    Trigger,
    next_change,
    promotion_from_rule,
)
from promotions.models import Promotion as PromotionRow
from promotions.models import PromotionCode, PromotionStatus

log = logging.getLogger(__name__)

EXTENSION_KEY = "promotions.compiled"


@dataclass(frozen=True, slots=True)
class BannerOffer:
    """A promotion that asked to be in the site banner."""

    promotion: Promotion
    text: str
    code: str | None


@dataclass(frozen=True, slots=True)
class CompiledPromotions:
    """Everything pricing, the banner and sale prices need, built from one catalog version."""

    version: int
    index: PromotionIndex  # every active promotion that has not ended
    sale_index: PromotionIndex  # automatic product-class ones: they change shelf prices
    banners: tuple[BannerOffer, ...]  # by priority

    def fresh_until(self, now: datetime) -> datetime | None:
        """Until when prices made now stay right, as far as the clock goes (None: for good)."""
        return next_change(self.index.promotions, now)


class _Cache:
    def __init__(self) -> None:
        self.compiled: CompiledPromotions | None = None
        self.lock = threading.Lock()
        self.builds = 0  # how often rows were read (tests and diagnostics)


def init_app(app) -> None:
    """Give `app` its (empty) cache of compiled promotions."""
    app.extensions[EXTENSION_KEY] = _Cache()


def _cache() -> _Cache:
    return current_app.extensions[EXTENSION_KEY]


def current_version() -> int:
    """The promotions version: the one query pricing makes about promotions (core.versions
    reads every counter at once, alone when no transaction is going)."""
    return read_versions()[0]


def compiled_promotions(version: int | None = None) -> CompiledPromotions:
    """The compiled promotions for `version` (default: the current one, one tiny query)."""
    cache = _cache()
    version = current_version() if version is None else version
    compiled = cache.compiled
    if compiled is not None and compiled.version == version:
        return compiled
    with cache.lock:
        compiled = cache.compiled
        if compiled is None or compiled.version != version:
            compiled = build(version)
            cache.compiled = compiled
            cache.builds += 1
    return compiled


def build(version: int, now: datetime | None = None) -> CompiledPromotions:
    """Read the active promotions and their codes (two queries) and compile them."""
    now = now or datetime.now(UTC)
    rows = db.session.scalars(
        select(PromotionRow)
        .where(PromotionRow.status == PromotionStatus.ACTIVE)
        .order_by(PromotionRow.id)
    ).all()
    codes: dict[int, list[Code]] = defaultdict(list)
    code_rows = db.session.execute(
        select(PromotionCode.promotion_id, PromotionCode.code, PromotionCode.usage_limit)
        .join(PromotionRow, PromotionRow.id == PromotionCode.promotion_id)
        .where(PromotionRow.status == PromotionStatus.ACTIVE, PromotionRow.trigger == Trigger.CODE)
        .order_by(PromotionCode.id)
    )
    for promotion_id, text, usage_limit in code_rows:
        codes[promotion_id].append(Code(text, usage_limit))

    promotions: list[Promotion] = []
    banners: list[BannerOffer] = []
    for row in rows:
        try:
            promotion = promotion_from_rule(row.rule, promotion_id=row.id, codes=codes[row.id])
        except (RuleError, KeyError, TypeError, ValueError):
            log.exception("Promotion %s has a rule the engine refuses; skipped", row.id)
            continue
        if promotion.ends_at is not None and promotion.ends_at <= now:
            continue  # ended for good; its codes are refused like unknown ones
        promotions.append(promotion)
        if row.show_in_banner and row.banner_text:
            public = row.rule.get("codes") or []
            code = public[0] if promotion.trigger is Trigger.CODE and public else None
            banners.append(BannerOffer(promotion, row.banner_text, code))

    on_shelf = [
        p
        for p in promotions
        if p.trigger is Trigger.AUTOMATIC and p.discount_class is DiscountClass.PRODUCT
    ]
    banners.sort(key=lambda offer: offer.promotion.sort_key)
    return CompiledPromotions(
        version=version,
        index=PromotionIndex.build(promotions),
        sale_index=PromotionIndex.build(on_shelf),
        banners=tuple(banners),
    )


def forget_compiled() -> None:
    """Drop this app's cache (tests; a version bump does the same lazily)."""
    _cache().compiled = None
