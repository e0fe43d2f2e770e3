"""The moderation queue: staff only, CSRF-protected, and escaping what readers typed."""

import pytest
from sqlalchemy import select

from core.extensions import db
from storefront.content.models import Comment, CommentStatus
from tests.integration.content.builders import make_article, make_comment

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def pending(app):
    return make_comment(
        make_article("a", title="Nerves"), status=CommentStatus.PENDING, body="Please approve"
    )


def status_of(comment_id: int):
    db.session.expire_all()
    return db.session.scalar(select(Comment.status).where(Comment.id == comment_id))


def test_anonymous_visitors_are_sent_to_login(client, pending):
    response = client.get("/admin/comments")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_anonymous_moderation_posts_change_nothing(client, pending):
    for action in ("approve", "spam", "delete"):
        response = client.post(f"/admin/comments/{pending.id}/{action}")
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    assert status_of(pending.id) == CommentStatus.PENDING


def test_the_queue_lists_pending_comments_with_their_article_and_email(merchant, pending):
    html = merchant.get("/admin/comments").get_data(as_text=True)
    assert "Please approve" in html and "reader@example.com" in html and "Nerves" in html
    assert "Pending (1)" in html


def test_a_script_in_a_comment_is_text_in_the_admin_queue(merchant, app):
    make_comment(
        make_article("a"),
        status=CommentStatus.PENDING,
        name=SCRIPT,
        body=SCRIPT,
        website="https://x.example/?q=<b>",
    )
    html = merchant.get("/admin/comments").get_data(as_text=True)
    assert SCRIPT not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_approving_publishes_the_comment_on_the_article(merchant, pending):
    response = merchant.post(f"/admin/comments/{pending.id}/approve", data={"back": "pending"})
    assert response.status_code == 302
    assert status_of(pending.id) == CommentStatus.APPROVED
    assert "Please approve" in merchant.get("/articles/a").get_data(as_text=True)


def test_marketing_staff_may_not_moderate(as_marketer, pending):
    assert as_marketer.post(f"/admin/comments/{pending.id}/approve").status_code == 403
    assert status_of(pending.id) == CommentStatus.PENDING


def test_spam_is_hidden_from_the_article(merchant, pending):
    merchant.post(f"/admin/comments/{pending.id}/approve")
    merchant.post(f"/admin/comments/{pending.id}/spam")
    assert status_of(pending.id) == CommentStatus.SPAM
    assert "Please approve" not in merchant.get("/articles/a").get_data(as_text=True)
    assert "Please approve" in merchant.get("/admin/comments?status=spam").get_data(as_text=True)


def test_deleting_a_comment_deletes_its_replies(merchant, app):
    article = make_article("a")
    top = make_comment(article)
    reply = make_comment(article, parent_id=top.id)
    top_id, reply_id = top.id, reply.id
    merchant.post(f"/admin/comments/{top_id}/delete")
    assert status_of(top_id) is None and status_of(reply_id) is None


def test_moderating_a_missing_comment_is_404(merchant, app):
    assert merchant.post("/admin/comments/999/approve").status_code == 404


class TestWithCsrfOn:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_moderation_posts_without_a_csrf_token_are_refused(self, merchant, pending):
        response = merchant.post(f"/admin/comments/{pending.id}/approve")
        assert response.status_code == 400
        assert status_of(pending.id) == CommentStatus.PENDING

    def test_the_queues_own_forms_carry_a_working_token(self, merchant, pending):
        response = merchant.submit(f"/admin/comments/{pending.id}/approve", page="/admin/comments")
        assert response.status_code == 302, response.get_data(as_text=True)
        assert status_of(pending.id) == CommentStatus.APPROVED

    def test_the_comment_form_needs_a_csrf_token(self, client, app):
        make_article("a")
        response = client.post(
            "/articles/a/comments", data={"name": "A", "email": "a@example.com", "body": "x"}
        )
        assert response.status_code == 400
        assert db.session.query(Comment).count() == 0
