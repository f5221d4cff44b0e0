"""Clip playlists: a file source that plays one of several clips, chosen by wall-clock phase.

The demo's scripted cameras point at a `<name>.playlist`, small JSON:

    {"start": 1764400000.0, "repeat": true, "phases": [["a.mp4", 60], ["b.mp4", 120], ["c.mp4", 120]]}

From `start` (Unix time) each phase loops its clip for its seconds; after the last the script
repeats, or the last clip stays. Relative paths are beside the playlist. The decoder thread reads it
when the stream opens and at every loop seam, so a phase change shows within one clip length without
a reconnect. A phase whose clip is not on disk yet plays the latest earlier phase's that is: on a
first start the demo renders later clips after the window is up, and a missing file at the seam made
the wall report a STREAM_LOST (docs/decisions/0001-demo-false-alarms.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLAYLIST_SUFFIX = ".playlist"


@dataclass(frozen=True, slots=True)
class Playlist:
    start: float
    phases: tuple[tuple[Path, float], ...]
    repeat: bool = True

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError("a playlist needs at least one phase")
        if any(seconds <= 0 for _clip, seconds in self.phases):
            raise ValueError("phase lengths must be positive")

    @property
    def cycle_s(self) -> float:
        return sum(seconds for _clip, seconds in self.phases)

    def phase_at(self, now: float) -> int:
        """Index of the phase playing at Unix time `now` (the first before `start`)."""
        elapsed = now - self.start
        if elapsed < 0:
            return 0
        if self.repeat:
            elapsed %= self.cycle_s
        for index, (_clip, seconds) in enumerate(self.phases):
            if elapsed < seconds:
                return index
            elapsed -= seconds
        return len(self.phases) - 1

    def clip_at(self, now: float) -> Path:
        return self.phases[self.phase_at(now)][0]

    def playable_clip(self, now: float, exists: Callable[[Path], bool] = Path.exists) -> Path:
        """The clip of the phase at `now` when it `exists`, else that of the nearest phase before it
        whose clip does (going round the cycle when `repeat`); the phase's own when none does (the
        stream then waits for it as for any missing file)."""
        index = self.phase_at(now)
        count = len(self.phases)
        earlier = range(1, count) if self.repeat else range(1, index + 1)
        for back in (0, *earlier):
            clip = self.phases[(index - back) % count][0]
            if exists(clip):
                return clip
        return self.phases[index][0]

    def to_json(self) -> str:
        return json.dumps(
            {
                "start": self.start,
                "repeat": self.repeat,
                "phases": [[str(clip), seconds] for clip, seconds in self.phases],
            }
        )

    def write(self, path: Path) -> None:
        """Atomically (a decoder may be reading the old one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".partial")
        temporary.write_text(self.to_json(), encoding="utf-8")
        temporary.replace(path)


def is_playlist(path: Path) -> bool:
    return path.suffix.lower() == PLAYLIST_SUFFIX


def read_playlist(path: Path) -> Playlist:
    """Parse a playlist file; raises OSError or ValueError when it is missing or malformed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        phases = tuple(
            (clip if clip.is_absolute() else path.parent / clip, float(seconds))
            for clip, seconds in ((Path(str(c)), s) for c, s in data["phases"])
        )
        return Playlist(float(data["start"]), phases, bool(data.get("repeat", True)))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"malformed playlist {path.name}: {exc}") from exc


def current_clip(path: Path, now: float) -> Path:
    """The clip a playlist plays at Unix time `now` (`Playlist.playable_clip`: its phase's, or while
    that one is still being rendered the latest earlier phase's); raises like `read_playlist`."""
    return read_playlist(path).playable_clip(now)
