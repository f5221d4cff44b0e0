"""A real PostgreSQL whose backends are terminated mid-write, and which is stopped while the console
quits: every event reaches it exactly once (issue 14, item 1).

Before the event journal, a batch whose connection died between statements failed with an error
that carries no SQLSTATE, was not counted as transient, and was dropped; and what waited while the
server was down lived only in memory, so quitting lost it.
"""

from __future__ import annotations

import random
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from app.persistence import Database
from app.supervision.event_writer import SupervisionEventWriter
from tests.helpers.event_world import create_database
from tests.helpers.journal_faults import closed_correctly, situation, stored_marks
from tests.helpers.postgres import (
    START_TIMEOUT_S,
    PostgresServer,
    _as_server_user,
    _start_cluster,
    _unavailable,
    find_postgres_bin,
)
from tests.helpers.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class _BackendKiller:
    """Terminates the console's busy backends on `database` at random moments, on its own thread,
    up to `kills` times (every attempt killed would be an outage, not a fault)."""

    def __init__(self, server: PostgresServer, database: str, kills: int = 25) -> None:
        self._kills = kills
        self._random = random.Random(14)
        self._server, self._database = server, database
        self._stop = threading.Event()
        self.terminated = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with self._server.connect_admin() as admin:
            while self.terminated < self._kills and not self._stop.wait(self._random.uniform(0.01, 0.1)):
                rows = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid() "
                    "AND application_name = 'liangjiao-console' AND state <> 'idle'",
                    (self._database,),
                ).fetchall()
                self.terminated += sum(1 for (done,) in rows if done)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)


def _write(writer: SupervisionEventWriter, numbers: range) -> None:
    for n in numbers:
        for action in situation(n):
            writer.submit(action)


def test_events_written_while_backends_are_terminated_mid_write_are_stored_once(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = create_database(postgres_url)
    writer = SupervisionEventWriter(database)
    killer = _BackendKiller(postgres_server, postgres_url.rsplit("/", 1)[1])
    try:
        for start in range(0, 300, 10):  # in bursts, so that many batches meet the killer
            _write(writer, range(start, start + 10))
            time.sleep(0.05)  # bursts: the pause between them lets the killer strike mid-batch
    finally:
        writer.close(timeout=60)
        killer.stop()
    assert killer.terminated > 0
    marks = stored_marks(database)
    assert set(marks) == {f"n{n}" for n in range(300)}, f"{300 - len(marks)} situations lost"
    assert max(marks.values()) == 1, "a situation stored twice"
    assert closed_correctly(database) == 300
    database.dispose()


@pytest.fixture
def own_server() -> Iterator[tuple[PostgresServer, Path]]:
    """A server of its own for this test, which it may stop and start again (bin folder returned)."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
    assert bin_dir is not None
    server, stop = _start_cluster(bin_dir)
    try:
        yield server, bin_dir
    finally:
        stop()


def _pg_ctl(server: PostgresServer, bin_dir: Path, action: str) -> None:
    socket_dir = server.data_dir.parent / "socket"
    command = [str(bin_dir / "pg_ctl"), "-D", str(server.data_dir), "-w", "-t", str(START_TIMEOUT_S)]
    if action == "start":
        options = f"-c listen_addresses=127.0.0.1 -p {server.port} -k {socket_dir} -c fsync=off"
        command += ["-o", options, "-l", str(server.data_dir.parent / "server.log"), "start"]
    else:
        command += ["-m", "fast", "stop"]
    result = subprocess.run(_as_server_user(command), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_events_waiting_when_the_console_quits_during_an_outage_are_delivered_once_at_the_next_start(
    own_server: tuple[PostgresServer, Path], tmp_path: Path
) -> None:
    from app.journal import EventJournal, attach

    server, bin_dir = own_server
    with server.connect_admin() as admin:
        admin.execute('CREATE DATABASE "journal"')
    url = server.url("journal")
    journal_file = tmp_path / "data" / "event-journal.sqlite3"
    database = create_database(url)
    journal = EventJournal(database, journal_file)
    attach(database, journal)
    writer = SupervisionEventWriter(database)
    killer = _BackendKiller(server, "journal")
    _write(writer, range(0, 150))
    wait_until(lambda: killer.terminated > 0 or journal.status().waiting == 0, 10)
    killer.stop()
    _pg_ctl(server, bin_dir, "stop")  # the server goes down while the console still writes ...
    _write(writer, range(150, 200))
    assert not writer.close(timeout=2)  # ... and quits: the database cannot take what waits
    waiting = journal.status().waiting
    assert waiting > 0 and journal.status().database_problem is not None
    assert not journal.close(timeout=2)
    database.dispose()

    _pg_ctl(server, bin_dir, "start")  # the next start, on the same workstation
    database = Database(url)
    journal = EventJournal(database, journal_file)
    assert journal.status().waiting == waiting  # what the last run left is still there
    wait_until(lambda: journal.status().waiting == 0, 60)
    marks = stored_marks(database)
    assert set(marks) == {f"n{n}" for n in range(200)}, f"{200 - len(marks)} situations lost"
    assert max(marks.values()) == 1, "a situation stored twice"
    assert closed_correctly(database) == 200
    assert journal.close(timeout=5)
    database.dispose()
    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres") as check:
        assert check.execute("SELECT 1").fetchone() == (1,)
