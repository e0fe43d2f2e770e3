"""The articles API: reading, voting and commenting, with 422s that store nothing."""

import pytest
from sqlalchemy import func, select

from core.extensions import db
from storefront.content.models import Comment, CommentStatus, Rating
from tests.integration.content.builders import DEMO_SLUG, make_article, make_comment

BASE = f"/api/v1/articles/{DEMO_SLUG}"
GOOD = {"name": "Ada", "email": "ada@example.com", "body": "Helpful summary."}


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Rating.id))),
        db.session.scalar(select(func.count(Comment.id))),
    )


def test_list_gives_each_article_with_rating_and_comment_count(client, demo_article):
    make_article("older", published_at=demo_article.published_at.replace(year=2020))
    items = client.get("/api/v1/articles").get_json()
    assert [a["slug"] for a in items] == [DEMO_SLUG, "older"]
    assert items[0]["rating"] == {"votes": 156, "average": 4.35}
    assert items[0]["comment_count"] == 4
    assert items[0]["url"] == f"http://localhost/articles/{DEMO_SLUG}"


def test_detail_has_rating_sanitised_body_and_only_approved_comments_without_emails(
    client, demo_article
):
    make_comment(demo_article, status=CommentStatus.PENDING, body="Held back")
    body = client.get(BASE).get_json()
    assert body["rating"] == {"votes": 156, "average": 4.35}
    assert "<h2>Laser-evoked potentials</h2>" in body["body_html"]
    assert len(body["comments"]) == 3 and sum(len(c["replies"]) for c in body["comments"]) == 1
    assert "Held back" not in str(body) and "email" not in str(body)


def test_unknown_article_is_404_in_the_error_envelope(client, app):
    response = client.get("/api/v1/articles/nope")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_voting_returns_the_new_figures(client, demo_article):
    response = client.post(f"{BASE}/ratings", json={"stars": 5})
    assert response.status_code == 200
    assert response.get_json()["votes"] == 157


@pytest.mark.parametrize(
    "payload",
    [
        {"stars": 0},
        {"stars": 6},
        {"stars": "5"},
        {"stars": 4.5},
        {"stars": True},
        {},
        {"stars": 5, "extra": 1},
    ],
)
def test_bad_votes_are_422_with_field_messages_and_store_nothing(client, demo_article, payload):
    response = client.post(f"{BASE}/ratings", json=payload)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["fields"]
    assert counts() == (156, 4)


def test_stars_out_of_range_say_so(client, demo_article):
    fields = client.post(f"{BASE}/ratings", json={"stars": 9}).get_json()["error"]["fields"]
    assert fields == {"stars": ["Choose between 1 and 5 stars."]}


def test_a_comment_is_created_pending(client, demo_article):
    response = client.post(f"{BASE}/comments", json={**GOOD, "website": "https://ada.example"})
    assert response.status_code == 201
    assert response.get_json()["status"] == "pending"
    assert "awaiting moderation" in response.get_json()["message"]
    assert db.session.get(Comment, response.get_json()["id"]).status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "ada@example.com", "body": "x"}, "name"),
        ({"name": "Ada", "body": "x"}, "email"),
        ({"name": "Ada", "email": "ada@example.com"}, "body"),
        ({**GOOD, "email": "ada-at-example"}, "email"),
        ({**GOOD, "name": "n" * 81}, "name"),
        ({**GOOD, "body": "b" * 5001}, "body"),
        ({**GOOD, "website": "ftp://ada.example"}, "website"),
        ({**GOOD, "parent_id": "1"}, "parent_id"),
        ({**GOOD, "status": "approved"}, "status"),
    ],
)
def test_bad_comments_are_422_with_field_messages_and_store_nothing(
    client, demo_article, payload, field
):
    response = client.post(f"{BASE}/comments", json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert counts() == (156, 4)


def test_a_reply_through_the_api_attaches_to_the_top_level_comment(client, demo_article):
    reply = db.session.scalar(select(Comment).where(Comment.parent_id.is_not(None)))
    response = client.post(f"{BASE}/comments", json={**GOOD, "parent_id": reply.id})
    assert response.status_code == 201
    assert response.get_json()["parent_id"] == reply.parent_id


def test_the_openapi_document_lists_the_article_endpoints(client, app):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/articles/{slug}/ratings",
        "/api/v1/articles/{slug}/comments",
    ):
        assert path in paths
