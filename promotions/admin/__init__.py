"""The promotions admin pages: beside the domain they edit, mounted by storefront's admin shell.

What they need from the store around them (the page guard, orders, shipping, the job queue)
is plugged in by storefront.create_app, since promotions never imports storefront.
"""
