"""The workstation's durable event journal (issue 14): nothing flagged is lost on its way to the
database.

An event raised by the rules engine, a stream outage and a recording index row count as raised once
they are appended to the journal file on this workstation's disk (local_file.py); one thread per
journal delivers them in order to the database, exactly once, retrying every failure that is not a
bug (delivery.py, apply.py). The console opens one journal per database at start-up (app.bootstrap)
and `attach`es it to its Database; the writers find it with `journal_for`. A Database nobody
attached one to (tests, tools) gets a temporary journal: same delivery, but its file lives in a
temporary folder, so it does not outlive the process.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from app.journal.delivery import Delivered, EventJournal, journal_path

if TYPE_CHECKING:
    from app.persistence import Database

__all__ = ["Delivered", "EventJournal", "attach", "journal_for", "journal_path"]

_journals: weakref.WeakKeyDictionary[Database, EventJournal] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def attach(database: Database, journal: EventJournal) -> None:
    """Make `journal` the one every writer on `database` appends to."""
    with _lock:
        _journals[database] = journal


def journal_for(database: Database) -> EventJournal:
    """The journal attached to `database`, or a temporary one made now and attached."""
    with _lock:
        journal = _journals.get(database)
        if journal is None:
            folder = Path(tempfile.mkdtemp(prefix="liangjiao-journal-"))
            journal = EventJournal(database, folder / "event-journal.sqlite3")
            weakref.finalize(journal, shutil.rmtree, folder, True)
            _journals[database] = journal
        return journal
