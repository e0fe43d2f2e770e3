"""Column helpers every package's models share, so each table stores times and enums alike.

Timestamps default to now in UTC. Enums are stored by value in a VARCHAR, not as a native
ENUM type, so adding a member needs no ALTER TYPE on PostgreSQL.
"""

import enum
from datetime import UTC, datetime

from sqlalchemy import Enum


def utcnow() -> datetime:
    """Now, in UTC: the default of every created_at and updated_at column."""
    return datetime.now(UTC)


def enum_type(kind: type[enum.StrEnum], length: int = 20) -> Enum:
    """A StrEnum column type holding the members' values (not their names)."""
    return Enum(
        kind, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )
