"""Article input and output schemas, shared by the HTML forms and the JSON API."""

from marshmallow import Schema, fields, pre_load, validate

from core.fields import UtcDateTime, WholeNumber
from storefront.content.ratings import MAX_STARS, MIN_STARS

NAME_MAX, EMAIL_MAX, WEBSITE_MAX, BODY_MAX = 80, 254, 200, 5000


class RatingIn(Schema):
    stars = WholeNumber(
        required=True,
        validate=validate.Range(MIN_STARS, MAX_STARS, error="Choose between 1 and 5 stars."),
    )


class CommentIn(Schema):
    """A reader's comment; the email is kept for moderation and never shown publicly."""

    name = fields.String(
        required=True,
        error_messages={"required": "Please enter your name."},
        validate=validate.Length(
            1, NAME_MAX, error=f"Enter a name of up to {NAME_MAX} characters."
        ),
    )
    email = fields.Email(
        required=True,
        validate=validate.Length(max=EMAIL_MAX),
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "Enter a valid email address.",
        },
    )
    website = fields.URL(
        load_default=None,
        allow_none=True,
        schemes={"http", "https"},
        validate=validate.Length(max=WEBSITE_MAX),
        error_messages={"invalid": "Enter a web address starting with http:// or https://."},
    )
    body = fields.String(
        required=True,
        error_messages={"required": "Please write a comment."},
        validate=validate.Length(
            1, BODY_MAX, error=f"Write a comment of up to {BODY_MAX} characters."
        ),
        metadata={"description": "Plain text; shown escaped, line breaks kept."},
    )
    parent_id = WholeNumber(
        load_default=None, allow_none=True, metadata={"description": "Reply to this comment."}
    )

    @pre_load
    def _tidy(self, data, **kwargs):
        """Trim what people type; an empty optional field means "not given"."""
        if not isinstance(data, dict):
            return data
        tidy = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        for optional in ("website", "parent_id"):
            if tidy.get(optional) == "":
                tidy[optional] = None
        for required in ("name", "email", "body"):
            if tidy.get(required) == "":
                del tidy[required]  # "required" reads better than "too short"
        return tidy


class RatingFiguresOut(Schema):
    votes = fields.Integer(dump_only=True)
    average = fields.Float(dump_only=True, metadata={"description": "Rounded half-up to 2 places."})


class RatingOut(RatingFiguresOut):
    text = fields.String(dump_only=True)
    your_stars = fields.Integer(dump_only=True, allow_none=True)


class ReplyOut(Schema):
    id = fields.Integer(dump_only=True)
    parent_id = fields.Integer(dump_only=True, allow_none=True)
    name = fields.String(dump_only=True)
    website = fields.String(dump_only=True, allow_none=True)
    body = fields.String(dump_only=True)
    created_at = UtcDateTime(dump_only=True)


class CommentOut(ReplyOut):
    replies = fields.List(fields.Nested(ReplyOut), dump_only=True)


class CommentCreatedOut(Schema):
    id = fields.Integer(dump_only=True)
    parent_id = fields.Integer(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True)
    message = fields.String(dump_only=True)


class ArticleSummaryOut(Schema):
    slug = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    standfirst = fields.String(dump_only=True)
    author_name = fields.String(dump_only=True)
    published_at = UtcDateTime(dump_only=True)
    url = fields.String(dump_only=True)
    rating = fields.Nested(RatingFiguresOut, dump_only=True)
    comment_count = fields.Integer(dump_only=True)


class ArticleOut(ArticleSummaryOut):
    author_bio = fields.String(dump_only=True)
    reprint_credit = fields.String(dump_only=True, allow_none=True)
    body_html = fields.String(dump_only=True, metadata={"description": "Sanitised HTML."})
    related_skus = fields.List(fields.String(), dump_only=True)
    comments = fields.List(fields.Nested(CommentOut), dump_only=True)
