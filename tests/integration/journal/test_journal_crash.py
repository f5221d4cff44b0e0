"""A console killed with SIGKILL while it writes events loses none of them: the next start delivers
the rest, and none twice (issue 14, item 1).

A real child process raises numbered situations (raise, extend, close) through the real writer and
the workstation's journal, saying on stdout which ones `submit` has returned for; it is killed with
SIGKILL halfway, in the middle of deliveries. A new process (this one) opens the same journal on
the same database, as the next start of the console does. Before the journal, everything the
writer had queued in memory died with the process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.persistence import Database
from tests.helpers.event_world import create_database
from tests.helpers.journal_faults import closed_correctly, stored_marks
from tests.helpers.waiting import wait_until

ROOT = Path(__file__).resolve().parents[3]
CHILD = """
import sys
from app.persistence import Database
from app.supervision.event_writer import SupervisionEventWriter
from tests.helpers.journal_faults import situation

database = Database(sys.argv[1])
try:  # the console attaches the workstation's journal to its database at start-up
    from app.journal import EventJournal, attach
    attach(database, EventJournal(database, __import__("pathlib").Path(sys.argv[2]), batch_max=20))
except ImportError:
    pass
writer = SupervisionEventWriter(database)
for n in range(100000):
    for action in situation(n):
        writer.submit(action)
    print(n, flush=True)
"""


def _run_child_until_killed(url: str, journal_file: Path, situations: int) -> int:
    """The child's last fully submitted situation when it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(journal_file)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    last = -1
    deadline = time.monotonic() + 60
    try:
        for line in child.stdout:
            last = int(line)
            if last >= situations or time.monotonic() > deadline:
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    return last


def test_events_of_a_console_killed_while_writing_are_delivered_once_by_the_next_start(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    create_database(url).dispose()
    journal_file = tmp_path / "data" / "event-journal.sqlite3"
    last = _run_child_until_killed(url, journal_file, situations=300)
    assert last >= 300
    database = Database(url)
    try:  # the next start opens the same journal
        from app.journal import EventJournal, attach

        journal = EventJournal(database, journal_file)
        attach(database, journal)
        print(f"the killed console left {journal.status().waiting} journal entries")
        wait_until(lambda: journal.status().waiting == 0, 60)
        journal.close(timeout=5)
    except ImportError:
        pass
    marks = stored_marks(database)
    missing = [n for n in range(last + 1) if marks[f"n{n}"] == 0]
    assert not missing, f"{len(missing)} situations submitted before the kill were lost"
    assert max(marks.values()) == 1, "a situation stored twice"
    assert set(marks) <= {f"n{n}" for n in range(last + 2)}  # at most the one being submitted more
    assert closed_correctly(database) >= last + 1
    database.dispose()
