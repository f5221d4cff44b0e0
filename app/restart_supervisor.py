"""Keeps the console's background subsystems running: restart with capped exponential backoff.

Not app/supervision/ (the classroom rules): this supervises the console's own machinery. Each
subsystem is a `Supervised` unit with `health()` (running, or down with a reason and its cameras; a
unit with a heartbeat reports a hang as down) and `restart()`. The "subsystem-supervisor" thread
checks every unit each `tick_s`; a unit found down opens a coverage gap (gap_recorder.py) and is
restarted after 1 s, 2, 4, … at most 5 min apart, for as long as the console runs, the gap closed
when it is healthy. The delay resets only after `stable_s` (60 s) of running, so a unit dying at once
does not spin. A unit down for a reason not ours to fix (analysis switched off, a worker its own
coordinator restarts) says `restartable=False`; its gap is recorded all the same. `step()` runs on
the supervisor thread (tests call it with injected clocks); `health()` must not block; `restart()`
may spawn a thread or process but must not wait for the subsystem's work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.domain.coverage_gaps import Subsystem

if TYPE_CHECKING:
    from app.gap_recorder import GapRecorder

log = logging.getLogger(__name__)

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 300.0


@dataclass(frozen=True, slots=True)
class Health:
    ok: bool
    reason: str = ""
    camera_ids: tuple[int, ...] = ()  # () = the whole subsystem
    restartable: bool = True  # False: down, but restarting is not the supervisor's job
    since: datetime | None = None  # when it went down, if the unit knows better than "now"


RUNNING = Health(True)


class Supervised(Protocol):
    def health(self) -> Health: ...

    def restart(self) -> None: ...


class Backoff:
    """Delays between restart attempts: `first`, ×`factor` each time, at most `cap` seconds."""

    def __init__(self, first: float = FIRST_DELAY_S, factor: float = 2.0, cap: float = MAX_DELAY_S) -> None:
        if first <= 0 or factor < 1 or cap < first:
            raise ValueError("backoff needs 0 < first <= cap and factor >= 1")
        self.first, self.factor, self.cap = first, factor, cap
        self.attempts = 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.first * self.factor**self.attempts)
        if delay < self.cap:
            self.attempts += 1
        return delay

    def reset(self) -> None:
        self.attempts = 0


@dataclass(slots=True)
class UnitState:
    """One unit as the supervisor sees it (supervisor thread; `snapshot()` copies for others)."""

    name: str
    subsystem: Subsystem
    unit: Supervised
    backoff: Backoff
    down_since: float | None = None  # monotonic
    gap_key: str | None = None
    gap_cameras: tuple[int, ...] = ()
    next_try: float | None = None  # monotonic time of the next restart attempt
    healthy_since: float | None = None
    restarts: int = 0
    last_reason: str = ""
    delays: list[float] = field(default_factory=list)  # the delays waited so far (tests, the log)


class RestartSupervisor:
    def __init__(
        self,
        gaps: GapRecorder | None = None,
        *,
        tick_s: float = 1.0,
        stable_s: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.gaps = gaps
        self.tick_s = tick_s
        self.stable_s = stable_s
        self._monotonic = monotonic
        self._clock = clock
        self._units: list[UnitState] = []
        self._lock = threading.Lock()  # guards _units (add from the composition root, step here)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, name: str, subsystem: Subsystem, unit: Supervised, backoff: Backoff | None = None) -> None:
        with self._lock:
            self._units.append(UnitState(name, subsystem, unit, backoff or Backoff()))

    def units(self) -> list[UnitState]:
        with self._lock:
            return list(self._units)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="subsystem-supervisor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop supervising (before the subsystems are stopped: their stopping is not a gap); the
        gaps still open are closed now, as the console quits with them."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.gaps is not None:
            self.gaps.close_all(self._clock(), basis="stopped")
            self.gaps.flush(self._clock())

    def _run(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                self.step()
            except Exception:  # the supervisor itself must outlive any bug in a unit
                log.exception("subsystem supervisor step failed")

    def step(self) -> None:
        """Check every unit once: open or close its gap, restart it when due."""
        for state in self.units():
            try:
                health = state.unit.health()
            except Exception as error:
                health = Health(False, f"health check failed: {error!r}")
            self._apply(state, health)
        if self.gaps is not None:
            self.gaps.flush(self._clock())

    def _apply(self, state: UnitState, health: Health) -> None:
        now = self._monotonic()
        if health.ok:
            if state.down_since is not None:
                log.warning("%s runs again after %.0f s", state.name, now - state.down_since)
                if self.gaps is not None and state.gap_key is not None:
                    self.gaps.close(state.gap_key, self._clock())
                state.down_since, state.gap_key, state.next_try, state.gap_cameras = None, None, None, ()
                state.healthy_since = now
            if state.healthy_since is None:
                state.healthy_since = now
            if now - state.healthy_since >= self.stable_s:
                state.backoff.reset()
            return
        state.healthy_since = None
        if state.down_since is None:
            state.down_since = now
            state.last_reason = health.reason
            log.error("%s is down: %s", state.name, health.reason or "no reason given")
            if self.gaps is not None:
                state.gap_key = self.gaps.open(
                    state.subsystem, health.reason, health.camera_ids, health.since or self._clock()
                )
                state.gap_cameras = health.camera_ids
        elif self.gaps is not None and state.gap_key is not None:
            if health.camera_ids != state.gap_cameras or (
                health.reason and health.reason != state.last_reason
            ):
                self.gaps.update(state.gap_key, health.reason or state.last_reason, health.camera_ids)
                state.gap_cameras = health.camera_ids
            state.last_reason = health.reason or state.last_reason
        if not health.restartable:
            state.next_try = None
            return
        if state.next_try is None:
            delay = state.backoff.next_delay()
            state.delays.append(delay)
            state.next_try = now + delay
            log.info("%s: restart in %.0f s", state.name, delay)
            return
        if now < state.next_try:
            return
        state.restarts += 1
        state.next_try = None  # still down at the next check: the next delay starts then
        try:
            state.unit.restart()
            log.warning("%s restarted (attempt %d)", state.name, state.restarts)
        except Exception:
            delay = state.backoff.next_delay()
            state.delays.append(delay)
            state.next_try = now + delay
            log.exception(
                "%s could not be restarted (attempt %d); next in %.0f s", state.name, state.restarts, delay
            )
