"""Usage counters of limited promotions and codes, loaded for the few candidates of a cart.

The compiled promotions are cached between writes; the counters are not, so a limit reached
a moment ago is seen by the next cart. At most two small queries, none when no candidate is
limited.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, select

from core.extensions import db
from promotions.engine import Promotion, PromotionUsage, customer_key, normalize_code
from promotions.models import Promotion as PromotionRow
from promotions.models import PromotionCode, PromotionCustomerUse


def load_usage(
    promotions: Iterable[Promotion], codes: Sequence[str], email: str | None
) -> dict[int, PromotionUsage]:
    """Counters for the limited ones among `promotions`: one query, two with limited codes."""
    key = customer_key(email)
    entered = {normalize_code(code) for code in codes}
    counted: list[int] = []
    limited_codes: list[str] = []
    for promotion in promotions:
        if (
            promotion.usage_limit is not None
            or promotion.budget_cents is not None
            or (key and promotion.usage_limit_per_customer is not None)
        ):
            counted.append(promotion.id)
        limited_codes.extend(
            code.text
            for code in promotion.codes
            if code.usage_limit is not None and code.text in entered
        )
    usage: dict[int, PromotionUsage] = {}
    if counted:
        rows = db.session.execute(
            select(
                PromotionRow.id,
                PromotionRow.times_used,
                PromotionRow.given_cents,
                PromotionCustomerUse.uses,
            )
            .outerjoin(
                PromotionCustomerUse,
                and_(
                    PromotionCustomerUse.promotion_id == PromotionRow.id,
                    PromotionCustomerUse.customer_key == (key or ""),
                ),
            )
            .where(PromotionRow.id.in_(counted))
        )
        for promotion_id, times_used, given_cents, customer_uses in rows:
            usage[promotion_id] = PromotionUsage(times_used, customer_uses or 0, given_cents)
    if limited_codes:
        rows = db.session.execute(
            select(PromotionCode.promotion_id, PromotionCode.code, PromotionCode.times_used).where(
                PromotionCode.code.in_(limited_codes)
            )
        )
        by_promotion: dict[int, dict[str, int]] = {}
        for promotion_id, code, times_used in rows:
            by_promotion.setdefault(promotion_id, {})[code] = times_used
        for promotion_id, code_uses in by_promotion.items():
            base = usage.get(promotion_id, PromotionUsage())
            usage[promotion_id] = PromotionUsage(
                base.uses, base.customer_uses, base.given_cents, code_uses
            )
    return usage
