"""One error vocabulary: JSON `{"error": {...}}` for API clients, styled HTML for browsers.

The refusals themselves (StoreError and friends) live in core.errors; this module answers them.
"""

from contextlib import suppress

from flask import Flask, jsonify, make_response, render_template, request
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from core.errors import StoreError
from core.refusals import Refusal


def flatten_messages(messages) -> dict:
    """webargs nests messages under the location (`json`, `query`); callers want the fields."""
    if isinstance(messages, dict) and len(messages) == 1:
        (key, inner), = messages.items()
        if key in {"json", "query", "form", "querystring", "headers", "files"} and isinstance(inner, dict):
            return inner
    return messages if isinstance(messages, dict) else {"_schema": messages}


def summarise(fields: dict, *, named: bool = True) -> str:
    """The first field problem in words: "quantity: Enter a whole number." for API clients,
    just "Enter a whole number." for people (`named=False`)."""
    for name, messages in fields.items():
        while isinstance(messages, dict) and messages:
            name, messages = next(iter(messages.items()))
        if isinstance(messages, list) and messages and isinstance(messages[0], str):
            return messages[0] if name == "_schema" or not named else f"{name}: {messages[0]}"
    return FRIENDLY[422]


def explain(refused: Refusal) -> str:
    """A refusal in one sentence for people: the service's own, or the first field's message."""
    return refused.message or summarise(refused.fields, named=False)


def field_messages(fields: dict) -> list[str]:
    """Every message of a (possibly nested) field mapping, without the field names."""
    found = []
    for messages in fields.values():
        if isinstance(messages, dict):
            found += field_messages(messages)
        elif isinstance(messages, str):
            found.append(messages)
        else:
            found += [m for m in messages if isinstance(m, str)]
    return found


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, code: str, message: str, fields: dict | None = None, headers=()):
    if wants_json():
        response = jsonify({"error": {"code": code, "message": message, "fields": fields or {}}})
    else:
        if fields and message == summarise(fields):  # people get the words without field names
            message = summarise(fields, named=False)
        problems = [m for m in field_messages(fields or {}) if m != message]
        response = make_response(render_template("errors/error.html", status=status, message=message, problems=problems))
    response.status_code = status
    response.headers.extend(headers)  # extend, not update: keeps every WWW-Authenticate
    return response


HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "too_many_requests",
}

FRIENDLY = {
    400: "The request could not be understood.",
    401: "Please sign in to continue.",
    403: "You do not have permission to do that.",
    404: "We couldn't find that page.",
    405: "That action isn't allowed here.",
    413: "That request is too large.",
    422: "Some of the information you sent isn't valid.",
    429: "Too many attempts. Please wait a moment and try again.",
}


def handle_http_exception(error: HTTPException):
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    fields = flatten_messages(data["messages"]) if "messages" in data else {}
    message = data.get("message") or FRIENDLY.get(status) or error.description or error.name
    if status == 422 and fields and not data.get("message"):
        message = summarise(fields)
    # a list, not a dict: a 401 may carry several WWW-Authenticate challenges
    headers = [
        (name, value)
        for name, value in (error.get_headers() if status in (401, 405, 429) else [])
        if name != "Content-Type"
    ]
    return error_response(status, HTTP_CODES.get(status, "error"), message, fields, headers)


def handle_store_error(error: StoreError):
    return error_response(error.status, error.code, error.message, error.fields, error.headers)


def handle_database_error(error: DBAPIError):
    """A lock that outlasted the busy timeout outside `write_transaction` is still a 503."""
    from core.transactions import StoreBusy, is_lock_timeout

    if is_lock_timeout(error):
        _discard_failed_transaction()
        return handle_store_error(StoreBusy())
    return handle_unexpected(error)


def handle_validation_error(error: ValidationError):
    fields = flatten_messages(error.messages)
    return error_response(422, "invalid", summarise(fields), fields)


def handle_unexpected(error: Exception):
    """Never leak a stack trace; log it and answer a plain 500."""
    from flask import current_app

    current_app.logger.exception("Unhandled error", exc_info=error)
    _discard_failed_transaction()
    return error_response(500, "server_error", "Something went wrong on our side. Please try again.")


def _discard_failed_transaction() -> None:
    """A failed statement leaves PostgreSQL's transaction aborted; roll back so the page renders."""
    from core.extensions import db

    with suppress(Exception):  # the database may be the thing that is down
        db.session.rollback()


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(StoreError, handle_store_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.register_error_handler(Exception, handle_unexpected)
