"""One camera inside the Player: its timeline, its seeker, the frame shown and the next one decoded.

Everything here runs on the Player's "playback" thread. A missing or corrupt segment (the seeker
raises SegmentUnreadableError) is dropped from the track's timeline, which then has a gap there,
and the action is retried; `on_problem` gets an English message for the status and the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from app.playback.frame_seeker import DecodedFrame, FrameSeeker, NoFrameError, SegmentUnreadableError
from app.playback.segment_timeline import SegmentTimeline

log = logging.getLogger(__name__)

_US = timedelta(microseconds=1)

SeekerAction = Callable[[FrameSeeker], DecodedFrame]


class CameraTrack:
    def __init__(
        self,
        camera_id: int,
        timeline: SegmentTimeline,
        *,
        max_size: tuple[int, int] | None,
        keyframes_only: bool,
        on_problem: Callable[[str], None],
    ) -> None:
        self.camera_id = camera_id
        self.timeline = timeline
        self._max_size = max_size
        self._on_problem = on_problem
        self.seeker = FrameSeeker(timeline, max_size=max_size)
        self.seeker.keyframes_only = keyframes_only
        self.shown: DecodedFrame | None = None
        self.pending: DecodedFrame | None = None  # the next frame while playing (seeker one ahead)
        self.exhausted = False  # nothing after `shown` / `pending`

    def close(self) -> None:
        self.seeker.close()

    def set_keyframes_only(self, value: bool) -> None:
        self.seeker.keyframes_only = value

    def in_gap(self, at: datetime) -> bool:
        return self.timeline.locate(at) is None

    # ----- what the Player asks -----

    def seek(self, at: datetime) -> DecodedFrame | None:
        """Show the frame at `at` (None in a gap); forgets the prefetched frame."""
        self.pending, self.exhausted = None, False
        self.shown = self._run(lambda seeker: seeker.seek(at))
        return self.shown

    def resync(self) -> None:
        """Put the seeker back on the frame shown (1 µs after it: wall times are rounded)."""
        shown = self.shown
        self.pending, self.exhausted = None, False
        if shown is not None:
            self._run(lambda seeker: seeker.seek(shown.wall_time + _US))

    def step(self, forward: bool, position: datetime) -> DecodedFrame | None:
        """One frame forward or back from the frame shown; from a gap, the nearest frame that way."""
        shown = self.shown

        def one(seeker: FrameSeeker) -> DecodedFrame:
            if shown is not None:
                return seeker.step_forward() if forward else seeker.step_back()
            if forward:
                following = [r for r in self.timeline.segments if r.started_at > position]
                if not following:
                    raise NoFrameError("nothing recorded after the gap")
                return seeker.seek(following[0].started_at)
            before = [r for r in self.timeline.segments if self.timeline.end_of(r) <= position]
            if not before:
                raise NoFrameError("nothing recorded before the gap")
            return seeker.seek(self.timeline.end_of(before[-1]) - _US)

        moved = self._run(one)
        if moved is not None:
            self.shown = moved
        return moved

    def prefetch(self, position: datetime) -> None:
        """Decode the frame after the one shown into `pending` (from a gap: the next recorded one)."""
        if self.pending is not None or self.exhausted:
            return
        if self.shown is not None:
            frame = self._run(lambda seeker: seeker.step_forward())
        elif self.timeline.locate(position) is not None:
            frame = self._run(lambda seeker: seeker.seek(position))
        else:
            following = [r for r in self.timeline.segments if r.started_at > position]
            frame = self._run(lambda seeker: seeker.seek(following[0].started_at)) if following else None
        self.pending = frame
        self.exhausted = frame is None

    # ----- bad segments -----

    def _run(self, action: SeekerAction) -> DecodedFrame | None:
        """The action's frame; None when there is none (NoFrameError). Bad segments are dropped."""
        for _ in range(len(self.timeline) + 1):
            try:
                return action(self.seeker)
            except NoFrameError:
                return None
            except SegmentUnreadableError as error:
                self._drop(error)
        return None

    def _drop(self, error: SegmentUnreadableError) -> None:
        bad = error.recording
        self._on_problem(f"camera {self.camera_id}: {error}; skipped")
        keep = [r for r in self.timeline.segments if not (r.id == bad.id and r.path == bad.path)]
        keyframes_only = self.seeker.keyframes_only
        self.seeker.close()
        self.timeline = SegmentTimeline(keep, self.timeline.root)
        self.seeker = FrameSeeker(self.timeline, max_size=self._max_size)
        self.seeker.keyframes_only = keyframes_only
        shown, self.shown = self.shown, None
        if shown is not None:  # the new seeker starts where the old one was (maybe a gap)
            try:
                self.shown = self.seeker.seek(shown.wall_time + _US)
            except (NoFrameError, SegmentUnreadableError):
                self.shown = None
