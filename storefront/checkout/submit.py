"""One checkout submission with its idempotency key: shared by the JSON API and the form."""

from dataclasses import dataclass

from core.errors import StoreError
from storefront.checkout import idempotency
from storefront.checkout.payments import PaymentDeclined
from storefront.checkout.schemas import OrderOut
from storefront.checkout.service import PlaceOrder, place_order


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to send: 201 with the order body, or a replayed earlier answer."""

    status: int
    body: dict
    replayed: bool = False

    @property
    def order_number(self) -> str | None:
        return self.body.get("number") if self.status == 201 else None


def error_body(error: StoreError) -> dict:
    return {"error": {"code": error.code, "message": error.message, "fields": error.fields}}


def submit(request: PlaceOrder, *, key: str | None, fingerprint: str, wait_seconds: float = 0.0) -> Outcome:
    """Place the order at most once per key; a decline is final for its key, a change is not."""
    if key:
        replay = idempotency.begin(key, fingerprint, wait_seconds=wait_seconds)
        if replay is not None:
            return Outcome(replay.status, replay.body, replayed=True)

    placed: dict = {}

    def record(order) -> None:
        placed["body"] = OrderOut().dump(order)  # before commit: no reload afterwards
        if key:
            idempotency.finish(key, 201, placed["body"], order.number)

    try:
        order = place_order(request, on_placed=record)
    except PaymentDeclined as declined:
        if key:
            idempotency.finish_now(key, declined.status, error_body(declined))
        raise
    except BaseException:
        if key:
            idempotency.release(key)
        raise
    return Outcome(201, placed.get("body") or OrderOut().dump(order))
