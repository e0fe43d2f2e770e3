"""The refusals every package raises; storefront.errors turns them into answers."""


class StoreError(Exception):
    """A refusal a person can act on; views turn it into a 4xx with this message."""

    status = 400
    code = "bad_request"
    headers: tuple[tuple[str, str], ...] = ()

    def __init__(self, message: str, *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(StoreError):
    status = 404
    code = "not_found"


class Invalid(StoreError):
    status = 422
    code = "invalid"


class Conflict(StoreError):
    status = 409
    code = "conflict"


class JobAlreadyRunning(Conflict):
    """A background job holding the same lock is queued or running; `job_id` names it.

    Here, not beside the job runner, because the promotions admin, which may not import
    storefront, tells the merchant which batch of codes is still being made.
    """

    code = "job_running"

    def __init__(self, job_id: int, what: str):
        super().__init__(f"{what} is already running; wait for it to finish.")
        self.job_id = job_id
