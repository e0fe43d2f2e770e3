"""The server the HTTP benchmarks measure: a subprocess on a free loopback port, and a client.

The server counts as up once `/healthz` answers 200; leaving the `with` block stops it
(SIGTERM, then SIGKILL after 20 s), so a failed run leaves no process behind.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 30


def free_port(candidates: Iterable[int] = (0,)) -> int:
    """The first of `candidates` free on 127.0.0.1 (0: any free port)."""
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def request(port: int, path: str, *, method="GET", body=None, headers=None, timeout=10):
    """One request on a fresh connection: (status, headers, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def call_json(port: int, method: str, path: str, body=None, headers=None) -> tuple[int, dict]:
    """A JSON API request: `body` sent as JSON, the answer's JSON object (or {}) returned."""
    status, _, raw = request(
        port, path, method=method, timeout=60,
        body=None if body is None else json.dumps(body),
        headers={"Content-Type": "application/json", "Accept": "application/json"} | (headers or {}),
    )
    return status, json.loads(raw) if raw.startswith(b"{") else {}


class LiveServer:
    """`command` run from the repository root with `env`, serving on 127.0.0.1:`port`."""

    def __init__(self, command: list[str], env: dict, port: int):
        self.command, self.env, self.port = command, env, port
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> LiveServer:
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited:\n" + self.process.stderr.read().decode()[-2000:])
            try:
                if request(self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"the server did not answer /healthz in {STARTUP_SECONDS} s")

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (children of the server process), in MB."""
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{self.process.pid}$", text, re.M):
                match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
                if match:
                    sizes.append(int(match.group(1)) / 1024)
        return sorted(sizes)
