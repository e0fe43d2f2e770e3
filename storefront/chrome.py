"""The page chrome, banner, header and footer: the same for every shopper, so each process
renders each variant once.

Every page shows them, the uncached cart and checkout pages included, and rendering their
dozen links, the logo, the offer banner and the department navigation was half of the
cart page's template time. The banner changes only with the banner the promotions give
(`site_banner()`, chosen for each request); the header only with the department links
(kept per catalog version by catalog.navigation), whether the shopper is signed in, and the
mount point, so it is kept per those; each page then puts in the only two things that are
its own, the header's cart count and the words in the search box. The footer changes only
with the mount point.
"""

from flask import Flask, current_app, request
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup, escape

EXTENSION_KEY = "storefront.chrome"
_KEEP = 16  # both sign-in states over a few catalog versions and mount points
# Where a page's own values go: no template writes NUL and a request with one is refused
# (storefront.inputs), so neither a page's text nor its search words can contain these.
_WORDS, _COUNT = Markup("\x00search-words\x00"), Markup("\x00cart-count\x00")


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = {}
    app.add_template_global(site_banner_html, "site_banner_html")
    app.add_template_global(site_header, "site_header")
    app.add_template_global(site_footer, "site_footer")


@pass_context
def site_banner_html(context) -> Markup:
    """The offer banner live now (none when no banner promotion is)."""
    banner = context["site_banner"]()
    return Markup(_rendered("_banner.html", (banner,), banner=banner)) if banner else Markup()


@pass_context
def site_header(context) -> Markup:
    """The header, with this page's cart count and search words put in."""
    links = context["department_links"]()
    signed_in = current_user.is_authenticated
    html = _rendered(
        "_site_header.html",
        (links, signed_in),
        department_links=links,
        signed_in=signed_in,
        search_words=_WORDS,
        cart_count=_COUNT,
    )
    words = request.args.get("q", "") if request.endpoint == "catalog.search" else ""
    count = context["cart_item_count"]()
    return Markup(html.replace(_WORDS, escape(words), 1).replace(_COUNT, escape(count), 1))


def site_footer() -> Markup:
    return Markup(_rendered("_site_footer.html", ()))


def _rendered(template: str, key: tuple, **context) -> str:
    """`template` rendered once per `key` and mount point in this process."""
    kept: dict = current_app.extensions[EXTENSION_KEY]
    full_key = (template, request.script_root, *key)
    html = kept.get(full_key)
    if html is None:
        if len(kept) >= _KEEP:
            kept.clear()  # old versions: only the current ones are asked for again
        page = current_app.jinja_env.get_template(template)
        html = kept[full_key] = page.render(store_name=current_app.config["STORE_NAME"], **context)
    return html
