"""Catalog: departments, products, stock and search."""
