"""A real queue for tests: a SQLite-file Huey with worker threads, and a local SMTP sink."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from core.extensions import db
from storefront.queue import start_worker


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """An SMTP server on 127.0.0.1 that can refuse the first messages or hold them until released."""

    def __init__(self, *, refuse_first: int = 0, hold: bool = False):
        self.refusals_left = refuse_first
        self.released = threading.Event()
        if not hold:
            self.released.set()
        self.messages = []
        self.tries = 0
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        await asyncio.get_running_loop().run_in_executor(None, self.released.wait, 30)
        if self.refusals_left:
            self.refusals_left -= 1
            return "451 4.3.0 Try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def mail_config(self) -> dict:
        return {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.controller.port,
                "MAIL_TIMEOUT": 30}


def queue_config(tmp_path) -> dict:
    """A fresh queue file per test; failed mail retried after 0.05 s, 0.1 s, ..."""
    return {"QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}", "MAIL_RETRY_DELAY": 0.05}


def run_worker():
    """Two worker threads polling often; the caller stops them (consumer.stop(graceful=True))."""
    return start_worker(workers=2, periodic=False, initial_delay=0.02, max_delay=0.1)


def wait_for(check, timeout: float = 30.0):
    """Poll `check()` (reading fresh rows each time) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()  # a new read transaction each time: see what the worker committed
        if value := check():
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {check.__doc__ or check}")
        time.sleep(0.05)
