"""A camera's recorded segments in wall-clock order: where a moment is, what covers a span, the holes.

A segment's picture runs from `started_at` for `duration_s` seconds (its pts are rebased to 0), so a
wall time t lies in the segment with started_at <= t < started_at + duration_s, at offset
t - started_at. A segment still open (duration 0) is taken to end at `ended_at` or not to cover yet.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

from app.domain.recordings import Recording

__all__ = ["SegmentPosition", "SegmentTimeline", "wall_time"]


def wall_time(base: datetime, seconds: Fraction) -> datetime:
    """`base` plus `seconds` of stream time, rounded to the microsecond: the one conversion of a pts
    to wall-clock time, so seeking, playback and export agree on every frame's time."""
    return base + timedelta(microseconds=round(seconds * 1_000_000))


@dataclass(frozen=True, slots=True)
class SegmentPosition:
    recording: Recording
    offset_s: float  # seconds from the segment's start (its pts 0)

    @property
    def offset(self) -> timedelta:
        return timedelta(seconds=self.offset_s)


def segment_end(recording: Recording) -> datetime:
    """Where a segment's picture ends (its start for an open one of unknown length)."""
    if recording.duration_s > 0:
        return recording.started_at + timedelta(seconds=recording.duration_s)
    return recording.ended_at if recording.ended_at is not None else recording.started_at


class SegmentTimeline:
    """Immutable view of one camera's segments, sorted by start time."""

    def __init__(self, recordings: Sequence[Recording], root: Path) -> None:
        self.root = Path(root)
        self.segments: tuple[Recording, ...] = tuple(sorted(recordings, key=lambda r: (r.started_at, r.id)))
        cameras = {r.camera_id for r in self.segments}
        if len(cameras) > 1:
            raise ValueError(f"a timeline holds one camera's segments, got cameras {sorted(cameras)}")
        self._starts = [r.started_at for r in self.segments]

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def camera_id(self) -> int | None:
        return self.segments[0].camera_id if self.segments else None

    @property
    def start(self) -> datetime | None:
        return self.segments[0].started_at if self.segments else None

    @property
    def end(self) -> datetime | None:
        return max(map(segment_end, self.segments)) if self.segments else None

    def path_of(self, recording: Recording) -> Path:
        return self.root / recording.path

    @staticmethod
    def end_of(recording: Recording) -> datetime:
        return segment_end(recording)

    def locate(self, at: datetime) -> SegmentPosition | None:
        """The segment showing `at` and the offset into it; None in a gap or outside the recordings."""
        index = bisect.bisect_right(self._starts, at) - 1
        if index < 0:
            return None
        recording = self.segments[index]
        if at < segment_end(recording):
            return SegmentPosition(recording, (at - recording.started_at).total_seconds())
        return None

    def overlapping(self, start: datetime, end: datetime) -> list[Recording]:
        """Segments with picture inside [start, end), in order."""
        return [r for r in self.segments if r.started_at < end and segment_end(r) > start]

    def _index(self, recording: Recording) -> int:
        for index, candidate in enumerate(self.segments):
            if candidate.id == recording.id and candidate.path == recording.path:
                return index
        raise ValueError(f"segment {recording.id} is not on this timeline")

    def next_segment(self, recording: Recording) -> Recording | None:
        index = self._index(recording) + 1
        return self.segments[index] if index < len(self.segments) else None

    def previous_segment(self, recording: Recording) -> Recording | None:
        index = self._index(recording) - 1
        return self.segments[index] if index >= 0 else None

    def coverage(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Merged recorded intervals, clipped to [start, end)."""
        merged: list[tuple[datetime, datetime]] = []
        for recording in self.overlapping(start, end):
            lo, hi = max(recording.started_at, start), min(segment_end(recording), end)
            if hi <= lo:
                continue
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        return merged

    def gaps(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The parts of [start, end) with no recording."""
        holes: list[tuple[datetime, datetime]] = []
        cursor = start
        for lo, hi in self.coverage(start, end):
            if lo > cursor:
                holes.append((cursor, lo))
            cursor = max(cursor, hi)
        if cursor < end:
            holes.append((cursor, end))
        return holes
