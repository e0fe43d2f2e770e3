"""Commenting is limited per address (5 per 10 minutes), across the form and the API."""

import pytest
from sqlalchemy import func, select

from core.extensions import db
from storefront.content.models import Comment
from tests.integration.content.builders import comment_form, make_article


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True}


def stored() -> int:
    return db.session.scalar(select(func.count(Comment.id)))


def test_the_sixth_comment_in_ten_minutes_is_refused_with_a_clear_message(client, app):
    make_article("a")
    for _ in range(5):
        assert client.post("/articles/a/comments", data=comment_form()).status_code == 302
    response = client.post("/articles/a/comments", data=comment_form())
    assert response.status_code == 429
    assert "several comments in a short time" in response.get_data(as_text=True)
    assert stored() == 5


def test_the_api_shares_the_limit_and_answers_in_the_error_envelope(client, app):
    make_article("a")
    for _ in range(5):
        client.post("/articles/a/comments", data=comment_form())
    response = client.post(
        "/api/v1/articles/a/comments", json={"name": "B", "email": "b@example.com", "body": "x"}
    )
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_requests"
    assert stored() == 5


def test_reading_and_voting_are_not_limited_by_commenting(client, app):
    make_article("a")
    for _ in range(6):
        client.post("/articles/a/comments", data=comment_form())
    assert client.get("/articles/a").status_code == 200
    assert client.post("/articles/a/ratings", data={"stars": "4"}).status_code == 302
