"""Every admin URL of the app, enumerated from its URL map, with sample arguments filled in."""

from dataclasses import dataclass
from itertools import product

from werkzeug.routing import AnyConverter, IntegerConverter

ADMIN_PREFIXES = ("/admin", "/api/v1/admin")
PUBLIC = {"admin.login"}
# Marketing may open promotions, reports, its own API tokens, the dashboard and sign out.
MARKETING_AREAS = (
    "admin.dashboard", "admin.logout", "admin.promotions.", "admin.reports.", "admin.tokens.", "admin.jobs.",
    "admin_promotions_api.", "admin_reports_api.",
)


@dataclass(frozen=True)
class AdminRoute:
    endpoint: str
    rule: str
    method: str
    url: str

    @property
    def is_api(self) -> bool:
        return self.rule.startswith("/api/")

    @property
    def marketing_allowed(self) -> bool:
        return self.endpoint.startswith(MARKETING_AREAS)

    def __str__(self) -> str:
        return f"{self.method} {self.rule}"


def _samples(converter) -> list:
    """Every value of an `any(...)` converter (each is its own action), else one sample."""
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    return [1 if isinstance(converter, IntegerConverter) else "SAMPLE-1"]


def admin_routes(app) -> list[AdminRoute]:
    adapter = app.url_map.bind("localhost")
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(ADMIN_PREFIXES) or rule.endpoint in PUBLIC:
            continue
        names = list(rule._converters)
        choices = [_samples(rule._converters[name]) for name in names]
        for combination in product(*choices):
            values = dict(zip(names, combination, strict=True))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                url = adapter.build(rule.endpoint, values, method=method)
                routes.append(AdminRoute(rule.endpoint, rule.rule, method, url))
    return routes
