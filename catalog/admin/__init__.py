"""The catalog admin pages (owners): beside the catalog they edit, mounted by storefront's
admin shell; the page guard comes from core.auth, plugged in by storefront.create_app."""
