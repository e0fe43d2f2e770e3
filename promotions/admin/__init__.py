"""The promotions admin pages: beside the domain they edit, mounted by storefront's admin shell.

What they need from the rest of the store (the page guard, catalog, orders, shipping, jobs)
is plugged in by storefront.create_app, since promotions never imports storefront.
"""
