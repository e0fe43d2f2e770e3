"""What changed between two audit snapshots, as (field, before, after) rows people can read."""

from typing import Any


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {prefix: value}


def changes(before: dict | None, after: dict | None) -> list[tuple[str, Any, Any]]:
    """Fields whose value differs; a rule's nested parts read as `rule.benefit.percent`."""
    old, new = _flatten(before or {}), _flatten(after or {})
    return [
        (key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]
