"""Leave a Reply: validation, moderation, escaping, replies and the honeypot."""

from sqlalchemy import func, select

from core.extensions import db
from storefront.content.models import Comment, CommentStatus
from tests.integration.content.builders import comment_form, make_article, make_comment

SCRIPT = '<script>alert("x")</script>'


def comment_count() -> int:
    return db.session.scalar(select(func.count(Comment.id)))


def test_a_new_comment_waits_for_moderation_and_its_author_is_told(client, app):
    make_article("a")
    response = client.post("/articles/a/comments", data=comment_form(body="First thoughts"))
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.status == CommentStatus.PENDING
    html = client.get("/articles/a").get_data(as_text=True)
    assert "Your comment is awaiting moderation." in html and "First thoughts" in html
    assert "0 thoughts on" in html


def test_other_readers_do_not_see_a_pending_comment(client, app):
    make_article("a")
    client.post("/articles/a/comments", data=comment_form(body="Not yet public"))
    assert "Not yet public" not in app.test_client().get("/articles/a").get_data(as_text=True)


def test_approved_comments_show_name_date_and_text_but_never_the_email(client, app):
    article = make_article("a", title="Nerves")
    make_comment(article, name="Grace", email="grace@secret.example", body="Well put.")
    html = client.get("/articles/a").get_data(as_text=True)
    assert "Grace" in html and "Well put." in html and 'class="comment-date"' in html
    assert "grace@secret.example" not in html
    assert "1 thought on &ldquo;Nerves&rdquo;" in html
    assert "Your email address will not be published. Required fields are marked" in html


def test_a_script_in_a_comment_shows_as_text_on_the_article(client, app):
    article = make_article("a")
    make_comment(article, name=SCRIPT, body=SCRIPT)
    html = client.get("/articles/a").get_data(as_text=True)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_the_authors_own_pending_script_comment_is_escaped_too(client, app):
    make_article("a")
    client.post("/articles/a/comments", data=comment_form(name=SCRIPT, body=SCRIPT))
    assert SCRIPT not in client.get("/articles/a").get_data(as_text=True)


def test_a_reply_to_a_reply_attaches_to_the_top_level_comment(client, app):
    article = make_article("a")
    top = make_comment(article, body="Top")
    reply = make_comment(article, parent_id=top.id, body="Reply")
    client.post("/articles/a/comments", data=comment_form(parent_id=str(reply.id)))
    newest = db.session.scalar(select(Comment).order_by(Comment.id.desc()))
    assert newest.parent_id == top.id


def test_replies_are_shown_under_their_comment(client, app):
    article = make_article("a")
    top = make_comment(article, body="Top level")
    make_comment(article, parent_id=top.id, body="A reply")
    html = client.get("/articles/a").get_data(as_text=True)
    assert html.index("Top level") < html.index("comment-replies") < html.index("A reply")
    assert "2 thoughts on" in html


def test_the_reply_link_sets_up_the_form_to_reply(client, app):
    article = make_article("a")
    top = make_comment(article, name="Grace")
    html = client.get(f"/articles/a?replytocom={top.id}").get_data(as_text=True)
    assert "Replying to Grace." in html
    assert f'name="parent_id" value="{top.id}"' in html


def test_replying_to_a_pending_or_unknown_comment_is_refused(client, app):
    article = make_article("a")
    pending = make_comment(article, status=CommentStatus.PENDING)
    for parent in (str(pending.id), "99999"):
        response = client.post("/articles/a/comments", data=comment_form(parent_id=parent))
        assert response.status_code == 422
        assert "The comment you are replying to is not available." in response.get_data(
            as_text=True
        )
    assert comment_count() == 1


def test_missing_fields_re_render_the_form_with_messages_and_what_was_typed(client, app):
    make_article("a")
    response = client.post(
        "/articles/a/comments", data=comment_form(name="", email="not-an-email", body="Kept text")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please enter your name." in html and "Enter a valid email address." in html
    assert "Kept text</textarea>" in html and 'value="not-an-email"' in html
    assert comment_count() == 0


def test_a_website_must_be_http_or_https(client, app):
    make_article("a")
    response = client.post("/articles/a/comments", data=comment_form(website="javascript:alert(1)"))
    assert response.status_code == 422
    assert "starting with http:// or https://" in response.get_data(as_text=True)
    assert comment_count() == 0


def test_an_approved_commenters_website_links_their_name(client, app):
    make_comment(make_article("a"), name="Grace", website="https://grace.example/")
    html = client.get("/articles/a").get_data(as_text=True)
    assert '<a href="https://grace.example/" rel="nofollow ugc noopener">Grace</a>' in html


def test_the_honeypot_refuses_bots_and_stores_nothing(client, app):
    make_article("a")
    response = client.post(
        "/articles/a/comments", data=comment_form(homepage="http://spam.example")
    )
    assert response.status_code == 400
    assert "could not be accepted" in response.get_data(as_text=True)
    assert comment_count() == 0
