"""Schemathesis against the live app over every operation of the OpenAPI document.

Examples, coverage and fuzzing phases with a fixed seed and few examples per operation, so it is
deterministic and quick; `make fuzz` runs the same with many more (see tests/api/fuzzing.py).
Checks: no 5xx, status codes and bodies match the document, invalid input gets a 4xx.
"""

import tempfile
from pathlib import Path

from tests.api.fuzzing import (
    cheap_password_hashing,
    fuzz_app,
    fuzz_config,
    load_schema,
    settings_from_env,
)

# Loaded when pytest collects this module: parametrize() needs the operations up front.
_store = Path(tempfile.mkdtemp(prefix="fuzz-store-")) / "store.db"
schema = load_schema(fuzz_app(_store), fuzz_config(**settings_from_env()))


@schema.parametrize()
def test_api_operation_honours_its_contract(case):
    with cheap_password_hashing():
        case.call_and_validate()
