"""Document the error answers every operation can give, so clients and Schemathesis expect them.

flask-smorest documents the 200 and 422 of each view; the other refusals come from the app
around the view (unknown ids, malformed or oversized bodies, admin authentication). This
apispec plugin adds them, as references to the error envelope, to every operation it is given,
including those other features add later.
"""

from http import HTTPStatus

from apispec import BasePlugin

BODY_METHODS = {"post", "put", "patch"}


def _name(status: int) -> str:
    """The component flask-smorest registered for `status` (e.g. 404 -> "NOT_FOUND")."""
    return HTTPStatus(status).name


def error_statuses(path: str, method: str, operation: dict) -> list[int]:
    """The error statuses an operation can answer besides the ones its view declares."""
    statuses = []
    if method in BODY_METHODS or "requestBody" in operation:
        statuses += [400, 413]
    if "{" in path:
        statuses.append(404)
    if operation.get("security"):
        statuses += [401, 403, 429]  # 429: too many failed sign-ins (storefront/admin/throttle.py)
    return statuses


class ErrorResponses(BasePlugin):
    """Add the envelope-shaped error responses to each operation as it is registered."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for status in error_statuses(path or "", method, operation):
                if status not in responses and str(status) not in responses:
                    responses[status] = _name(status)
