"""One page of a longer list, as every paginated page and API answer shows it."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from marshmallow import Schema, fields

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


class PageOut(Schema):
    """A page in an API answer; a subclass adds `items`, the list of its own schema."""

    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
