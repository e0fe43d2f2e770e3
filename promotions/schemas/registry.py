"""One schema per rule type, registered under the engine's type name with `@rule_schema`.

The engine's registries (promotions.engine.conditions.CONDITIONS and
promotions.engine.benefits.BENEFITS) say which type names exist and whether each is a
condition or a benefit; `@rule_schema("name")` files the schema beside it, and refuses
a name the engine does not know, so a schema can never outlive or precede its type.
"""

from collections.abc import Callable

from marshmallow import Schema, ValidationError, fields

from promotions.engine.benefits import BENEFITS
from promotions.engine.conditions import CONDITIONS

__all__ = ["BENEFIT_SCHEMAS", "CONDITION_SCHEMAS", "TypeSchema", "TypedRule", "rule_schema"]

CONDITION_SCHEMAS: dict[str, type[Schema]] = {}
BENEFIT_SCHEMAS: dict[str, type[Schema]] = {}


class TypeSchema(Schema):
    """Base of every condition and benefit schema: `type` is checked by TypedRule."""


def rule_schema(type_name: str) -> Callable[[type[Schema]], type[Schema]]:
    """Register the schema of the engine condition or benefit named `type_name`."""
    if type_name in CONDITIONS:
        registry = CONDITION_SCHEMAS
    elif type_name in BENEFITS:
        registry = BENEFIT_SCHEMAS
    else:
        raise LookupError(f"{type_name!r} is no engine condition or benefit: register the class first")

    def decorator(schema: type[Schema]) -> type[Schema]:
        registry[type_name] = schema
        return schema

    return decorator


class TypedRule(fields.Field):
    """A condition or benefit: `type` picks the schema from `registry`, which loads the rest."""

    def __init__(self, registry: dict[str, type[Schema]], kind: str, **kwargs):
        super().__init__(**kwargs)
        self.registry = registry
        self.kind = kind

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ValidationError(f"A {self.kind} is an object with a type.")
        type_name = value.get("type")
        schema = self.registry.get(type_name) if isinstance(type_name, str) else None
        if schema is None:
            known = ", ".join(sorted(self.registry))
            raise ValidationError(
                {"type": [f"Unknown {self.kind} type {type_name!r}. Known types: {known}."]}
            )
        rest = {key: item for key, item in value.items() if key != "type"}
        return {"type": type_name, **schema().load(rest)}
