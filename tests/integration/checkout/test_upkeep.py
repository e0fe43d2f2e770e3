"""Periodic jobs: the sweep re-sends what was stranded; old keys and abandoned carts expire."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from core.extensions import db
from storefront.cart.models import Cart
from storefront.checkout.models import IdempotencyKey, KeyStatus
from storefront.jobs.expiry import expire
from storefront.jobs.tasks import sweep
from storefront.mail.models import OutboxMessage, OutboxStatus
from storefront.queue import queue
from tests.integration.checkout.helpers import checkout, new_cart
from tests.integration.queue import queue_config, run_worker, wait_for

NOW = datetime.now(UTC)


def test_expiry_removes_old_finished_keys_and_abandoned_carts_only(app, client, tea):
    placed = new_cart(client, ("TEA-1", 1))
    checkout(client, placed)
    abandoned, recent = new_cart(client, ("TEA-1", 1)), new_cart(client, ("TEA-1", 1))
    db.session.add_all([
        IdempotencyKey(key="old", fingerprint="x", status=KeyStatus.DONE, created_at=NOW - timedelta(days=3)),
        IdempotencyKey(key="new", fingerprint="x", status=KeyStatus.DONE, created_at=NOW),
    ])
    long_ago = NOW - timedelta(days=31)
    db.session.execute(update(Cart).where(Cart.token.in_([placed, abandoned])).values(updated_at=long_ago))
    db.session.commit()

    expire(NOW)

    assert set(db.session.scalars(select(Cart.token))) == {placed, recent}
    keys = set(db.session.scalars(select(IdempotencyKey.key)))
    assert "new" in keys and "old" not in keys


class TestSweep:
    @pytest.fixture
    def app_config(self, tmp_path):
        return queue_config(tmp_path)

    def test_a_confirmation_whose_job_was_lost_is_sent_by_the_sweep(self, app, client, tea):
        checkout(client, new_cart(client, ("TEA-1", 1)))
        queue.flush()  # the queue lost the delivery job (say, Redis restarted without persistence)
        table = OutboxMessage.__table__
        db.session.execute(update(table).values(created_at=NOW - timedelta(minutes=5)))
        db.session.commit()

        sweep.call_local()
        consumer = run_worker()
        try:
            sent = wait_for(lambda: db.session.scalar(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SENT)))
        finally:
            consumer.stop(graceful=True)
        assert sent.attempts == 1
