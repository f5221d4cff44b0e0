"""Coverage gaps: spans in which a background subsystem of the console was not doing its work.

A gap is what the console could not watch, record or score: a face-analysis worker crashed or hung,
enrolment failed and analysis never started, analysis was switched off, photo scoring or a recorder
died and waits for its restart. Each gap has a start, an end once it is over (None while it lasts),
the subsystem, the cameras it concerns (empty: the whole subsystem) and why. The Dashboard adds up
today's gaps; the wall says which tiles are in one. Pure: no Qt, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Subsystem(StrEnum):
    """The background subsystems the console supervises (app/restart_supervisor.py)."""

    FACE_ANALYSIS = "face-analysis"  # enrolment, the analysis service and the rules thread, as a whole
    ANALYSIS_WORKER = "analysis-worker"  # one face-analysis worker process (its cameras)
    PHOTO_SCORING = "photo-scoring"
    RECORDING = "recording"  # a camera's recorder thread
    RETENTION = "retention"


# The reason while analysis is switched off: not a failure, so not restarted.
SWITCHED_OFF = "switched off in the settings"

# Subsystems whose gaps are blind spans of face analysis: the Dashboard's "analysis gaps".
ANALYSIS_SUBSYSTEMS = frozenset({Subsystem.FACE_ANALYSIS, Subsystem.ANALYSIS_WORKER})


@dataclass(frozen=True, slots=True)
class CoverageGap:
    key: str  # unique; made by the workstation that saw the gap
    subsystem: Subsystem
    started_at: datetime  # naive local times, like every time in the console
    ended_at: datetime | None
    reason: str
    camera_ids: tuple[int, ...] = ()  # () = the whole subsystem
    workstation: str = ""
    # "recovered", "stopped" (quit with the gap open) or "last-heartbeat" (after a crash).
    end_basis: str = ""

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def duration(self, now: datetime) -> timedelta:
        return (self.ended_at or now) - self.started_at

    def concerns(self, camera_id: int) -> bool:
        return not self.camera_ids or camera_id in self.camera_ids


@dataclass(frozen=True, slots=True)
class GapSummary:
    """Today's gaps of some subsystems, for the Dashboard."""

    count: int = 0
    total: timedelta = timedelta(0)  # the union of their spans within the day, up to now
    current: CoverageGap | None = None  # the longest-running open one, if any


def summarise_gaps(gaps: Iterable[CoverageGap], day_start: datetime, now: datetime) -> GapSummary:
    """Count the gaps that touch [day_start, now] and add up the time covered by at least one of
    them (overlapping gaps — two workers down at once — count once)."""
    spans: list[tuple[datetime, datetime]] = []
    count = 0
    current: CoverageGap | None = None
    for gap in gaps:
        start = max(gap.started_at, day_start)
        end = min(gap.ended_at or now, now)
        if end < start or (gap.ended_at is not None and gap.ended_at < day_start):
            continue
        count += 1
        spans.append((start, end))
        if gap.is_open and (current is None or gap.started_at < current.started_at):
            current = gap
    total = timedelta(0)
    reach: datetime | None = None
    for start, end in sorted(spans):
        if reach is not None and start < reach:
            start = reach
        if end > start:
            total += end - start
        reach = end if reach is None else max(reach, end)
    return GapSummary(count, total, current)
