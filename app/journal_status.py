"""What the window may ask of the workstation's event journal: how much waits, and what refuses.

The journal (issue 14) keeps every flagged event, stream outage and recording index row on this
workstation's disk until the database has taken it. The status bar shows its depth, quitting warns
while entries wait, and a local disk that refuses even the journal is said on screen. `status()` is
cheap and never blocks on the database or the disk, so the GUI thread may call it every second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class JournalStatus:
    waiting: int = 0  # entries on this workstation's disk not yet in the database
    oldest_at: datetime | None = None  # when the oldest waiting entry was journaled
    # Why delivery is held up, in words a user can act on; None: not.
    database_problem: str | None = None
    # The disk refused the journal: events held in memory, shown until it clears.
    disk_problem: str | None = None
    held_in_memory: int = 0  # entries the disk refused, kept in memory and retried
    # Entries refused for a bug: kept and skipped, logged, tried again at the next start.
    stuck: int = 0


class JournalStatusSource(Protocol):
    def status(self) -> JournalStatus: ...
