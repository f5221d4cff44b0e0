"""What the window shows about the console as a whole: the Dashboard's figures and the database.

Value types only, produced by the persistence layer (the counts' queries, the engine's description)
and read by the window, so that storage never imports the window's context to name them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.coverage_gaps import GapSummary
from app.domain.event_tallies import EventTally
from app.domain.people import Scope


@dataclass(frozen=True, slots=True)
class DashboardCounts:
    """Figures for the Dashboard pane within one scope. Computed on a worker thread."""

    counties: int = 0
    sites: int = 0
    classrooms: int = 0
    cameras: int = 0
    learners: int = 0
    sessions_today: int = 0
    learners_rostered_today: int = 0
    online_records: int = 0
    captured_photos: int = 0
    completions_pending: int = 0
    events_open: int = 0
    # Today's events by kind, per starting hour and per classroom (the pane sums up).
    events_by_hour: tuple[EventTally, ...] = ()
    events_by_classroom: tuple[EventTally, ...] = ()
    # Classrooms in session now, and how many of them are analysed and recorded.
    classrooms_in_session: int = 0
    classrooms_watched: int = 0
    classrooms_recorded: int = 0
    # Waiting work: new events, unclaimed high-severity ones, photos awaiting a spot-check verdict.
    events_new: int = 0
    high_unclaimed: int = 0
    spot_checks_pending: int = 0
    # Today's face-analysis gaps of this workstation (app/domain/coverage_gaps.py); None: not known.
    analysis_gaps: GapSummary | None = None


# Blocking; called only from a worker thread (app.tasks), never on the GUI thread.
DashboardSource = Callable[[Scope], DashboardCounts]


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    backend: str  # "sqlite" or "postgresql"
    display_url: str  # password masked; safe to show and log
    schema_revision: str = ""
