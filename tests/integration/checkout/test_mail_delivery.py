"""Order mail goes through the queue to a real SMTP server: after commit, retried, once."""

import pytest
from sqlalchemy import select

from core.extensions import db
from storefront.checkout.models import OutboxMessage, OutboxStatus
from tests.factories import OWNER, PASSWORD, make_admin
from tests.integration.checkout.helpers import checkout, new_cart
from tests.integration.queue import SmtpSink, queue_config, run_worker, wait_for


@pytest.fixture
def sink(request):
    sink = SmtpSink(**getattr(request, "param", {}))
    sink.controller.start()
    yield sink
    sink.released.set()
    sink.controller.stop()


@pytest.fixture
def app_config(sink, tmp_path):
    return queue_config(tmp_path) | sink.mail_config()


@pytest.fixture
def worker(app):
    consumer = run_worker()
    yield consumer
    consumer.stop(graceful=True)


def message(kind: str) -> OutboxMessage | None:
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == kind))


def sent(kind: str):
    def check():
        """the message to be sent"""
        found = message(kind)
        return found if found is not None and found.status == OutboxStatus.SENT else None

    return check


@pytest.mark.parametrize("sink", [{"hold": True}], indirect=True)
def test_checkout_answers_while_the_mail_server_hangs(client, tea, sink, worker):
    response = checkout(client, new_cart(client, ("TEA-1", 1)))
    assert response.status_code == 201
    db.session.rollback()
    assert message("order_confirmation").status in (OutboxStatus.PENDING, OutboxStatus.SENDING)
    assert sink.messages == []
    sink.released.set()
    wait_for(sent("order_confirmation"))
    assert len(sink.messages) == 1


@pytest.mark.parametrize("sink", [{"refuse_first": 2}], indirect=True)
def test_a_server_that_refuses_twice_gets_the_message_exactly_once(client, tea, sink, worker):
    checkout(client, new_cart(client, ("TEA-1", 1)))
    delivered = wait_for(sent("order_confirmation"))
    assert (delivered.attempts, sink.tries, len(sink.messages)) == (3, 3, 1)


def test_confirmation_and_cancellation_reach_the_shopper_with_a_link_to_the_order(client, tea, sink, worker):
    number = checkout(client, new_cart(client, ("TEA-1", 2))).get_json()["number"]
    wait_for(sent("order_confirmation"))
    make_admin()
    cancelled = client.post(f"/api/v1/orders/{number}/cancel", auth=(OWNER, PASSWORD))
    assert cancelled.status_code == 200
    wait_for(sent("order_cancellation"))
    confirmation, cancellation = sink.messages
    assert number in confirmation["Subject"] and "confirmed" in confirmation["Subject"]
    assert number in cancellation["Subject"] and "cancelled" in cancellation["Subject"]
    for mail in (confirmation, cancellation):
        assert mail["To"] == "ada@example.com"
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert f"/orders/{number}" in text and f'href="http://localhost/orders/{number}"' in html
