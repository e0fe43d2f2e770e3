"""Loads the demo departments and products into an empty catalog."""

from catalog.demo_data import DEPARTMENTS, PRODUCTS
from catalog.models import Department, Product
from core.extensions import db


def seed_catalog() -> int:
    """Insert the demo catalog; returns the number of products added."""
    departments = {}
    for data in DEPARTMENTS:
        department = Department(image=f"img/departments/{data['slug']}.svg", **data)
        departments[data["slug"]] = department
        db.session.add(department)
    for data in PRODUCTS:
        fields = {**data, "department": departments[data["department"]]}
        fields["image"] = f"img/products/{data['image']}"
        db.session.add(Product(**fields))
    db.session.flush()
    return len(PRODUCTS)
