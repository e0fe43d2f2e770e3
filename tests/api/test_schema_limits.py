"""Nothing a client sends is unbounded: every string, list and mapping an API operation accepts
has a maximum size (on top of the 1 MB body cap), checked over every operation's input schemas."""

import re

import pytest
from marshmallow import Schema, fields, validate

from tests.conftest import build_app

UNBOUNDED_PATTERN = re.compile(r"(?<!\\)[*+]|\{\d+,\}")


def _schema(value) -> Schema:
    return value() if isinstance(value, type) else value


def input_schemas(app) -> dict[str, Schema]:
    """Every schema an API view reads its arguments with, by "endpoint (location)"."""
    found = {}
    for endpoint, view in app.view_functions.items():
        for parameter in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
            schema = _schema(parameter["schema"])
            found[f"{endpoint} {type(schema).__name__}"] = schema
    return found


def bounded(field: fields.Field) -> bool:
    for rule in field.validators:
        if isinstance(rule, validate.Length) and (rule.max is not None or rule.equal is not None):
            return True
        if isinstance(rule, validate.OneOf | validate.Equal):
            return True
        if isinstance(rule, validate.Regexp):
            pattern = rule.regex.pattern
            if pattern.startswith("^") and pattern.endswith("$") and not UNBOUNDED_PATTERN.search(pattern):
                return True
    return False


def unbounded_fields(schema: Schema, where: str, seen: set[int] | None = None) -> list[str]:
    """`where.field` for every loadable String, List or Dict with no maximum size, nested included."""
    seen = seen if seen is not None else set()
    if id(type(schema)) in seen:
        return []
    seen.add(id(type(schema)))
    problems = []
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        problems += _field_problems(field, f"{where}.{name}", seen)
    return problems


def _field_problems(field: fields.Field, where: str, seen: set[int]) -> list[str]:
    problems = []
    if isinstance(field, fields.String | fields.List | fields.Dict) and not bounded(field):
        kind = type(field).__name__
        problems.append(f"{where} ({kind} without a maximum length)")
    if isinstance(field, fields.List):
        problems += _field_problems(field.inner, f"{where}[]", seen)
    if isinstance(field, fields.Dict) and field.value_field is not None:
        problems += _field_problems(field.value_field, f"{where}{{}}", seen)
    if isinstance(field, fields.Nested):
        problems += unbounded_fields(_schema(field.schema), where, seen)
    return problems


@pytest.fixture(scope="module")
def schemas():
    return input_schemas(build_app("sqlite://"))


def test_the_api_reads_input_through_schemas(schemas):
    assert any("carts_api.add_line" in key for key in schemas)


def test_every_input_string_list_and_mapping_has_a_maximum_length(schemas):
    problems = [problem for key, schema in sorted(schemas.items()) for problem in unbounded_fields(schema, key)]
    assert not problems, "unbounded input fields:\n" + "\n".join(problems)


def test_the_checker_flags_unbounded_fields():
    class Loose(Schema):
        note = fields.String()
        tags = fields.List(fields.String(validate=validate.Length(max=20)))
        anything = fields.String(validate=validate.Regexp(r"^.*$"))

    class Tight(Schema):
        note = fields.String(validate=validate.Length(max=200))
        tags = fields.List(fields.String(validate=validate.OneOf(["a"])), validate=validate.Length(max=5))
        sku = fields.String(validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9-]{1,63}$"))
        total = fields.String(dump_only=True)

    assert len(unbounded_fields(Loose(), "Loose")) == 3
    assert unbounded_fields(Tight(), "Tight") == []


def test_the_body_cap_is_one_megabyte():
    assert build_app("sqlite://").config["MAX_CONTENT_LENGTH"] == 1024 * 1024
