"""The rule format as marshmallow schemas: one schema per condition and benefit type.

`rule` holds the whole promotion (RuleSchema, PromotionIn); `conditions` and `benefits`
hold one schema per engine type, registered by `registry.rule_schema` under the engine's
type name. Importing this package registers them all.
"""

from . import benefits, conditions  # noqa: F401  (registers every type's schema)
from .fields import CodeText
from .registry import BENEFIT_SCHEMAS, CONDITION_SCHEMAS
from .rule import PromotionIn, RuleSchema, to_rule

__all__ = [
    "BENEFIT_SCHEMAS",
    "CONDITION_SCHEMAS",
    "CodeText",
    "PromotionIn",
    "RuleSchema",
    "to_rule",
]
