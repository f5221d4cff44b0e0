"""Exact-frame seeking in recorded segments: the frame on screen at a wall time, and stepping.

The frame shown at wall time t is the last frame of t's segment whose pts <= t - started_at. To get
it: seek to the keyframe at or before that pts and decode forward. The open container of the
current segment (and the one before) stays cached, so stepping and nearby seeks are cheap; the
last few decoded frames stay too, so stepping back (and forward again) mostly needs no decoding.

`max_size` scales frames down (never up, aspect kept) while converting to RGB, in the caller's
thread. `keyframes_only` makes the decoder skip every non-key frame (skip_frame NONKEY): stepping
forward then walks keyframe to keyframe, which is how fast playback keeps up.
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
from app.playback.segment_timeline import SegmentTimeline, wall_time

__all__ = ["DecodedFrame", "FrameSeeker", "NoFrameError", "SegmentUnreadableError", "fit_within"]

_CACHE_SIZE = 2
# Decoded frames kept behind the current one: a step back needs no re-seek (~1.4 MB each).
_RECENT = 16


class NoFrameError(LookupError):
    """Nothing recorded at the asked time (a gap, or outside the recordings), or no frame in a file."""


class SegmentUnreadableError(Exception):
    """A segment file is missing or cannot be demuxed/decoded; `recording` says which."""

    def __init__(self, recording: Recording, cause: BaseException) -> None:
        super().__init__(f"segment {recording.path} unreadable: {cause}")
        self.recording = recording
        self.cause = cause


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


def fit_within(width: int, height: int, max_size: tuple[int, int] | None) -> tuple[int, int]:
    """The size to show a width×height picture at inside max_size (never larger; even numbers)."""
    if max_size is None or (width <= max_size[0] and height <= max_size[1]):
        return width, height
    scale = min(max_size[0] / width, max_size[1] / height)
    return max(2, round(width * scale) // 2 * 2), max(2, round(height * scale) // 2 * 2)


class FrameSeeker:
    def __init__(self, timeline: SegmentTimeline, *, max_size: tuple[int, int] | None = None) -> None:
        self.timeline = timeline
        self.max_size = max_size
        self._keyframes_only = False
        self._open: OrderedDict[int, _OpenSegment] = OrderedDict()
        self._current: DecodedFrame | None = None
        self._segment: _OpenSegment | None = None
        self._lookahead: av.VideoFrame | None = None
        # Decoded frames of the current segment, in order; `_cursor` indexes the current one.
        self._recent: list[av.VideoFrame] = []
        self._cursor = -1

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
        if self._cursor < len(self._recent) - 1:
            self._cursor += 1
            return self._accept(segment, self._recent[self._cursor])
        frame = self._lookahead if self._lookahead is not None else self._next_decoded(segment)
        self._lookahead = None
        if frame is not None:
            self._remember(frame)
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
        if self._cursor > 0:
            self._cursor -= 1
            return self._accept(segment, self._recent[self._cursor])
        if current.pts > self._first_pts(segment):
            return self._seek_ticks(segment, current.pts - 1)
        previous = self.timeline.previous_segment(segment.recording)
        if previous is None:
            raise NoFrameError("at the start of the recordings")
        return self._seek_ticks(self._segment_for(previous), 2**62)

    @property
    def keyframes_only(self) -> bool:
        return self._keyframes_only

    @keyframes_only.setter
    def keyframes_only(self, value: bool) -> None:
        """Switching drops the decoder state: seek (or step) again afterwards."""
        if value == self._keyframes_only:
            return
        self._keyframes_only = value
        for segment in self._open.values():
            _set_skip(segment, value)
        self._forget_recent()
        if self._segment is not None:
            self._segment.frames = None

    def close(self) -> None:
        for segment in self._open.values():
            segment.close()
        self._open.clear()
        self._segment = None
        self._forget_recent()
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
        try:
            container = av.open(str(self.timeline.path_of(recording)))
            segment = _OpenSegment(recording, container)
        except (av.FFmpegError, OSError, IndexError) as error:  # IndexError: no video stream
            raise SegmentUnreadableError(recording, error) from error
        _set_skip(segment, self._keyframes_only)
        self._open[recording.id] = segment
        while len(self._open) > _CACHE_SIZE:
            _, evicted = self._open.popitem(last=False)
            if evicted is self._segment:
                self._segment = None
                self._forget_recent()
            evicted.close()
        return segment

    def _first_pts(self, segment: _OpenSegment) -> int:
        start = segment.stream.start_time
        return int(start) if start is not None else 0

    def _next_decoded(self, segment: _OpenSegment) -> av.VideoFrame | None:
        if segment.frames is None:
            return None
        try:
            for frame in segment.frames:
                if frame.pts is not None:
                    return frame
        except (av.FFmpegError, OSError) as error:
            segment.frames = None
            raise SegmentUnreadableError(segment.recording, error) from error
        segment.frames = None
        return None

    def _seek_ticks(self, segment: _OpenSegment, target: int | None) -> DecodedFrame:
        """Land on the last frame with pts <= target (the first frame when target is None or early)."""
        seek_to = max(target if target is not None else 0, 0)
        try:
            segment.container.seek(seek_to, backward=True, any_frame=False, stream=segment.stream)
        except (av.FFmpegError, OSError) as error:
            raise SegmentUnreadableError(segment.recording, error) from error
        segment.frames = segment.container.decode(segment.stream)
        self._segment = segment
        self._forget_recent()
        chosen: av.VideoFrame | None = None
        while True:
            frame = self._next_decoded(segment)
            if frame is None:
                break
            pts = frame.pts
            assert pts is not None
            if chosen is None or (target is not None and pts <= target):
                chosen = frame
                self._remember(frame)
                if target is None or pts > target:
                    break  # the first frame is all that was asked, or is already past the target
                continue
            self._lookahead = frame
            break
        if chosen is None:
            raise NoFrameError(f"no frame in {segment.recording.path}")
        return self._accept(segment, chosen)

    def _remember(self, frame: av.VideoFrame) -> None:
        """The decoder's newest output becomes the current frame (the cursor is at the end)."""
        self._recent.append(frame)
        if len(self._recent) > _RECENT:
            del self._recent[0]
        self._cursor = len(self._recent) - 1

    def _forget_recent(self) -> None:
        self._recent, self._cursor, self._lookahead = [], -1, None

    def _accept(self, segment: _OpenSegment, frame: av.VideoFrame) -> DecodedFrame:
        assert frame.pts is not None
        offset = Fraction(frame.pts) * segment.time_base
        wall = wall_time(segment.recording.started_at, offset)
        width, height = fit_within(frame.width, frame.height, self.max_size)
        if (width, height) == (frame.width, frame.height):
            image = frame.to_ndarray(format="rgb24")
        else:
            image = frame.reformat(width, height, "rgb24", interpolation="FAST_BILINEAR").to_ndarray()
        decoded = DecodedFrame(
            image=image,
            wall_time=wall,
            pts=int(frame.pts),
            segment_id=segment.recording.id,
            time_base=segment.time_base,
        )
        self._segment, self._current = segment, decoded
        return decoded


def _set_skip(segment: _OpenSegment, keyframes_only: bool) -> None:
    segment.stream.codec_context.skip_frame = "NONKEY" if keyframes_only else "DEFAULT"
