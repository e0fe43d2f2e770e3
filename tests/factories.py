"""Builders with sensible defaults, so a test names only what it is about."""

import itertools

from catalog.models import Department, Product
from core.auth import Role
from core.extensions import db
from storefront.accounts.customers import register_customer
from storefront.accounts.service import save_user

OWNER = "owner@example.com"
MARKETER = "marketing@example.com"
PASSWORD = "correct horse battery"  # every test admin's
CUSTOMER_PASSWORD = "a long enough password"  # every test customer's

_serial = itertools.count(1)


def make_department(slug: str | None = None, **fields) -> Department:
    slug = slug or f"dept-{next(_serial)}"
    department = Department(slug=slug, name=fields.pop("name", slug.title()), **fields)
    db.session.add(department)
    db.session.commit()
    return department


def make_product(sku: str | None = None, *, price_cents: int = 1000, stock: int = 50, department=None, **fields) -> Product:
    n = next(_serial)
    sku = sku or f"SKU-{n}"
    product = Product(
        sku=sku,
        slug=fields.pop("slug", sku.lower()),
        name=fields.pop("name", f"Product {sku}"),
        price_cents=price_cents,
        stock=stock,
        department=department or make_department(),
        tags=fields.pop("tags", []),
        image=fields.pop("image", "img/products/placeholder.svg"),
        **fields,
    )
    db.session.add(product)
    db.session.commit()
    return product


def make_admin(email: str = OWNER, password: str = PASSWORD, role: Role = Role.OWNER):
    return save_user(email, password, role)


def make_customer(email: str = "ada@example.com", password: str = CUSTOMER_PASSWORD, name: str = ""):
    return register_customer(email, password, name)
