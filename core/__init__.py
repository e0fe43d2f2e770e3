"""The shared kernel: what catalog, promotions and storefront all stand on.

Unbound extensions, the error vocabulary, marshmallow fields, pagination, the write
transaction, version counters, staff roles with the admin API guard, and the shelf-page
mark. It imports none of catalog, promotions or storefront (import-linter checks it).
"""
