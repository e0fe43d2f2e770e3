"""Which state a US ZIP code belongs to, by its first three digits (USPS sectional centers).

Used to catch a ZIP typed for the wrong state before an order ships to nowhere. A prefix
not in the table (new or unusual codes) is given the benefit of the doubt.
"""

# state -> ranges of three-digit ZIP prefixes, inclusive
_PREFIXES: dict[str, tuple[tuple[int, int], ...]] = {
    "AL": ((350, 369),), "AK": ((995, 999),), "AZ": ((850, 865),), "AR": ((716, 729),),
    "CA": ((900, 961),), "CO": ((800, 816),), "CT": ((60, 69),), "DE": ((197, 199),),
    "DC": ((200, 205), (569, 569)), "FL": ((320, 349),), "GA": ((300, 319), (398, 399)),
    "HI": ((967, 968),), "ID": ((832, 838),), "IL": ((600, 629),), "IN": ((460, 479),),
    "IA": ((500, 528),), "KS": ((660, 679),), "KY": ((400, 427),), "LA": ((700, 714),),
    "ME": ((39, 49),), "MD": ((206, 219),), "MA": ((10, 27), (55, 55)), "MI": ((480, 499),),
    "MN": ((550, 567),), "MS": ((386, 397),), "MO": ((630, 658),), "MT": ((590, 599),),
    "NE": ((680, 693),), "NV": ((889, 898),), "NH": ((30, 38),), "NJ": ((70, 89),),
    "NM": ((870, 884),), "NY": ((5, 5), (100, 149), (63, 63)), "NC": ((270, 289),),
    "ND": ((580, 588),), "OH": ((430, 459),), "OK": ((730, 749),), "OR": ((970, 979),),
    "PA": ((150, 196),), "RI": ((28, 29),), "SC": ((290, 299),), "SD": ((570, 577),),
    "TN": ((370, 385),), "TX": ((750, 799), (885, 885)), "UT": ((840, 847),),
    "VT": ((50, 54), (56, 59)), "VA": ((201, 201), (220, 246)), "WA": ((980, 994),),
    "WV": ((247, 268),), "WI": ((530, 549),), "WY": ((820, 831),),
}
_STATE_BY_PREFIX = {
    prefix: state for state, ranges in _PREFIXES.items() for low, high in ranges for prefix in range(low, high + 1)
}


def state_of_zip(postal_code: str) -> str | None:
    """The state whose ZIP codes start like `postal_code`, or None when we can't tell."""
    digits = postal_code[:3]
    return _STATE_BY_PREFIX.get(int(digits)) if digits.isdigit() else None
