"""Clip playlists: a file source that plays one of several clips, chosen by wall-clock phase.

The demo's scripted cameras (app/demo/live_script.py) point at a `<name>.playlist` file instead of
one looping clip. The file is small JSON:

    {"start": 1764400000.0, "repeat": true, "phases": [["a.mp4", 60], ["b.mp4", 120], ["c.mp4", 120]]}

`start` is a Unix time; each phase plays its clip (looped) for that many seconds; after the last
phase the script starts again when `repeat`, else the last clip stays. Relative clip paths are taken
beside the playlist file.

Threads: read by a stream's decoder thread when the stream opens and at every loop of the clip
(app/video/stream_worker.py), so a phase change takes effect at the next loop seam (≤ one clip
length late) without a visible reconnect. Pure and cheap: one small file read.
"""

from __future__ import annotations

import json
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
    """The clip a playlist plays at Unix time `now`; raises like `read_playlist`."""
    return read_playlist(path).clip_at(now)
