"""Article pages: the list, one article, and the no-JavaScript rating and comment forms."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from marshmallow import ValidationError

from core.errors import StoreError
from core.fields import form_number
from core.shelf import PERSONAL, shelf_page
from storefront.content import comments, reader, service
from storefront.content.limits import comment_rate_limit
from storefront.content.models import Article
from storefront.content.rendering import render_markdown
from storefront.content.schemas import CommentIn, RatingIn
from storefront.content.share import share_links
from storefront.errors import field_messages

bp = Blueprint("content", __name__, url_prefix="/articles")
bp.after_request(reader.set_cookie_if_new)

PENDING_KEY = "pending_comments"
PENDING_KEEP = 20
HONEYPOT = "homepage"
COMMENT_FIELDS = ("name", "email", "website", "body", "parent_id")


@bp.app_template_global()
def latest_articles(limit: int = 3):
    """For the home page and the CBD store: the newest articles with their figures."""
    return service.list_articles(limit)


@bp.get("")
@shelf_page()
def index():
    return render_template("content/list.html", listings=service.list_articles())


def _readers_own(slug: str) -> tuple | None:
    """The article page is shared but for the reader's stars (part of the key); a reader
    with comments awaiting moderation sees them, so their page is their own."""
    if session.get(PENDING_KEY):
        return PERSONAL
    voter_key = reader.voter_key(mint=True)
    if reader.is_new():  # an id handed out just now has given no stars: no query
        return (None,)
    return (service.stars_given_on(slug, voter_key),)


@bp.get("/<slug>")
@shelf_page(vary=_readers_own)
def show(slug: str):
    return render_article(service.get_article(slug))


@bp.post("/<slug>/ratings")
def rate(slug: str):
    article = service.get_article(slug)
    data = RatingIn().load({"stars": form_number(request.form.get("stars"))})
    service.rate(
        article,
        data["stars"],
        voter_key=reader.voter_key(mint=True),
        address_hash=reader.address_hash(),
    )
    flash(f"Thank you for rating this article {data['stars']} out of 5.", "success")
    return redirect(url_for(".show", slug=slug, _anchor="rating"))


@bp.post("/<slug>/comments")
@comment_rate_limit
def comment(slug: str):
    article = service.get_article(slug)
    form = {name: request.form.get(name, "") for name in COMMENT_FIELDS}
    try:
        comments.refuse_bots(request.form.get(HONEYPOT))
        data = CommentIn().load({**form, "parent_id": form_number(form["parent_id"])})
        created = comments.submit_comment(article, data, address_hash=reader.address_hash())
    except ValidationError as exc:
        return render_article(article, form=form, errors=exc.messages, status=422)
    except StoreError as exc:
        if exc.status != 422:
            raise
        return render_article(article, form=form, errors=exc.fields, status=422)
    remember_pending(created.id)
    flash("Thank you. Your comment is awaiting moderation.", "success")
    return redirect(url_for(".show", slug=slug, _anchor=f"comment-{created.id}"))


def remember_pending(comment_id: int) -> None:
    """The author sees their own pending comment; the ids ride in the signed session."""
    session[PENDING_KEY] = ([*session.get(PENDING_KEY, []), comment_id])[-PENDING_KEEP:]


def render_article(
    article: Article, *, form: dict | None = None, errors: dict | None = None, status: int = 200
):
    pending = comments.still_pending(session.get(PENDING_KEY, []))
    if pending != session.get(PENDING_KEY, []):
        session[PENDING_KEY] = pending
    visible = comments.threads(article, own_pending=pending)
    voter = reader.voter_key(mint=True)
    url = url_for(".show", slug=article.slug, _external=True)
    context = {
        "article": article,
        "body_html": render_markdown(article.body_markdown),
        "rating": service.rating_summary(article.id),
        "your_stars": service.stars_given(article.id, voter),
        "threads": visible,
        "comment_count": comments.approved_count(visible),
        "pending_ids": set(pending),
        "reply_to": comments.reply_target(
            visible, (form or {}).get("parent_id") or request.args.get("replytocom")
        ),
        "related": service.related_products(article),
        "share": share_links(url, article.title),
        "canonical_url": url,
        "form": form or {},
        "errors": errors or {},
        "error_summary": field_messages(errors) if errors else [],
    }
    return render_template("content/article.html", **context), status
