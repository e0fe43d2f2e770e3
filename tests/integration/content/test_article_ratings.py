"""One vote per reader per article: a second vote replaces the first."""

from sqlalchemy import func, select

from core.extensions import db
from storefront.content.models import Rating
from tests.integration.content.builders import DEMO_SLUG, make_article

PAGE = f"/articles/{DEMO_SLUG}"
API = f"/api/v1/articles/{DEMO_SLUG}/ratings"


def vote_count() -> int:
    return db.session.scalar(select(func.count(Rating.id)))


def test_a_readers_vote_from_the_form_counts_once(client, demo_article):
    client.get(PAGE)
    response = client.post(f"{PAGE}/ratings", data={"stars": "5"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#rating")
    html = client.get(PAGE).get_data(as_text=True)
    assert "(157 votes, average 4.36 out of 5)" in html  # 684 / 157 = 4.3567
    assert "You rated this article 5 out of 5." in html


def test_a_repeat_vote_replaces_the_first_and_never_counts_twice(client, demo_article):
    client.post(f"{PAGE}/ratings", data={"stars": "5"})
    client.post(f"{PAGE}/ratings", data={"stars": "1"})
    assert vote_count() == 157
    assert "(157 votes, average 4.33 out of 5)" in client.get(PAGE).get_data(
        as_text=True
    )  # 680/157


def test_two_browsers_are_two_readers(app, demo_article):
    for _ in range(2):
        browser = app.test_client()
        browser.get(PAGE)
        browser.post(f"{PAGE}/ratings", data={"stars": "4"})
    assert vote_count() == 158


def test_the_api_uses_the_readers_cookie_so_page_and_api_votes_are_one(client, demo_article):
    client.get(PAGE)  # the page hands out the signed reader cookie
    client.post(f"{PAGE}/ratings", data={"stars": "2"})
    response = client.post(API, json={"stars": 5})
    assert response.status_code == 200
    assert response.get_json() == {
        "votes": 157,
        "average": 4.36,
        "text": "157 votes, average 4.36 out of 5",
        "your_stars": 5,
    }


def test_api_callers_without_a_cookie_vote_once_per_address(app, demo_article):
    for stars in (1, 5):
        app.test_client().post(API, json={"stars": stars})
    assert vote_count() == 157


def test_a_forged_reader_cookie_is_ignored(client, demo_article):
    client.set_cookie("reader", "c:forged-reader-id-123456")
    client.post(API, json={"stars": 3})
    client.set_cookie("reader", "another-forged-reader-id")
    client.post(API, json={"stars": 4})
    assert vote_count() == 157  # both fell back to the address


def test_stars_outside_one_to_five_from_the_form_are_refused(client, demo_article):
    for stars in ("0", "6", "five", ""):
        response = client.post(f"{PAGE}/ratings", data={"stars": stars})
        assert response.status_code == 422
    assert vote_count() == 156


def test_rating_an_unknown_article_is_404(client, app):
    make_article("exists")
    assert client.post("/articles/nope/ratings", data={"stars": "5"}).status_code == 404
