"""The header's department links, the same for every shopper: rendered once per catalog version.

Every page shows them, and reading the departments and routing a URL for each cost a query and
a dozen `url_for` calls on every request, the uncached cart page included. They change only
with the catalog, so each process keeps the links rendered for the current catalog version
(core.versions moves it on any write to departments or products) and the mount point,
and renders them again when either differs. Kept per app, like the compiled promotions.
"""

from flask import Flask, current_app, request
from markupsafe import Markup

from catalog.queries import departments
from core.versions import read_versions

EXTENSION_KEY = "catalog.department_links"
TEMPLATE = "catalog/_department_links.html"


def init_app(app: Flask) -> None:
    """Give `app` its (empty) store of rendered links and the `department_links()` global."""
    app.extensions[EXTENSION_KEY] = {}
    app.add_template_global(department_links, "department_links")


def department_links(catalog_version: int | None = None) -> Markup:
    """The links for `catalog_version` (default: the current one, one small query)."""
    if catalog_version is None:
        catalog_version = read_versions()[1]
    kept: dict = current_app.extensions[EXTENSION_KEY]
    key = (catalog_version, request.script_root)
    links = kept.get(key)
    if links is None:
        template = current_app.jinja_env.get_template(TEMPLATE)
        links = Markup(template.render(departments=departments()))
        kept.clear()  # only the current version is worth keeping
        kept[key] = links
    return links
