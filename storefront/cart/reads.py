"""The cart as the pages that only show it read it: one Core query into plain records.

Why not the ORM: mapping the cart, its lines, their products and departments into tracked
objects was a quarter of the cart page's time, and a page that only shows a cart needs no
change tracking. The records have the shape pricing reads from a mapped cart
(`cart.lines[i].product.department.slug`, `cart.codes`, `cart.token`), so one pricing
function serves a cart being shown and a cart being changed. Writers keep using
`service.find_cart`, which locks and tracks.
"""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, select

from catalog.models import Department, Product
from core.reads import lone_rows
from core.versions import Versions, read_versions, versions_of, versions_query
from storefront.cart.models import Cart, CartFacts, CartLine, CartStatus


@dataclass(frozen=True, slots=True)
class DepartmentRecord:
    slug: str


@dataclass(frozen=True, slots=True)
class ProductRecord:
    id: int
    sku: str
    name: str
    slug: str
    image: str | None
    price_cents: int
    cost_cents: int | None
    stock: int
    tags: list[str]
    department: DepartmentRecord


@dataclass(frozen=True, slots=True)
class LineRecord:
    product: ProductRecord
    quantity: int


@dataclass(frozen=True, slots=True)
class CartRecord(CartFacts):
    token: str
    status: CartStatus
    codes: list[str]
    lines: tuple[LineRecord, ...]


_PRODUCT_COLUMNS = (
    Product.id,
    Product.sku,
    Product.name,
    Product.slug,
    Product.image,
    Product.price_cents,
    Product.cost_cents,
    Product.stock,
    Product.tags,
)


@cache
def _cart_query():
    """Built once per process: composing the statement costs more than running it. The
    versions come first and the cart is outer-joined onto them, so one statement answers
    both, with or without a cart (one round trip to the database, not two)."""
    versions = versions_query().subquery()
    return (
        select(*versions.c, Cart.token, Cart.status, Cart.codes, CartLine.quantity, *_PRODUCT_COLUMNS, Department.slug)
        .select_from(versions)
        .outerjoin(Cart, Cart.token == bindparam("token"))
        .outerjoin(CartLine, CartLine.cart_id == Cart.id)
        .outerjoin(Product, Product.id == CartLine.product_id)
        .outerjoin(Department, Department.id == Product.department_id)
        .order_by(CartLine.id)
    )


def read_cart(token: str | None) -> tuple[CartRecord | None, Versions]:
    """The cart with this token as plain records (None when there is none) and the versions
    to price and show it with, as committed now: one statement (core.reads)."""
    if not token:
        return None, read_versions()
    rows = lone_rows(_cart_query(), {"token": token})
    versions = versions_of(rows[0])
    token, status, codes = rows[0][3:6]
    if token is None:
        return None, versions
    lines = tuple(
        LineRecord(
            product=ProductRecord(*row[7:16], department=DepartmentRecord(row[16])),
            quantity=row[6],
        )
        for row in rows
        if row[6] is not None
    )
    return CartRecord(token=token, status=status, codes=list(codes or ()), lines=lines), versions
