"""The shared kernel: what catalog, promotions and storefront all stand on.

Unbound extensions, the error vocabulary, marshmallow and form fields, pagination, the
store's time zone, the write transaction, version counters, staff roles with the admin
guards, and the shelf-page mark. It imports none of catalog, promotions or storefront
(import-linter checks it).
"""
