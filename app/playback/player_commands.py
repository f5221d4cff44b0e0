"""What the Player shows and is told: its frames, its status, and the commands waiting for its thread.

`PlayerCommands` is where coalescing happens (under the Player's lock, on the caller's thread): a
seek replaces everything asked before it (a drag of the timeline decodes only where it stops),
steps and jumps add up, play/pause/speed keep only the latest wish. The playback thread takes the
whole batch at once (app/playback/player.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

import numpy as np

from app.playback.segment_timeline import SegmentTimeline

__all__ = [
    "KEYFRAMES_ABOVE",
    "MAX_CAMERAS",
    "SPEEDS",
    "PlaybackProblem",
    "PlaybackStatus",
    "PlayerCommands",
    "PlayerFrame",
    "next_speed",
]

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
KEYFRAMES_ABOVE = 2.0  # speeds above this decode keyframes only (see player.py)
MAX_CAMERAS = 4


class PlaybackProblem(StrEnum):
    SEGMENT_UNREADABLE = "segment_unreadable"  # missing or corrupt file: skipped


@dataclass(frozen=True, slots=True)
class PlayerFrame:
    camera_id: int
    image: np.ndarray  # H×W×3 RGB uint8, C-contiguous
    wall_time: datetime
    keyframe_only: bool


@dataclass(frozen=True, slots=True)
class PlaybackStatus:
    position: datetime | None
    playing: bool
    speed: float
    keyframes_only: bool
    at_end: bool
    in_gap: dict[int, bool] = field(default_factory=dict)
    message: str | None = None  # English, for the log; the pane words `problem` itself
    problem: PlaybackProblem | None = None


def next_speed(speed: float, direction: int) -> float:
    """The next speed of SPEEDS up (direction > 0) or down, staying at the ends."""
    if direction > 0:
        return next((s for s in SPEEDS if s > speed), SPEEDS[-1])
    return next((s for s in reversed(SPEEDS) if s < speed), SPEEDS[0])


@dataclass
class PlayerCommands:
    """What the caller asked since the playback thread last looked (guarded by the Player's lock).

    `ops` run in order: ("seek", datetime) | ("step", int frames) | ("jump", float seconds).
    """

    ops: list[tuple[str, object]] = field(default_factory=list)
    timelines: dict[int, SegmentTimeline] | None = None
    playing: bool | None = None
    toggle: bool = False
    speed: float | None = None
    closing: bool = False

    def pending(self) -> bool:
        return (
            bool(self.ops)
            or self.timelines is not None
            or self.playing is not None
            or self.toggle
            or self.speed is not None
            or self.closing
        )

    def want_playing(self, playing: bool) -> None:
        self.playing, self.toggle = playing, False

    def flip(self) -> None:
        if self.playing is not None:
            self.playing = not self.playing
        else:
            self.toggle = not self.toggle

    def seek(self, at: datetime) -> None:
        self.ops = [("seek", at)]  # absolute: whatever was asked before it no longer matters

    def step(self, frames: int) -> None:
        self.playing, self.toggle = False, False  # a step pauses
        last = self.ops[-1] if self.ops else None
        if last is not None and last[0] == "step":
            assert isinstance(last[1], int)
            self.ops[-1] = ("step", last[1] + frames)
        else:
            self.ops.append(("step", frames))

    def jump(self, seconds: float) -> None:
        last = self.ops[-1] if self.ops else None
        if last is not None and last[0] == "seek":
            assert isinstance(last[1], datetime)
            self.ops[-1] = ("seek", last[1] + timedelta(seconds=seconds))
        elif last is not None and last[0] == "jump":
            assert isinstance(last[1], float | int)
            self.ops[-1] = ("jump", float(last[1]) + seconds)
        else:
            self.ops.append(("jump", float(seconds)))
