"""Checks on a promotion rule that need facts promotions can't see, added by the app.

Promotions may not import the catalog (import-linter layers), yet a free gift must name a
product the store can give. The composition root adds such checks at start-up; the
service runs them on each loaded rule before storing it.
"""

from collections.abc import Callable

from flask import Flask, current_app

RULE_CHECKS = "promotions.rule_checks"


def add_rule_check(app: Flask, check: Callable[[dict], None]) -> None:
    """`check` gets each loaded rule before it is stored and raises `Invalid` to refuse it."""
    app.extensions.setdefault(RULE_CHECKS, []).append(check)


def check_rule(rule: dict) -> None:
    """Run every check the app added (none outside an app that added them)."""
    for check in current_app.extensions.get(RULE_CHECKS, ()):
        check(rule)
