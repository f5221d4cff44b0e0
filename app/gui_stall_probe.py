"""How late the GUI thread is, from the moment the QApplication exists to the end of the run.

`GuiStallProbe` runs a 20 ms PreciseTimer on the GUI thread and files each beat's lateness (how
much later than 20 ms after the previous beat it fired) into `LatenessWindow`s: the whole run,
after the first 10 s and the first 30 s. A window keeps a 1 ms histogram, not the beats, so an
all-day run costs a few kB; `--stats` and bench/startup_time.py report its worst and 99th
percentile. `StallTracer` (developer option: `--trace-stalls` or LIANGJIAO_TRACE_STALLS=MS) is a
thread that samples the GUI thread's Python stack while a beat is overdue and logs the most frequent
frames of every stall over the threshold. This module imports only the standard library and
QtCore, so bench/startup_time.py can load it by path into an older checkout as its baseline.
"""

from __future__ import annotations

import collections
import logging
import sys
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

HEARTBEAT_MS = 20
STALL_MS = 50.0  # the target: no beat later than this, start included
_BUCKETS = 2000  # 1 ms buckets; later beats share the last one (their worst is kept exactly)
TRACE_ENV = "LIANGJIAO_TRACE_STALLS"


@dataclass(frozen=True, slots=True)
class LatenessFigures:
    beats: int
    worst_ms: float
    p99_ms: float
    over_stall_ms: int  # beats later than STALL_MS

    def to_dict(self) -> dict[str, float | int]:
        return {
            "beats": self.beats,
            "worst_ms": round(self.worst_ms, 1),
            "p99_ms": round(self.p99_ms, 1),
            "over_50_ms": self.over_stall_ms,
        }


class LatenessWindow:
    """The beats that fell between `start_s` and `end_s` (None: open) seconds after the probe
    started, as a histogram of whole milliseconds. Plain Python: no Qt, no clock."""

    def __init__(self, start_s: float = 0.0, end_s: float | None = None) -> None:
        self.start_s = start_s
        self.end_s = end_s
        self._counts = [0] * _BUCKETS
        self._beats = 0
        self._worst_ms = 0.0
        self._over = 0

    def add(self, at_s: float, lateness_ms: float) -> None:
        if at_s < self.start_s or (self.end_s is not None and at_s > self.end_s):
            return
        lateness_ms = max(0.0, lateness_ms)
        self._counts[min(_BUCKETS - 1, int(lateness_ms))] += 1
        self._beats += 1
        self._worst_ms = max(self._worst_ms, lateness_ms)
        if lateness_ms > STALL_MS:
            self._over += 1

    def figures(self) -> LatenessFigures:
        return LatenessFigures(self._beats, self._worst_ms, self._percentile(0.99), self._over)

    def _percentile(self, fraction: float) -> float:
        """The smallest whole-ms bound that at least `fraction` of the beats are not later than
        (never above the worst beat)."""
        if self._beats == 0:
            return 0.0
        needed = fraction * self._beats
        seen = 0
        for bucket, count in enumerate(self._counts):
            seen += count
            if seen >= needed:  # the last bucket holds everything later: only the worst bounds it
                return self._worst_ms if bucket == _BUCKETS - 1 else min(float(bucket + 1), self._worst_ms)
        return self._worst_ms


@dataclass(frozen=True, slots=True)
class StallSummary:
    """The probe's figures: what `--stats` writes as "gui_stalls"."""

    heartbeat_ms: int
    whole_run: LatenessFigures
    after_10_s: LatenessFigures
    first_30_s: LatenessFigures
    longest: tuple[tuple[float, float], ...]  # (seconds after start, lateness ms) of the worst stalls

    def to_dict(self) -> dict[str, object]:
        return {
            "heartbeat_ms": self.heartbeat_ms,
            "whole_run": self.whole_run.to_dict(),
            "after_10_s": self.after_10_s.to_dict(),
            "first_30_s": self.first_30_s.to_dict(),
            "longest": [{"at_s": round(at, 2), "ms": round(ms, 1)} for at, ms in self.longest],
        }


class LatenessLog:
    """The three windows and the ten longest stalls; fed one beat at a time (GUI thread)."""

    KEEP_LONGEST = 10

    def __init__(self) -> None:
        self.whole = LatenessWindow()
        self.after_10 = LatenessWindow(start_s=10.0)
        self.first_30 = LatenessWindow(end_s=30.0)
        self._longest: list[tuple[float, float]] = []

    def add(self, at_s: float, lateness_ms: float) -> None:
        for window in (self.whole, self.after_10, self.first_30):
            window.add(at_s, lateness_ms)
        if lateness_ms > STALL_MS:
            self._longest.append((at_s, lateness_ms))
            self._longest.sort(key=lambda item: -item[1])
            del self._longest[self.KEEP_LONGEST :]

    def summary(self) -> StallSummary:
        return StallSummary(
            HEARTBEAT_MS,
            self.whole.figures(),
            self.after_10.figures(),
            self.first_30.figures(),
            tuple(sorted(self._longest)),
        )


