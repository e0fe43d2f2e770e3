"""The embedded SQLite default holds bursts of concurrent writers over HTTP, in several processes.

gunicorn with 4 sync workers (four processes on one file) and `flask run` (threads in one
process, what `make run` serves) each get 40 simultaneous add-to-cart, code, promotion-edit
and comment requests (benchmarks/sqlite_writes.py): none may fail, and the database must keep
every one of them. Timings are printed by the benchmark, never asserted here.
"""

import pytest

from benchmarks.sqlite_writes import measure

BURST = 40


@pytest.mark.parametrize("server", ["gunicorn", "flask"])
def test_forty_concurrent_writers_of_each_kind_all_succeed_and_all_are_kept(server):
    for burst in measure(server, BURST):
        assert burst.errors == 0, f"{burst.name}: {dict(burst.statuses)}"
        assert set(burst.statuses) <= {200, 201}, f"{burst.name}: {dict(burst.statuses)}"
        assert burst.kept == burst.expected, f"{burst.name}: kept {burst.kept} of {burst.expected}"
