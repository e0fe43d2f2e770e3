"""A refused comment says when the reader may try again: Retry-After, in seconds, on the 429."""

import pytest

from tests.integration.content.builders import comment_form, make_article

WINDOW_SECONDS = 600  # DEFAULT_COMMENT_RATE_LIMIT: 5 per 10 minutes
API_COMMENT = {"name": "Ada", "email": "ada@example.com", "body": "Helpful, thank you."}


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True}


def sixth_post(post):
    """Five comments fit in the window; the sixth is the one refused."""
    for _ in range(5):
        assert post().status_code in (201, 302)
    return post()


def assert_retry_after_within_the_window(response):
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= WINDOW_SECONDS


def test_a_form_comment_refused_by_the_limit_says_when_to_try_again(client, app):
    make_article("a")
    response = sixth_post(lambda: client.post("/articles/a/comments", data=comment_form()))
    assert_retry_after_within_the_window(response)


def test_an_api_comment_refused_by_the_limit_says_when_to_try_again(client, app):
    make_article("a")
    response = sixth_post(lambda: client.post("/api/v1/articles/a/comments", json=API_COMMENT))
    assert_retry_after_within_the_window(response)
