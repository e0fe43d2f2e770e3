"""The OpenAPI document is valid, complete, secured where it must be and documents the errors."""

import re

import pytest
from schemathesis.specs.openapi import definitions

from storefront.api.links import NEXT_STEPS

IGNORED_METHODS = {"HEAD", "OPTIONS"}
SPEC_PATH = "/api/v1/openapi.json"


@pytest.fixture
def spec(client) -> dict:
    response = client.get(SPEC_PATH)
    assert response.status_code == 200
    return response.get_json()


def openapi_path(rule: str) -> str:
    """Werkzeug's `/carts/<token>` or `/x/<int:id>` as OpenAPI's `/carts/{token}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def api_operations(app) -> set[tuple[str, str]]:
    """Every (METHOD, path) the app serves under /api/, read from the URL map at test time."""
    operations = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.rule == SPEC_PATH:
            continue
        for method in rule.methods - IGNORED_METHODS:
            operations.add((method, openapi_path(rule.rule)))
    return operations


def documented_operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method.upper(), path, operation


def resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = spec["components"][kind][name]
    return node


def test_document_is_valid_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    definitions.OPENAPI_30_VALIDATOR.validate(spec)


def test_every_api_route_is_documented(app, spec):
    documented = {(method, path) for method, path, _ in documented_operations(spec)}
    missing = sorted(api_operations(app) - documented)
    assert not missing, f"routes under /api/ missing from the OpenAPI document: {missing}"


def test_every_operation_has_a_summary_and_a_success_schema(spec):
    for method, path, operation in documented_operations(spec):
        assert operation.get("summary"), f"{method} {path} has no summary (the view's docstring)"
        successes = [code for code in operation["responses"] if str(code).startswith("2")]
        assert successes, f"{method} {path} documents no success response"


def test_admin_operations_declare_the_security_scheme(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["basicAuth"] == {**schemes["basicAuth"], "type": "http", "scheme": "basic"}
    for method, path, operation in documented_operations(spec):
        if path.startswith("/api/v1/admin/"):
            assert operation.get("security") or spec.get("security"), f"{method} {path} declares no security"


def test_secured_operations_name_registered_schemes_and_document_401_and_403(spec):
    schemes = spec["components"]["securitySchemes"]
    for method, path, operation in documented_operations(spec):
        for requirement in operation.get("security") or []:
            unknown = set(requirement) - set(schemes)
            assert not unknown, f"{method} {path} names unregistered security schemes {unknown}"
        if operation.get("security"):
            assert {"401", "403"} <= set(map(str, operation["responses"])), f"{method} {path}"


def test_error_responses_use_the_error_envelope(spec):
    envelope = spec["components"]["schemas"]["ErrorEnvelope"]
    assert envelope["required"] == ["error"]
    assert set(resolve(spec, envelope["properties"]["error"])["required"]) == {"code", "message", "fields"}
    for method, path, operation in documented_operations(spec):
        errors = {code: resp for code, resp in operation["responses"].items() if not str(code).startswith("2")}
        assert "default" in errors, f"{method} {path} has no default error response"
        for code, response in errors.items():
            schema = resolve(spec, response)["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}, f"{method} {path} {code}"


def test_operations_with_ids_in_the_path_document_404(spec):
    for method, path, operation in documented_operations(spec):
        if "{" in path:
            assert "404" in map(str, operation["responses"]), f"{method} {path}"


def test_operations_with_a_body_document_400_413_and_422(spec):
    for method, path, operation in documented_operations(spec):
        if "requestBody" in operation:
            assert {"400", "413", "422"} <= set(map(str, operation["responses"])), f"{method} {path}"


def operation_at(spec: dict, reference: str) -> dict:
    """The operation an `operationRef` such as `#/paths/~1api~1v1~1carts/post` points at."""
    node = spec
    for part in reference.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_cart_answers_link_each_next_step_of_the_workflow_with_the_cart_token(spec):
    """The stateful phase of tests/api/test_schemathesis.py walks these; a moved route must not
    quietly drop them."""
    for (method, path), (status, targets) in NEXT_STEPS.items():
        links = spec["paths"][path][method]["responses"][str(status)]["links"]
        assert set(links) == {target.name for target in targets}, f"{method} {path}"
        for link in links.values():
            assert operation_at(spec, link["operationRef"])["summary"]
            assert link["parameters"] == {"token": "$response.body#/token"}


def test_rule_conversion_handles_converters():
    assert openapi_path("/api/v1/carts/<token>/lines/<string:sku>") == "/api/v1/carts/{token}/lines/{sku}"
    assert openapi_path("/api/v1/orders/<int:order_id>") == "/api/v1/orders/{order_id}"
