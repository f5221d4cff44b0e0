"""Which demo clips are still being rendered, so that the wall can say "preparing demo video".

On a first start the window is up before the demo's classroom clips exist (the "demo-media"
thread renders them, a couple of seconds each): a tile whose clip is missing is not a faulty
camera then, and neither the tile nor the status bar may call it one. The bootstrap thread lists
the clips still to make; the demo-media thread ticks them off (`done`) and says when it has stopped
(`finish`, also after a failure or a cancel: a clip still missing then really is missing); a clip
just made counts as prepared for a few seconds more, until the wall's stream has opened it. The
wall asks `preparing(path)` once a second on the GUI thread. Thread-safe, no I/O after creation.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from app.demo.media_jobs import ClipJob, MediaJob

PLAYLIST_SUFFIX = ".playlist"
# A new clip is "being prepared", not failing, until the wall's stream retries.
JUST_MADE_S = 10.0


class DemoMediaProgress:
    def __init__(self, jobs: Iterable[MediaJob], clock: Callable[[], float] = time.monotonic) -> None:
        """Blocking (checks which clips exist): call on the bootstrap thread."""
        self._lock = threading.Lock()
        self._clock = clock
        self._pending = {
            job.path.absolute() for job in jobs if isinstance(job, ClipJob) and not job.path.exists()
        }
        self._folders = {path.parent for path in self._pending}
        self._made: dict[Path, float] = {}  # clip → when it was made

    def done(self, path: Path) -> None:
        """The demo-media thread finished (or skipped) the job making `path`."""
        path = path.absolute()
        with self._lock:
            if path in self._pending:
                self._pending.discard(path)
                self._made[path] = self._clock()
            self._folders = {pending.parent for pending in self._pending}

    def finish(self) -> None:
        """The demo-media thread stopped: nothing is being prepared any more."""
        with self._lock:
            self._pending.clear()
            self._folders.clear()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def preparing(self, path: Path) -> bool:
        """Whether a stream from `path` waits for a clip still being rendered (or made moments
        ago): the clip itself, or a live-script playlist beside clips still to come."""
        path = path.absolute()
        with self._lock:
            recent = {clip for clip, made in self._made.items() if self._clock() - made < JUST_MADE_S}
            if path in self._pending or path in recent:
                return True
            folders = self._folders | {clip.parent for clip in recent}
            return path.suffix == PLAYLIST_SUFFIX and path.parent in folders
