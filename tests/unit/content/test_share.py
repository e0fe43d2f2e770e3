"""Share links are plain URLs carrying the article's address and title, encoded."""

from urllib.parse import parse_qs, urlsplit

from storefront.content.share import share_links

URL = "https://shop.example/articles/a-b?x=1"
TITLE = "Nerves & pain: “what we know”"


def test_links_cover_x_facebook_linkedin_reddit_pinterest_and_email():
    networks = [link.network for link in share_links(URL, TITLE)]
    assert networks == ["x", "facebook", "linkedin", "reddit", "pinterest", "email"]


def test_each_network_link_carries_the_article_address_encoded():
    for link in share_links(URL, TITLE):
        query = parse_qs(urlsplit(link.href).query)
        assert URL in [value for values in query.values() for value in values], link.network


def test_email_link_uses_the_title_as_subject():
    email = share_links(URL, TITLE)[-1]
    assert email.href.startswith("mailto:?")
    assert parse_qs(email.href.split("?", 1)[1])["subject"] == [TITLE]
