"""Qt-free playback of one to four cameras in sync on one wall clock.

    player = Player(on_frame, on_status, max_size=(960, 540))
    player.set_timelines({7: timeline7, 8: timeline8})   # from RecordingReviewService.timeline
    player.seek(at); player.play(); player.set_speed(4.0); player.step(-1); player.close()

Public methods only record a command and return (the GUI thread calls them); one "playback" thread
decodes and calls `on_frame` / `on_status` from that thread, and the widget re-emits them as queued
signals. A burst of seeks decodes only the last. Each camera's frame shows when the clock reaches
its wall time; up to 2× the clock waits for a slow decoder rather than skip a frame (evidence), above
2× only keyframes are decoded (KEYFRAMES_ABOVE). When every camera is in a recording gap the clock
jumps to the next recorded frame; an unreadable segment becomes a gap and the status names it
(`problem`). Types live in player_commands.py; docs/decisions/0003-playback-clock.md says why.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np

from app.playback.camera_track import CameraTrack
from app.playback.frame_seeker import DecodedFrame
from app.playback.player_commands import (
    KEYFRAMES_ABOVE,
    MAX_CAMERAS,
    SPEEDS,
    PlaybackProblem,
    PlaybackStatus,
    PlayerCommands,
    PlayerFrame,
    next_speed,
)
from app.playback.segment_timeline import SegmentTimeline

__all__ = [
    "KEYFRAMES_ABOVE",
    "MAX_CAMERAS",
    "SPEEDS",
    "PlaybackProblem",
    "PlaybackStatus",
    "Player",
    "PlayerFrame",
]

log = logging.getLogger(__name__)

_STATUS_INTERVAL = 0.25  # s between position updates while playing


class Player:
    def __init__(
        self,
        on_frame: Callable[[PlayerFrame], None],
        on_status: Callable[[PlaybackStatus], None],
        *,
        max_size: tuple[int, int] | None = None,
    ) -> None:
        self._on_frame = on_frame
        self._on_status = on_status
        self._max_size = max_size
        self._cond = threading.Condition()
        self._commands = PlayerCommands()
        # Playback-thread state.
        self._tracks: list[CameraTrack] = []
        self._position: datetime | None = None  # while paused; the anchor while playing
        self._anchor_mono = 0.0
        self._playing = False
        self._speed = 1.0
        self._at_end = False
        self._keyframes_only = False
        self._message: str | None = None
        self._problem: PlaybackProblem | None = None
        self._last_status: PlaybackStatus | None = None
        self._last_status_mono = 0.0
        self._status = PlaybackStatus(None, False, 1.0, False, False)
        self._thread = threading.Thread(target=self._run, name="playback", daemon=True)
        self._thread.start()

    # ----- commands (any thread, non-blocking) -----

    def set_timelines(self, timelines: dict[int, SegmentTimeline]) -> None:
        """Play these cameras (≤ 4, in this order: the first leads frame steps); keeps the position."""
        if len(timelines) > MAX_CAMERAS:
            raise ValueError(f"at most {MAX_CAMERAS} cameras play in sync, got {len(timelines)}")
        self._command(lambda c: setattr(c, "timelines", dict(timelines)))

    def seek(self, at: datetime) -> None:
        """Show the exact frame at `at` on every camera (a camera in a gap shows its gap)."""
        self._command(lambda c: c.seek(at))

    def play(self) -> None:
        self._command(lambda c: c.want_playing(True))

    def pause(self) -> None:
        self._command(lambda c: c.want_playing(False))

    def toggle(self) -> None:
        self._command(lambda c: c.flip())

    def set_speed(self, speed: float) -> None:
        if not SPEEDS[0] <= speed <= SPEEDS[-1]:
            raise ValueError(f"speed {speed} outside {SPEEDS[0]}..{SPEEDS[-1]}")
        self._command(lambda c: setattr(c, "speed", float(speed)))

    def faster(self) -> None:
        self._command(lambda c: setattr(c, "speed", next_speed(self._asked_speed(c), +1)))

    def slower(self) -> None:
        self._command(lambda c: setattr(c, "speed", next_speed(self._asked_speed(c), -1)))

    def step(self, frames: int) -> None:
        """Exact frame steps (pauses): the first camera steps, the others follow to its time."""
        if frames:
            self._command(lambda c: c.step(frames))

    def jump(self, seconds: float) -> None:
        """Seek relative to the position (±10 s from the keyboard); adds up with a pending seek."""
        self._command(lambda c: c.jump(seconds))

    def close(self, timeout: float = 5.0) -> None:
        self._command(lambda c: setattr(c, "closing", True))
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def status(self) -> PlaybackStatus:
        """The latest status (what on_status last reported); safe from any thread."""
        return self._status

    def _asked_speed(self, commands: PlayerCommands) -> float:
        return commands.speed if commands.speed is not None else self._speed

    def _command(self, change: Callable[[PlayerCommands], object]) -> None:
        with self._cond:
            if self._commands.closing:
                return
            change(self._commands)
            self._cond.notify()

    # ----- the playback thread -----

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while not self._commands.pending():
                        timeout = self._wait_seconds()
                        if timeout is not None and timeout <= 0:
                            break
                        self._cond.wait(timeout)
                    commands, self._commands = self._commands, PlayerCommands(closing=self._commands.closing)
                if commands.closing:
                    break
                try:
                    self._apply(commands)
                    if self._playing:
                        self._advance()
                    self._report()
                except Exception:  # a bug must not leave the pane with a dead player
                    log.exception("playback failed")
                    self._stop_after_failure()
                    self._report(force=True)
        finally:
            for track in self._tracks:
                track.close()
            self._tracks = []

    def _wait_seconds(self) -> float | None:
        """How long the thread may sleep: until the next frame is due, or the next status update."""
        if not self._playing:
            return None
        now = time.monotonic()
        wait = self._last_status_mono + _STATUS_INTERVAL - now
        due = [track.pending.wall_time for track in self._tracks if track.pending is not None]
        if due and self._position is not None:
            ahead = (min(due) - self._position).total_seconds() / self._speed
            wait = min(wait, self._anchor_mono + ahead - now)
        else:
            wait = min(wait, 0.02)  # the last frames' time runs out: look again soon
        return max(wait, 0.0)

    def _clock(self) -> datetime | None:
        if self._position is None or not self._playing:
            return self._position
        elapsed = (time.monotonic() - self._anchor_mono) * self._speed
        return self._position + timedelta(seconds=elapsed)

    def _reanchor(self, position: datetime | None) -> None:
        self._position = position
        self._anchor_mono = time.monotonic()

    def _set_decode_mode(self) -> bool:
        """Keyframes only while playing above 2×; True when the mode changed (decoders were reset)."""
        wanted = self._playing and self._speed > KEYFRAMES_ABOVE
        if wanted == self._keyframes_only:
            return False
        self._keyframes_only = wanted
        for track in self._tracks:
            track.set_keyframes_only(wanted)
        return True

    def _apply(self, commands: PlayerCommands) -> None:
        if commands.timelines is not None:
            self._set_timelines(commands.timelines)
        if commands.speed is not None and commands.speed != self._speed:
            position = self._clock()
            self._speed = commands.speed
            self._reanchor(position)
            if self._set_decode_mode() and position is not None:
                self._seek_all(position)
        playing = commands.playing
        if commands.toggle:
            playing = not self._playing if playing is None else playing
        for op, value in commands.ops:
            if op == "seek":
                assert isinstance(value, datetime)
                self._message, self._problem = None, None
                self._seek_all(value)
            elif op == "jump":
                assert isinstance(value, float | int)
                position = self._clock()
                if position is not None:
                    self._seek_all(position + timedelta(seconds=value))
            elif op == "step":
                assert isinstance(value, int)
                if self._playing:
                    self._pause()  # back to exact decoding, seekers on the frames shown
                self._step(value)
        if playing is not None and playing != self._playing:
            if playing:
                self._start_playing()
            else:
                self._pause()

    def _set_timelines(self, timelines: dict[int, SegmentTimeline]) -> None:
        position = self._clock()
        for track in self._tracks:
            track.close()
        self._tracks = [
            CameraTrack(
                camera_id,
                timeline,
                max_size=self._max_size,
                keyframes_only=self._keyframes_only,
                on_problem=self._problem_found,
            )
            for camera_id, timeline in timelines.items()
        ]
        if position is None:
            starts = [t.timeline.start for t in self._tracks if t.timeline.start is not None]
            position = min(starts) if starts else None
        self._message, self._problem = None, None
        if position is not None:
            self._seek_all(position)
        else:
            self._reanchor(None)

    def _start_playing(self) -> None:
        if self._position is None or self._at_end:
            return  # nothing loaded, or nothing after the end (a seek back clears it)
        self._playing = True
        self._reanchor(self._position)
        if self._set_decode_mode():
            self._seek_all(self._position)  # onto the keyframe at or before the position
            return
        for track in self._tracks:
            track.pending, track.exhausted = None, False
            self._prefetch(track)

    def _pause(self) -> None:
        position = self._clock()
        self._playing = False
        self._reanchor(position)
        reset = self._set_decode_mode()
        for track in self._tracks:  # put each seeker back on the frame shown (steps start there)
            if track.pending is not None or reset:
                track.resync()
            track.pending, track.exhausted = None, False

    def _stop_after_failure(self) -> None:
        """Paused the way `pause` does (exact decoding again, seekers on the frames shown), so frame
        steps after a failure are exact; if even that fails, at least out of keyframes-only mode."""
        try:
            self._pause()
        except Exception:
            log.exception("could not pause cleanly after a playback failure")
            self._playing = False
            self._keyframes_only = False
            for track in self._tracks:
                try:
                    track.set_keyframes_only(False)
                    track.pending, track.exhausted = None, False
                except Exception:
                    log.exception("camera %s: could not reset its decoder", track.camera_id)

    # ----- seeking and stepping -----

    def _seek_all(self, at: datetime) -> None:
        self._reanchor(at)
        self._at_end = False
        for track in self._tracks:
            self._seek_track(track, at)
        if self._playing:
            for track in self._tracks:
                self._prefetch(track)
        elif self._tracks and all(t.shown is None for t in self._tracks):
            self._at_end = all(t.timeline.end is None or at >= t.timeline.end for t in self._tracks)
        self._report(force=True)

    def _seek_track(self, track: CameraTrack, at: datetime) -> None:
        frame = track.seek(at)
        if frame is not None:
            self._emit(track, frame)

    def _step(self, frames: int) -> None:
        position = self._position
        if not self._tracks or position is None:
            return
        lead = next((t for t in self._tracks if t.shown is not None), self._tracks[0])
        frame = lead.shown
        for _ in range(abs(frames)):
            moved = lead.step(frames > 0, position)
            if moved is None:
                break
            frame = moved
        if frame is None:
            return
        self._reanchor(frame.wall_time)
        self._at_end = False
        self._emit(lead, frame)
        for track in self._tracks:
            if track is not lead:
                self._seek_track(track, frame.wall_time)
        self._report(force=True)

    # ----- playing -----

    def _prefetch(self, track: CameraTrack) -> None:
        position = self._clock()
        if position is not None:
            track.prefetch(position)

    def _advance(self) -> None:
        now = self._clock()
        if now is None:
            return
        for track in self._tracks:
            self._prefetch(track)
        # Frames go out in wall-time order across cameras, so cameras never drift a frame apart.
        budget = time.monotonic() + 0.1
        while time.monotonic() < budget:
            ready = [(t.pending.wall_time, i) for i, t in enumerate(self._tracks) if t.pending is not None]
            if not ready or min(ready)[0] > now:
                break
            track = self._tracks[min(ready)[1]]
            frame, track.pending = track.pending, None
            assert frame is not None
            if self._keyframes_only:  # behind at high speed: keyframes are skippable
                self._prefetch(track)
                while track.pending is not None and track.pending.wall_time <= now:
                    frame, track.pending = track.pending, None
                    self._prefetch(track)
            track.shown = frame
            self._emit(track, frame)
            self._prefetch(track)  # after the emit: the frame goes out without waiting for the next
        now = self._clock()
        assert now is not None
        due = [t.pending.wall_time for t in self._tracks if t.pending is not None]
        if not self._keyframes_only and due and min(due) < now - timedelta(seconds=0.2 * self._speed):
            # Decoding fell behind: the clock waits for the slowest camera rather than skip frames.
            self._reanchor(min(due))
            now = min(due)
        in_gap = [t.in_gap(now) for t in self._tracks]
        if self._tracks and all(in_gap):
            if due:
                self._reanchor(min(due))  # every camera in a gap: on to the next recorded frame
            else:
                self._reanchor(now)
                self._pause()  # back to exact decoding, seekers on the last frames shown
                self._at_end = True
        self._report()

    # ----- problems, frames and status -----

    def _problem_found(self, message: str) -> None:
        self._message, self._problem = message, PlaybackProblem.SEGMENT_UNREADABLE
        log.warning("%s", message)
        self._report(force=True)

    def _emit(self, track: CameraTrack, frame: DecodedFrame) -> None:
        image = frame.image if frame.image.flags.c_contiguous else np.ascontiguousarray(frame.image)
        try:
            self._on_frame(PlayerFrame(track.camera_id, image, frame.wall_time, self._keyframes_only))
        except Exception:
            log.exception("on_frame failed")

    def _report(self, *, force: bool = False) -> None:
        position = self._clock()
        status = PlaybackStatus(
            position=position,
            playing=self._playing,
            speed=self._speed,
            keyframes_only=self._keyframes_only,
            at_end=self._at_end,
            in_gap={t.camera_id: position is None or t.in_gap(position) for t in self._tracks},
            message=self._message,
            problem=self._problem,
        )
        self._status = status
        now = time.monotonic()
        previous = self._last_status
        changed = previous is None or (
            (previous.playing, previous.speed, previous.at_end, previous.in_gap, previous.message)
            != (status.playing, status.speed, status.at_end, status.in_gap, status.message)
        )
        if not (force or changed or now - self._last_status_mono >= _STATUS_INTERVAL):
            return
        self._last_status, self._last_status_mono = status, now
        try:
            self._on_status(status)
        except Exception:
            log.exception("on_status failed")
