"""Load generators for benchmarks/http.py: wrk when installed, else keep-alive Python threads.

Each returns (requests/s, p50 ms, p99 ms, responses with an error status) for one target.
The Python generator tops out well below the server, so its figures are a floor.

`busy_cpu_seconds()` reads the whole machine's busy CPU time, so a caller can divide what a
load cost the machine (server, database, Redis and the load tool together) by its requests:
on a shared machine that moves much less between runs than requests per second do.
"""

from __future__ import annotations

import http.client
import os
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass


def busy_cpu_seconds() -> float | None:
    """CPU seconds the machine has spent busy since boot, every core; None off Linux."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle, iowait = ticks[3], ticks[4]
    return (sum(ticks) - idle - iowait) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    headers: dict


def run_wrk(port: int, target: Target, seconds: int, connections: int) -> tuple[float, float, float, int]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in target.headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [f"http://127.0.0.1:{port}{target.path}"], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _wrk_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def _wrk_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_python(port: int, target: Target, seconds: int, connections: int) -> tuple[float, float, float, int]:
    """Keep-alive connections from threads; bounded by `seconds`. A floor, not a ceiling."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", target.path, headers=target.headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    return len(latencies) / seconds, statistics.median(latencies) * 1000, p99 * 1000, errors[0]
