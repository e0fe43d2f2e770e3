"""Readers' comments: submission (always held for moderation), threads, and moderation."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from core.errors import Invalid, NotFound, StoreError
from core.extensions import db
from core.transactions import write_transaction
from storefront.content.models import Article, Comment, CommentStatus

ADMIN_PAGE_SIZE = 200


class CommentRefused(StoreError):
    """A filled-in honeypot: only bots see that field, so the comment is not stored."""

    status = 400
    code = "comment_refused"

    def __init__(self):
        super().__init__("Your comment could not be accepted.")


class TooManyComments(StoreError):
    status = 429
    code = "too_many_requests"

    def __init__(self):
        super().__init__(
            "You have posted several comments in a short time. Please wait a few minutes and try again."
        )


class CommentNotFound(NotFound):
    def __init__(self, comment_id: int):
        super().__init__(f"There is no comment {comment_id}.")


class UnknownParent(Invalid):
    def __init__(self):
        message = "The comment you are replying to is not available."
        super().__init__(message, fields={"parent_id": [message]})


@dataclass(slots=True)
class CommentThread:
    """A top-level comment and its replies, as a reader sees them."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def refuse_bots(honeypot: str | None) -> None:
    """People never see the honeypot field; anything in it means a script filled the form."""
    if honeypot and honeypot.strip():
        raise CommentRefused()


@write_transaction()
def submit_comment(article: Article, data: dict, *, address_hash: str | None) -> Comment:
    """Store a validated comment as pending; a reply to a reply attaches to the top-level comment."""
    parent_id = _top_level_parent(article, data.get("parent_id"))
    comment = Comment(
        article_id=article.id,
        parent_id=parent_id,
        name=data["name"],
        email=data["email"],
        website=data.get("website"),
        body=data["body"],
        status=CommentStatus.PENDING,
        address_hash=address_hash,
    )
    db.session.add(comment)
    return comment


def _top_level_parent(article: Article, parent_id: int | None) -> int | None:
    if parent_id is None:
        return None
    parent = db.session.scalar(
        select(Comment).where(
            Comment.id == parent_id,
            Comment.article_id == article.id,
            Comment.status == CommentStatus.APPROVED,
        )
    )
    if parent is None:
        raise UnknownParent()
    return parent.parent_id or parent.id


def threads(article: Article, *, own_pending: Iterable[int] = ()) -> list[CommentThread]:
    """Approved comments (plus the reader's own pending ones), oldest first, in one query."""
    visible = Comment.status == CommentStatus.APPROVED
    own = [int(i) for i in own_pending]
    if own:
        visible = or_(visible, (Comment.status == CommentStatus.PENDING) & Comment.id.in_(own))
    rows = db.session.scalars(
        select(Comment)
        .where(Comment.article_id == article.id, visible)
        .order_by(Comment.created_at, Comment.id)
    ).unique()
    by_id: dict[int, CommentThread] = {}
    replies: list[Comment] = []
    for comment in rows:
        if comment.parent_id is None:
            by_id[comment.id] = CommentThread(comment)
        else:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in by_id:
            by_id[reply.parent_id].replies.append(reply)
    return list(by_id.values())


def approved_count(visible: list[CommentThread]) -> int:
    """Approved comments among the threads a reader sees (their own pending ones excluded)."""
    return sum(
        (t.comment.status == CommentStatus.APPROVED)
        + sum(r.status == CommentStatus.APPROVED for r in t.replies)
        for t in visible
    )


def reply_target(visible: list[CommentThread], raw_id: str | None) -> Comment | None:
    """The approved comment a reader chose to reply to (from `?replytocom=`), if it is shown."""
    if not raw_id or not str(raw_id).isdigit():
        return None
    wanted = int(raw_id)
    for thread in visible:
        for comment in (thread.comment, *thread.replies):
            if comment.id == wanted and comment.status == CommentStatus.APPROVED:
                return comment
    return None


def still_pending(ids: Iterable[int]) -> list[int]:
    """Which of these comment ids are still waiting for moderation."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return []
    return list(
        db.session.scalars(
            select(Comment.id).where(
                Comment.id.in_(wanted), Comment.status == CommentStatus.PENDING
            )
        )
    )


def comments_by_status(status: CommentStatus, limit: int = ADMIN_PAGE_SIZE) -> list[Comment]:
    """The moderation queue for one status, newest first, articles loaded in the same query."""
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.status == status)
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(limit)
        ).unique()
    )


def status_counts() -> dict[CommentStatus, int]:
    rows = db.session.execute(
        select(Comment.status, func.count(Comment.id)).group_by(Comment.status)
    )
    counts = dict.fromkeys(CommentStatus, 0)
    counts.update({CommentStatus(status): n for status, n in rows})
    return counts


@write_transaction()
def set_status(comment_id: int, status: CommentStatus) -> Comment:
    comment = _comment(comment_id)
    comment.status = status
    return comment


@write_transaction()
def delete_comment(comment_id: int) -> None:
    """Delete a comment; its replies go with it (the foreign key cascades)."""
    db.session.delete(_comment(comment_id))


def _comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise CommentNotFound(comment_id)
    return comment
