"""The console's one ordered shutdown: every part registers how to stop it when it is created.

After Picard's `register_cleanup`: the composition root, the task runner and the window's panes
each `register(name, stop)` as they come into being, and `run()` stops them last-in-first-out, so
what was built on top of something stops before it (the panes before the task runner, the writers
before the database). A stop that fails is logged and the rest still run; each step's time is
logged; running twice does nothing the second time. Thread-safe, no Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

Stop = Callable[[], object]


class ShutdownList:
    def __init__(self) -> None:
        self._steps: list[tuple[str, Stop]] = []
        self._lock = threading.Lock()
        self._ran = False

    def register(self, name: str, stop: Stop) -> None:
        """Add `stop`; it runs before everything registered earlier. Registered after `run()`
        (a part created while the console was closing), it runs at once: nothing outlives the list."""
        with self._lock:
            late = self._ran
            if not late:
                self._steps.append((name, stop))
        if late:
            log.warning("%s registered after shutdown: stopped at once", name)
            self._run_step(name, stop)

    @property
    def names(self) -> list[str]:
        """The registered steps in the order `run()` takes them."""
        with self._lock:
            return [name for name, _stop in reversed(self._steps)]

    @property
    def ran(self) -> bool:
        return self._ran

    def run(self) -> None:
        """Stop everything, newest first. Only the first call does anything."""
        with self._lock:
            if self._ran:
                return
            self._ran = True
            steps = list(reversed(self._steps))
            self._steps.clear()
        started = time.monotonic()
        for name, stop in steps:
            self._run_step(name, stop)
        log.info("shutdown: %d steps in %.0f ms", len(steps), (time.monotonic() - started) * 1000)

    @staticmethod
    def _run_step(name: str, stop: Stop) -> None:
        started = time.monotonic()
        try:
            stop()
        except Exception:  # the rest must still stop: a recorder left open loses segments
            log.exception("shutdown: stopping %s failed", name)
        log.info("shutdown: %s stopped in %.0f ms", name, (time.monotonic() - started) * 1000)
