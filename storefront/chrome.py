"""The page chrome, banner, header and footer: the same for every shopper, so each process
renders each variant once (core.fragments).

Every page shows them, the uncached cart and checkout pages included, and rendering their
dozen links, the logo, the offer banner and the department navigation was half of the
cart page's template time. The banner changes only with the banner the promotions give
(`site_banner()`, chosen for each request); the header only with the department links
(kept per catalog version by catalog.navigation) and whether the shopper is signed in, so it
is kept per those; each page then puts in the only two things that are its own, the header's
cart count and the words in the search box. The footer never changes.
"""

from flask import Flask, current_app, request
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup, escape

from core.fragments import kept_fragment

# Where a page's own values go: no template writes NUL and a request with one is refused
# (storefront.inputs), so neither a page's text nor its search words can contain these.
_WORDS, _COUNT = Markup("\x00search-words\x00"), Markup("\x00cart-count\x00")


def init_app(app: Flask) -> None:
    app.add_template_global(site_banner_html, "site_banner_html")
    app.add_template_global(site_header, "site_header")
    app.add_template_global(site_footer, "site_footer")


@pass_context
def site_banner_html(context) -> Markup:
    """The offer banner live now (none when no banner promotion is)."""
    banner = context["site_banner"]()
    return kept_fragment("_banner.html", (banner,), lambda: {"banner": banner}) if banner else Markup()


@pass_context
def site_header(context) -> Markup:
    """The header, with this page's cart count and search words put in."""
    links = context["department_links"]()
    signed_in = current_user.is_authenticated
    html = kept_fragment(
        "_site_header.html",
        (links, signed_in),
        lambda: _with_store_name(department_links=links, signed_in=signed_in, search_words=_WORDS, cart_count=_COUNT),
    )
    words = request.args.get("q", "") if request.endpoint == "catalog.search" else ""
    return html.replace(_WORDS, escape(words), 1).replace(_COUNT, escape(context["cart_item_count"]()), 1)


def site_footer() -> Markup:
    return kept_fragment("_site_footer.html", (), _with_store_name)


def _with_store_name(**context) -> dict:
    return {"store_name": current_app.config["STORE_NAME"], **context}
