"""The header's department links, the same for every shopper: rendered once per catalog version.

Every page shows them, and reading the departments and routing a URL for each cost a query and
a dozen `url_for` calls on every request, the uncached cart page included. They change only
with the catalog, so each process keeps them rendered per catalog version (core.versions moves
it on any write to departments or products) in core.fragments.
"""

from flask import Flask
from markupsafe import Markup

from catalog.queries import departments
from core.fragments import kept_fragment
from core.versions import read_versions

TEMPLATE = "catalog/_department_links.html"


def init_app(app: Flask) -> None:
    app.add_template_global(department_links, "department_links")


def department_links(catalog_version: int | None = None) -> Markup:
    """The links for `catalog_version` (default: the current one, one small query)."""
    if catalog_version is None:
        catalog_version = read_versions()[1]
    return kept_fragment(TEMPLATE, (catalog_version,), lambda: {"departments": departments()})
