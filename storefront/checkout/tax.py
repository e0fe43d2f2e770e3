"""Sales tax from a per-region rate table (basis points), configurable per store.

Config: `TAX_RATES_BPS` maps a region code to a rate in basis points (725 = 7.25%);
`TAX_SHIPPING` says whether shipping is part of the taxed base. The merchandise base is
always the discounted merchandise total. Tax is rounded once, half up, on the whole base.
"""

from flask import current_app

# Demo values for a few states; a real store sets TAX_RATES_BPS in its config.
DEMO_TAX_RATES_BPS = {"CA": 725, "NY": 400, "TX": 625, "WA": 650, "IL": 625, "FL": 600}


def rate_bps(region: str | None) -> int:
    rates = current_app.config.get("TAX_RATES_BPS", DEMO_TAX_RATES_BPS)
    return int(rates.get((region or "").upper(), 0))


def tax_cents(*, region: str | None, merchandise_cents: int, shipping_cents: int) -> int:
    """Tax on the discounted merchandise (plus shipping when TAX_SHIPPING is on), half up."""
    base = merchandise_cents
    if current_app.config.get("TAX_SHIPPING", True):
        base += shipping_cents
    return (max(base, 0) * rate_bps(region) + 5_000) // 10_000
