"""Exact-frame seeking in recorded segments: the frame on screen at a wall time, and stepping.

The frame shown at wall time t is the last frame of t's segment whose pts <= t - started_at. To get
it: seek to the keyframe at or before that pts and decode forward. The open container of the
current segment (and the one before) stays cached, so stepping and nearby seeks are cheap.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

import av
import numpy as np

from app.persistence.repositories.recording_repository import Recording
from app.playback.segment_timeline import SegmentTimeline

__all__ = ["DecodedFrame", "FrameSeeker", "NoFrameError"]

_CACHE_SIZE = 2


class NoFrameError(LookupError):
    """Nothing recorded at the asked time (a gap, or outside the recordings), or no frame in a file."""


@dataclass(frozen=True, slots=True)
class DecodedFrame:
    image: np.ndarray  # H×W×3 RGB
    wall_time: datetime
    pts: int  # in the segment stream's time_base, 0 = the segment's start
    segment_id: int
    time_base: Fraction

    @property
    def offset_s(self) -> float:
        return float(self.pts * self.time_base)


class _OpenSegment:
    def __init__(self, recording: Recording, container: av.container.InputContainer) -> None:
        self.recording = recording
        self.container = container
        self.stream = container.streams.video[0]
        self.time_base: Fraction = self.stream.time_base or Fraction(1, 90000)
        self.frames: Iterator[av.VideoFrame] | None = None

    def close(self) -> None:
        self.container.close()


def _offset_ticks(offset: timedelta, time_base: Fraction) -> int:
    """An offset in stream ticks, rounded down, computed exactly (no float rounding at frame edges)."""
    micros = (offset.days * 86_400 + offset.seconds) * 1_000_000 + offset.microseconds
    return math.floor(Fraction(micros, 1_000_000) / time_base)


class FrameSeeker:
    def __init__(self, timeline: SegmentTimeline) -> None:
        self.timeline = timeline
        self._open: OrderedDict[int, _OpenSegment] = OrderedDict()
        self._current: DecodedFrame | None = None
        self._segment: _OpenSegment | None = None
        self._lookahead: av.VideoFrame | None = None

    @property
    def current(self) -> DecodedFrame | None:
        return self._current

    # ----- public -----

    def seek(self, at: datetime) -> DecodedFrame:
        position = self.timeline.locate(at)
        if position is None:
            raise NoFrameError(f"nothing recorded at {at.isoformat()}")
        recording = position.recording
        segment = self._segment_for(recording)
        target = _offset_ticks(at - recording.started_at, segment.time_base)
        return self._seek_ticks(segment, target)

    def step_forward(self) -> DecodedFrame:
        """The frame after the current one, into the next segment at the end of this one."""
        if self._current is None or self._segment is None:
            raise NoFrameError("seek first")
        segment = self._segment
        frame = self._lookahead if self._lookahead is not None else self._next_decoded(segment)
        self._lookahead = None
        if frame is not None:
            return self._accept(segment, frame)
        following = self.timeline.next_segment(segment.recording)
        if following is None:
            raise NoFrameError("at the end of the recordings")
        segment = self._segment_for(following)
        return self._seek_ticks(segment, None)

    def step_back(self) -> DecodedFrame:
        """The frame before the current one (a re-seek), into the previous segment at its start."""
        if self._current is None or self._segment is None:
            raise NoFrameError("seek first")
        segment, current = self._segment, self._current
        if current.pts > self._first_pts(segment):
            return self._seek_ticks(segment, current.pts - 1)
        previous = self.timeline.previous_segment(segment.recording)
        if previous is None:
            raise NoFrameError("at the start of the recordings")
        return self._seek_ticks(self._segment_for(previous), 2**62)

    def close(self) -> None:
        for segment in self._open.values():
            segment.close()
        self._open.clear()
        self._segment = None
        self._lookahead = None
        self._current = None

    def __enter__(self) -> FrameSeeker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- internals -----

    def _segment_for(self, recording: Recording) -> _OpenSegment:
        segment = self._open.get(recording.id)
        if segment is not None and segment.recording.path == recording.path:
            self._open.move_to_end(recording.id)
            return segment
        container = av.open(str(self.timeline.path_of(recording)))
        segment = _OpenSegment(recording, container)
        self._open[recording.id] = segment
        while len(self._open) > _CACHE_SIZE:
            _, evicted = self._open.popitem(last=False)
            if evicted is self._segment:
                self._segment, self._lookahead = None, None
            evicted.close()
        return segment

    def _first_pts(self, segment: _OpenSegment) -> int:
        start = segment.stream.start_time
        return int(start) if start is not None else 0

    def _next_decoded(self, segment: _OpenSegment) -> av.VideoFrame | None:
        if segment.frames is None:
            return None
        for frame in segment.frames:
            if frame.pts is not None:
                return frame
        segment.frames = None
        return None

    def _seek_ticks(self, segment: _OpenSegment, target: int | None) -> DecodedFrame:
        """Land on the last frame with pts <= target (the first frame when target is None or early)."""
        seek_to = max(target if target is not None else 0, 0)
        segment.container.seek(seek_to, backward=True, any_frame=False, stream=segment.stream)
        segment.frames = segment.container.decode(segment.stream)
        self._segment, self._lookahead = segment, None
        chosen: av.VideoFrame | None = None
        while True:
            frame = self._next_decoded(segment)
            if frame is None:
                break
            pts = frame.pts
            assert pts is not None
            if chosen is None or (target is not None and pts <= target):
                chosen = frame
                if target is None or pts > target:
                    break  # the first frame is all that was asked, or is already past the target
                continue
            self._lookahead = frame
            break
        if chosen is None:
            raise NoFrameError(f"no frame in {segment.recording.path}")
        return self._accept(segment, chosen)

    def _accept(self, segment: _OpenSegment, frame: av.VideoFrame) -> DecodedFrame:
        assert frame.pts is not None
        offset = Fraction(frame.pts) * segment.time_base
        wall = segment.recording.started_at + timedelta(microseconds=round(offset * 1_000_000))
        decoded = DecodedFrame(
            image=frame.to_ndarray(format="rgb24"),
            wall_time=wall,
            pts=int(frame.pts),
            segment_id=segment.recording.id,
            time_base=segment.time_base,
        )
        self._segment, self._current = segment, decoded
        return decoded
