"""The comment moderation queue: every view needs a staff user (owner or marketing)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from core.auth import Role, admin_required
from storefront.admin.navigation import register_navigation
from storefront.content import comments
from storefront.content.models import CommentStatus

bp = Blueprint("content_admin", __name__, url_prefix="/admin/comments")
register_navigation(bp)  # the shared admin menu on our pages too


def _status_arg(default: CommentStatus = CommentStatus.PENDING) -> CommentStatus:
    try:
        return CommentStatus(request.args.get("status", default))
    except ValueError:
        return default


def _back():
    """Back to the tab the moderator acted from."""
    back = request.form.get("back", "")
    status = back if back in {s.value for s in CommentStatus} else CommentStatus.PENDING.value
    return redirect(url_for(".queue", status=status))


@bp.get("")
@admin_required(Role.OWNER)
def queue():
    status = _status_arg()
    return render_template(
        "content/admin/comments.html",
        status=status,
        statuses=list(CommentStatus),
        counts=comments.status_counts(),
        comments=comments.comments_by_status(status),
    )


@bp.post("/<int:comment_id>/approve")
@admin_required(Role.OWNER)
def approve(comment_id: int):
    comments.set_status(comment_id, CommentStatus.APPROVED)
    flash(f"Comment {comment_id} approved; it is now on the article.", "success")
    return _back()


@bp.post("/<int:comment_id>/spam")
@admin_required(Role.OWNER)
def spam(comment_id: int):
    comments.set_status(comment_id, CommentStatus.SPAM)
    flash(f"Comment {comment_id} marked as spam.", "success")
    return _back()


@bp.post("/<int:comment_id>/delete")
@admin_required(Role.OWNER)
def delete(comment_id: int):
    comments.delete_comment(comment_id)
    flash(f"Comment {comment_id} deleted.", "success")
    return _back()
