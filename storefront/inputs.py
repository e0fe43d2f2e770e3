"""Input no handler could use, refused in one place for every route before any view runs.

PostgreSQL refuses a NUL character in text and an integer beyond its column; Python's JSON
parser recurses once per nesting level and refuses integers past 4,300 digits with a plain
ValueError that webargs does not catch. Each surfaced as a 500 wherever it reached first.
Here a NUL in a field is a 422 naming the field, a NUL or an impossible id in the path a 404
(no row can have it), and JSON nested too deeply or with an absurd number a 400 saying so.
SQLite would store some of these; the answer is the same on both backends.
"""

import json

from flask import Flask, request
from werkzeug.routing import IntegerConverter, UnicodeConverter

from core.errors import Invalid, StoreError
from core.fields import MAX_ID

NUL = "\x00"
NUL_MESSAGE = "Remove the NUL character (\\u0000); it cannot be stored."
MAX_JSON_DEPTH = 32  # the deepest document any endpoint takes nests 4 levels
MAX_NUMBER_CHARS = 40  # far beyond any count, amount or id; a 5,000-digit integer is not one


class BadJson(StoreError):
    """Syntactically valid (or not) JSON that no endpoint could use."""


def digits_at_most(limit: int) -> str:
    """A regex matching exactly the digit strings whose value is at most `limit`.

    Routing checks a rule's methods before its converter, so an id refused only by the
    converter would answer 405 to a DELETE (the GET rule matched); a path the regex
    refuses matches no rule at all: 404 for every method.
    """
    text = str(limit)
    options = [rf"\d{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    for position, digit in enumerate(text):
        if digit != "0":
            rest = len(text) - position - 1
            options.append(
                text[:position] + f"[0-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else "")
            )
    options.append(text)
    return "(?:" + "|".join(options) + ")"


class IdConverter(IntegerConverter):
    """`<int:...>` bounded to the id columns' range: an impossible id is a 404 without a query."""

    regex = digits_at_most(MAX_ID)

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)


class TextConverter(UnicodeConverter):
    """A path segment without NUL: no row is named by one, so such a URL does not match (404)."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]", 1)


def register_converters(app: Flask) -> None:
    """Before any route is added: every `<int:>` and plain `<name>` segment uses these."""
    app.url_map.converters.update(default=TextConverter, string=TextConverter, int=IdConverter)


def _bounded_number(kind):
    def parse(literal: str):
        if len(literal) > MAX_NUMBER_CHARS:
            raise BadJson(f"Numbers may have at most {MAX_NUMBER_CHARS} characters.")
        return kind(literal)

    return parse


def _parse_json(body: bytes):
    try:
        return json.loads(body, parse_int=_bounded_number(int), parse_float=_bounded_number(float))
    except RecursionError:
        raise BadJson(f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels.") from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        raise BadJson("The body is not valid JSON.") from None


def _check_document(document) -> None:
    """Depth and NULs, walked without recursion (the document may be deep)."""
    pending = [(document, "", 1)]
    while pending:
        value, path, depth = pending.pop()
        if isinstance(value, str):
            if NUL in value:
                _refuse_nul(path or "_schema")
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise BadJson(f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels.")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            name = f"{path}.{key}" if path else str(key)
            if NUL in name:
                _refuse_nul(name)
            pending.append((item, name, depth + 1))


def _refuse_nul(name: str):
    name = name.replace(NUL, "\\u0000")
    raise Invalid(f"{name}: {NUL_MESSAGE}", fields={name: [NUL_MESSAGE]})


def refuse_unusable_input() -> None:
    """before_request: NULs in the query string, form or JSON body; unusable JSON."""
    for values in (request.args, request.form):
        for name, value in values.items(multi=True):
            if NUL in name or NUL in value:
                _refuse_nul(name)
    if request.is_json and request.content_length != 0:
        body = request.get_data(cache=True)
        if body:
            _check_document(_parse_json(body))


def register(app: Flask) -> None:
    register_converters(app)
    app.before_request(refuse_unusable_input)
