"""Readers find articles, read them, and find related products."""

from core.extensions import cache
from tests.factories import make_product
from tests.integration.content.builders import DEMO_SLUG, add_votes, make_article, make_comment
from tests.sql_log import statements_run


def test_article_list_is_newest_first_with_rating_and_comment_count(client, app):
    older = make_article(title="Older piece")
    newer = make_article(title="Newer piece")
    add_votes(newer, 5, 4)
    make_comment(newer)
    html = client.get("/articles").get_data(as_text=True)
    assert html.index("Newer piece") < html.index("Older piece")
    assert "(2 votes, average 4.50 out of 5)" in html
    assert "1 comment<" in html
    assert older.title in html


def test_article_list_query_count_does_not_grow_with_articles(client, app):
    make_article()
    client.get("/articles")  # warm up: first-request work is not what we measure
    cache.clear()  # the rendering is measured, not the shelf cache
    with statements_run() as one:
        client.get("/articles")
    for _ in range(4):
        add_votes(make_article(), 3)
    with statements_run() as five:
        client.get("/articles")
    assert len(five) == len(one)


def test_demo_article_shows_156_votes_averaging_4_35_and_four_thoughts(client, demo_article):
    html = client.get(f"/articles/{DEMO_SLUG}").get_data(as_text=True)
    assert "(156 votes, average 4.35 out of 5)" in html
    assert f"4 thoughts on &ldquo;{demo_article.title}&rdquo;" in html
    assert 'aria-label="Rated 4.35 out of 5"' in html
    assert 'width="104.4"' in html  # 87% of the 120-wide star row


def test_article_page_shows_title_standfirst_author_bio_date_and_rendered_body(client, app):
    make_article(
        "nerves",
        title="On nerves",
        standfirst="A short summary.",
        author_bio="Likes methods sections.",
    )
    html = client.get("/articles/nerves").get_data(as_text=True)
    assert "<h1>On nerves</h1>" in html
    assert "A short summary." in html
    assert "About the author" in html and "Likes methods sections." in html
    assert "<time datetime=" in html
    assert "<h2>Findings</h2>" in html


def test_reprint_line_appears_only_when_the_article_has_one(client, app):
    make_article("reprinted", reprint_credit="the Example Nerve Society")
    make_article("ours")
    assert "Reprinted with the kind permission of the Example Nerve Society." in client.get(
        "/articles/reprinted"
    ).get_data(as_text=True)
    assert "Reprinted with" not in client.get("/articles/ours").get_data(as_text=True)


def test_related_products_follow_the_articles_order_and_skip_inactive_ones(client, app):
    make_product("BALM", name="Calming Balm")
    make_product("WRAP", name="Heat Wrap")
    make_product("GONE", name="Retired Thing", active=False)
    make_article("related", related_skus=["WRAP", "GONE", "BALM", "MISSING"])
    html = client.get("/articles/related").get_data(as_text=True)
    assert "Shop related products" in html
    assert html.index("Heat Wrap") < html.index("Calming Balm")
    assert "Retired Thing" not in html


def test_article_page_has_open_graph_twitter_tags_and_share_links(client, app):
    make_article("shared", title="Shared piece")
    html = client.get("/articles/shared").get_data(as_text=True)
    assert '<meta property="og:title" content="Shared piece">' in html
    assert '<meta property="og:url" content="http://localhost/articles/shared">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    for host in (
        "twitter.com/intent/tweet",
        "facebook.com/sharer",
        "linkedin.com/sharing",
        "reddit.com/submit",
        "pinterest.com/pin/create",
        "mailto:?",
    ):
        assert host in html
    assert 'data-copy-link="http://localhost/articles/shared"' in html


def test_article_page_has_no_inline_script_or_style(client, demo_article):
    html = client.get(f"/articles/{DEMO_SLUG}").get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main and "style=" not in main
    assert '<script src="/static/js/articles.js' in html


def test_unknown_article_is_a_styled_404(client, app):
    response = client.get("/articles/no-such-thing")
    assert response.status_code == 404
    assert "couldn&#39;t find an article" in response.get_data(as_text=True)


def test_home_page_and_cbd_store_link_to_the_article(client, demo_store):
    link = f'href="/articles/{DEMO_SLUG}"'
    assert link in client.get("/").get_data(as_text=True)
    with client.session_transaction() as session:
        session["age_confirmed"] = True
    assert link in client.get("/cbd").get_data(as_text=True)


def test_every_page_navigation_links_to_articles(client, app):
    assert 'href="/articles"' in client.get("/").get_data(as_text=True)
