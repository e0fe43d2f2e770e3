"""How many examples the engine's property tests try.

`make test` runs each test's full number; `make test-fast` sets HYPOTHESIS_PROFILE=fast and
runs a quarter, enough to catch a broken invariant while working. `make test-oracle` sets its
own number (ORACLE_EXAMPLES).
"""

import os

FAST = os.environ.get("HYPOTHESIS_PROFILE") == "fast"


def examples(suite: int) -> int:
    """`suite` examples under `make test`, a quarter of them (at least 25) under `make test-fast`."""
    return max(suite // 4, 25) if FAST else suite
