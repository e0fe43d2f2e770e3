"""Schemathesis against the live app over every operation of the OpenAPI document.

Examples, coverage and fuzzing phases with a fixed seed and few examples per operation, so it is
deterministic and quick; `make fuzz` runs the same with many more (see tests/api/fuzzing.py).
The stateful phase then chains calls along the document's links: create a cart, add lines,
apply a code, check out. Checks: no 5xx, status codes and bodies match the document, invalid
input gets a 4xx.
"""

import tempfile
from pathlib import Path

import hypothesis

from tests.api.fuzzing import (
    fresh_start,
    fuzz_app,
    fuzz_config,
    load_schema,
    sellable_skus,
    settings_from_env,
    shopper_workflow,
)

# Loaded when pytest collects this module: parametrize() needs the operations up front.
_store = Path(tempfile.mkdtemp(prefix="fuzz-store-")) / "store.db"
schema = load_schema(fuzz_app(_store), fuzz_config(**settings_from_env()))


@schema.parametrize()
def test_api_operation_honours_its_contract(case):
    case.call_and_validate()


def test_cart_workflow_honours_its_contract_call_after_call(tmp_path):
    """A fresh store of its own, so what the other phases did to theirs cannot change the run."""
    app = fuzz_app(tmp_path / "store.db")
    store = load_schema(app, fuzz_config(**settings_from_env()))
    workflow = hypothesis.seed(store.config.seed)(
        shopper_workflow(store, sellable_skus(app), reset=fresh_start(app))
    )
    workflow.run(settings=store.config.get_hypothesis_settings(phase="stateful"))
