"""The console opens one event journal per database at start-up, hands its status to the window,
delivers what an earlier run left in it, and lets every writer on that database use it."""

from __future__ import annotations

from pathlib import Path

from app import paths
from app.bootstrap import BootstrapOptions, load_console
from app.journal import journal_for, journal_path
from app.journal.entries import encode
from app.journal.local_file import LocalJournalFile
from app.persistence import Database
from app.supervision.event_writer import SupervisionEventWriter
from app.video.stream_events import CloseLoss, OpenLoss
from tests.helpers.event_world import create_database
from tests.helpers.journal_faults import T0, situation, stored_marks
from tests.helpers.waiting import wait_until


def test_the_console_delivers_what_an_earlier_run_left_in_its_journal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    create_database(url).dispose()
    path = journal_path(paths.data_dir(), url)
    # An earlier run journaled three situations and quit before the database took them.
    earlier_database = Database(f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}")  # only for the writer
    writer = SupervisionEventWriter(earlier_database)  # its conversion of actions into entries
    earlier = LocalJournalFile(path)
    for n in range(3):
        for action in situation(n):
            earlier.append("supervision", encode(writer._entry(action)))
    earlier.close()
    earlier_database.dispose()

    loaded = load_console(BootstrapOptions(database_url=url, analysis=False, record=False))
    try:
        journal = journal_for(loaded.database)
        assert loaded.context.journal is journal and journal.path == path
        wait_until(lambda: journal.status().waiting == 0, 10)
        assert stored_marks(loaded.database) == {"n0": 1, "n1": 1, "n2": 1}
        stream_events = loaded.context.stream_events
        assert stream_events is not None
        stream_events.submit(OpenLoss("k", 1, None, T0))
        stream_events.submit(CloseLoss("k", T0))
        assert journal.status().disk_problem is None
    finally:
        loaded.shutdown()
    assert journal.status().waiting == 0  # the shutdown delivered the outage before it closed
