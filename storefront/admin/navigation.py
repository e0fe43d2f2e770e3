"""The admin menu: each area once, shown only to the roles that may open it."""

from flask import current_app, request
from flask_login import current_user

from core.auth import Role

EVERY_STAFF = frozenset({Role.OWNER, Role.MARKETING})
OWNER = frozenset({Role.OWNER})

AREAS = (
    ("Promotions", "admin.promotions.index", EVERY_STAFF),
    ("Reports", "admin.reports.index", EVERY_STAFF),
    ("Exports", "admin.jobs.index", EVERY_STAFF),
    ("Products", "admin.catalog.products", OWNER),
    ("Departments", "admin.catalog.departments", OWNER),
    ("Orders", "admin.orders.index", OWNER),
    ("Comments", "content_admin.queue", OWNER),
    ("Staff", "admin.users.index", OWNER),
    ("API tokens", "admin.tokens.index", EVERY_STAFF),
)


def admin_links() -> list[tuple[str, str, bool]]:
    """(label, endpoint, current) for the areas this user may open and the app has."""
    if not current_user.is_authenticated:
        return []
    here = request.endpoint or ""
    return [
        (label, endpoint, here.startswith(endpoint.rsplit(".", 1)[0]))
        for label, endpoint, roles in AREAS
        if current_user.role in roles and endpoint in current_app.view_functions
    ]


def register_navigation(bp) -> None:
    """`admin_links()` for the admin pages' menu: a template global, so storefront pages,
    which never show it, pay nothing for it on each render."""
    bp.add_app_template_global(admin_links, "admin_links")