class GuiStallProbe(QObject):
    """The heartbeat. Create it on the GUI thread as soon as the QApplication exists; it runs
    until the application quits (no stop needed: the timer dies with its parent)."""

    def __init__(self, parent: QObject | None = None, *, trace_ms: float | None = None) -> None:
        super().__init__(parent)
        self.started = time.monotonic()
        self.last_beat = self.started  # read by the tracer thread: a float assignment is atomic
        self.log = LatenessLog()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._timer.start()
        self.tracer = StallTracer(self, trace_ms) if trace_ms is not None else None

    def _beat(self) -> None:
        now = time.monotonic()
        lateness_ms = (now - self.last_beat) * 1000.0 - HEARTBEAT_MS
        self.last_beat = now
        self.log.add(now - self.started, lateness_ms)

    def summary(self) -> StallSummary:
        return self.log.summary()

    def stop(self) -> None:
        self._timer.stop()
        if self.tracer is not None:
            self.tracer.stop()


def trace_threshold(flag: bool, environ: dict[str, str]) -> float | None:
    """The tracer's threshold in ms from `--trace-stalls` or LIANGJIAO_TRACE_STALLS (None: off)."""
    text = environ.get(TRACE_ENV, "").strip()
    if text:
        try:
            return max(1.0, float(text))
        except ValueError:
            return STALL_MS
    return STALL_MS if flag else None


class StallTracer:
    """Samples the GUI thread's stack every 5 ms while its heartbeat is overdue and, when the beat
    comes, logs the stall's length and its most frequent stacks (a developer's tool)."""

    SAMPLE_S = 0.005
    DEPTH = 60  # frames kept per sample; 12 innermost are printed

    def __init__(self, probe: GuiStallProbe, threshold_ms: float) -> None:
        self._probe = probe
        self._threshold_s = threshold_ms / 1000.0
        self._gui_ident = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gui-stall-tracer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        samples: collections.Counter[tuple[str, ...]] = collections.Counter()
        stalled_since = 0.0
        while not self._stop.wait(self.SAMPLE_S):
            last = self._probe.last_beat
            overdue = time.monotonic() - last - HEARTBEAT_MS / 1000.0
            if overdue > self._threshold_s / 2:
                stalled_since = last
                stack = _gui_stack(self._gui_ident, self.DEPTH)
                if stack:
                    samples[stack] += 1
            elif samples and last != stalled_since:
                lateness = (last - stalled_since) * 1000.0 - HEARTBEAT_MS
                if lateness > self._threshold_s * 1000.0:
                    self._report(stalled_since - self._probe.started, lateness, samples)
                samples = collections.Counter()

    def _report(self, at_s: float, lateness_ms: float, samples: collections.Counter[tuple[str, ...]]) -> None:
        total = sum(samples.values())
        # Inclusive counts of our own functions: where the time went, outermost callers included.
        places: collections.Counter[str] = collections.Counter()
        for stack, count in samples.items():
            for function in {_function(frame) for frame in stack if _is_ours(frame)}:
                places[function] += count
        lines = [f"GUI stall {lateness_ms:.0f} ms at {at_s:.2f} s ({total} samples); our functions:"]
        lines.extend(f"  {count:3d} {place}" for place, count in places.most_common(14))
        for stack, count in samples.most_common(2):
            lines.append(f"  {count}/{total} samples, innermost last:")
            lines.extend(f"    {frame}" for frame in stack[-12:])
        log.warning("%s", "\n".join(lines))


def _gui_stack(ident: int, depth: int) -> tuple[str, ...]:
    """The thread's innermost `depth` frames as 'file:line function', innermost last. Only attribute
    reads, no file I/O: the frames must be let go before the GUI thread can leave them, or their
    locals (a QPainter ended by its destructor) would outlive the call."""
    frame = sys._current_frames().get(ident)
    entries: list[str] = []
    while frame is not None and len(entries) < depth:
        code = frame.f_code
        entries.append(f"{code.co_filename}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    del frame
    return tuple(reversed(entries))


def _function(entry: str) -> str:
    """'…/widgets/main_window.py:188 _dock' → 'widgets/main_window.py _dock'."""
    place, _, name = entry.partition(" ")
    path = place.rsplit(":", 1)[0]
    for root in ("/app/", "/widgets/"):
        if root in path:
            path = root[1:] + path.rsplit(root, 1)[1]
            break
    return f"{path} {name}"


def _is_ours(entry: str) -> bool:
    return "site-packages" not in entry and ("/app/" in entry or "/widgets/" in entry or "main.py" in entry)
