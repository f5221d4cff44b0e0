"""The Dashboard pane's one blocking call: figures, charts and coverage of a scope, right now.

Built by the composition root (app/bootstrap.py) and called only on a TaskRunner worker. The
database answers everything but which classrooms face analysis watches: that lives in this
process (LiveAnalysis' per-camera statuses, a lock-guarded copy), so it is read here and handed
to the query as a set of classrooms. A camera in an open coverage gap (analysis crashed, hung or
restarting) is not watched, whatever its last result. Today's analysis gaps of this workstation
are read from `coverage_gaps` (app/gap_recorder.py writes them) and added up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from app.domain.coverage_gaps import ANALYSIS_SUBSYSTEMS, CoverageGap, GapSummary, summarise_gaps
from app.domain.dashboard import DashboardCounts, DashboardSource
from app.domain.people import Scope

if TYPE_CHECKING:
    from app.gap_recorder import GapRecorder
    from app.persistence import Database
    from app.vision.analysis_types import AnalysisStatus

# Sampled ~1/s: a camera silent this long is off the page or its worker restarts.
WATCHED_WITHIN = timedelta(seconds=10)


class AnalysisStatuses(Protocol):
    """What is used of app.vision.live_analysis.LiveAnalysis: a non-blocking copy of its statuses."""

    def statuses(self) -> Mapping[int, AnalysisStatus]: ...


def watched_classrooms(
    statuses: Mapping[int, AnalysisStatus], camera_rooms: Mapping[int, int], now: datetime
) -> set[int]:
    """Classrooms with a camera analysed within WATCHED_WITHIN of `now` (naive local times)."""
    rooms = set()
    for camera_id, status in statuses.items():
        last = status.last_result_at
        if status.interrupted_since is not None:
            continue  # in a coverage gap: not watched, even if its last result is recent
        if last is not None and now - last <= WATCHED_WITHIN and camera_id in camera_rooms:
            rooms.add(camera_rooms[camera_id])
    return rooms


def dashboard_source(
    database: Database,
    camera_rooms: Mapping[int, int],
    analysis: AnalysisStatuses | None = None,
    clock: Callable[[], datetime] = datetime.now,
    *,
    gaps: GapRecorder | None = None,
) -> DashboardSource:
    """A DashboardSource over `database`; `camera_rooms` maps camera id → classroom id; `gaps`:
    this workstation's gap recorder (None: no gap figures)."""
    from app.persistence.repositories.coverage_gap_repository import CoverageGapRepository
    from app.persistence.repositories.workspace_repository import WorkspaceRepository

    def figures(scope: Scope) -> DashboardCounts:
        now = clock()
        watched = watched_classrooms(analysis.statuses(), camera_rooms, now) if analysis else set()
        with database.reading() as session:
            counts = WorkspaceRepository(session).counts(scope, now.date(), now=now, watched=watched)
            if gaps is None:
                return counts
            day_start = datetime.combine(now.date(), datetime.min.time())
            stored = CoverageGapRepository(session).touching(day_start, now, gaps.workstation)
        return replace(counts, analysis_gaps=analysis_gap_summary(stored, gaps, day_start, now))

    return figures


def analysis_gap_summary(
    stored: list[CoverageGap], gaps: GapRecorder, day_start: datetime, now: datetime
) -> GapSummary:
    """Today's analysis gaps: the stored ones, with this run's (not written yet, or changed since)
    taking precedence by key, so a gap shows while the database is refusing it."""
    by_key = {gap.key: gap for gap in stored}
    by_key.update({gap.key: gap for gap in gaps.gaps()})
    return summarise_gaps(
        (gap for gap in by_key.values() if gap.subsystem in ANALYSIS_SUBSYSTEMS), day_start, now
    )
