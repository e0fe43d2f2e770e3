"""Share links as plain URLs: no third-party scripts, nothing loads until a reader clicks."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True, slots=True)
class ShareLink:
    network: str
    label: str
    href: str


def _url(base: str, **params: str) -> str:
    return f"{base}?{urlencode(params, quote_via=quote)}"


def share_links(url: str, title: str) -> list[ShareLink]:
    """Where a reader can send the article, in the order we show them."""
    return [
        ShareLink("x", "Share on X", _url("https://twitter.com/intent/tweet", url=url, text=title)),
        ShareLink(
            "facebook",
            "Share on Facebook",
            _url("https://www.facebook.com/sharer/sharer.php", u=url),
        ),
        ShareLink(
            "linkedin",
            "Share on LinkedIn",
            _url("https://www.linkedin.com/sharing/share-offsite/", url=url),
        ),
        ShareLink(
            "reddit", "Share on Reddit", _url("https://www.reddit.com/submit", url=url, title=title)
        ),
        ShareLink(
            "pinterest",
            "Pin on Pinterest",
            _url("https://www.pinterest.com/pin/create/button/", url=url, description=title),
        ),
        ShareLink(
            "email",
            "Share by email",
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        ),
    ]
