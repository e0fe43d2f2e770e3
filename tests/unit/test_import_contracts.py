"""The arrows between packages hold: import-linter's contracts (pyproject.toml) run as a test.

A broken contract fails here with import-linter's report of the offending import chains.
"""

import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_every_import_contract_is_kept():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_the_promotions_engine_imports_only_the_standard_library():
    graph = grimp.build_graph("promotions", include_external_packages=True)
    outside = {
        imported.split(".")[0]
        for module in graph.find_descendants("promotions.engine") | {"promotions.engine"}
        for imported in graph.find_modules_directly_imported_by(module)
        if not imported.startswith("promotions.engine")
    }
    assert outside <= set(sys.stdlib_module_names), outside - set(sys.stdlib_module_names)
