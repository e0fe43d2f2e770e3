"""Loads the demo departments and products (catalog/demo_store.toml) into an empty catalog."""

import tomllib
from importlib.resources import files

from catalog.models import Department, Product
from core.extensions import db

DEMO_STORE = "demo_store.toml"  # package data of `catalog` (pyproject.toml)


def demo_store() -> dict[str, list[dict]]:
    """The demo store's `departments` and `products`, as the data file lists them."""
    return tomllib.loads(files("catalog").joinpath(DEMO_STORE).read_text(encoding="utf-8"))


def seed_catalog() -> int:
    """Insert the demo catalog; returns the number of products added."""
    store = demo_store()
    departments = {}
    for data in store["departments"]:
        department = Department(image=f"img/departments/{data['slug']}.svg", **data)
        departments[data["slug"]] = department
        db.session.add(department)
    for data in store["products"]:
        fields = {**data, "department": departments[data["department"]]}
        fields["image"] = f"img/products/{data['image']}"
        db.session.add(Product(**fields))
    db.session.flush()
    return len(store["products"])
