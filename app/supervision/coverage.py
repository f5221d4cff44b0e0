"""Which spans of time a classroom was actually watched by face analysis.

The rules must not count time nobody looked as time a learner was absent: a camera leaves the
wall's page (analysis follows the page, and the tour flips pages every few seconds), the analysis
worker crashes and restarts, or it falls behind and drops frames. Coverage is derived from the
samples themselves, so every such cause is handled the same way: an analysed sample at `t` says the
classroom was watched from `t` until the next sample, but for at most `max_gap` — beyond that,
nobody was looking.

Per classroom a sorted list of disjoint intervals with a running total, so "how long was it
watched between a and b" is two bisections, however many page flips a day has. No Qt, no clock.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timedelta


class Coverage:
    """Watched spans of one classroom (naive local times). Not thread-safe: the engine's thread."""

    def __init__(self, max_gap: timedelta) -> None:
        self._max_gap = max_gap
        self._starts: list[datetime] = []
        self._ends: list[datetime] = []
        self._before: list[float] = []  # seconds watched before interval i starts

    def sample(self, at: datetime) -> None:
        """An analysed sample of one of the classroom's cameras at `at`."""
        self.add(at, at + self._max_gap)

    def add(self, start: datetime, end: datetime) -> None:
        if end <= start:
            return
        if self._starts and start < self._starts[-1]:
            self._insert(start, end)  # a second camera's sample slightly out of order: rare
            return
        if self._ends and start <= self._ends[-1]:
            self._ends[-1] = max(self._ends[-1], end)
            return
        done = self._before[-1] + (self._ends[-1] - self._starts[-1]).total_seconds() if self._starts else 0.0
        self._starts.append(start)
        self._ends.append(end)
        self._before.append(done)

    def _insert(self, start: datetime, end: datetime) -> None:
        spans = sorted([*zip(self._starts, self._ends, strict=True), (start, end)])
        self._starts, self._ends, self._before = [], [], []
        for a, b in spans:
            self.add(a, b)

    def watched(self, start: datetime, end: datetime) -> timedelta:
        """Time watched within [start, end]."""
        if end <= start or not self._starts:
            return timedelta(0)
        return timedelta(seconds=self._upto(end) - self._upto(start))

    def watching(self, at: datetime) -> bool:
        """Whether `at` lies in a watched span (the last sample is at most `max_gap` old)."""
        index = bisect_right(self._starts, at) - 1
        return index >= 0 and at < self._ends[index]

    def _upto(self, moment: datetime) -> float:
        """Seconds watched before `moment`."""
        index = bisect_right(self._starts, moment) - 1
        if index < 0:
            return self._before[0] if self._before else 0.0  # forgotten spans still count before
        inside = min(moment, self._ends[index]) - self._starts[index]
        return self._before[index] + inside.total_seconds()

    def forget_before(self, moment: datetime) -> None:
        """Drop spans that ended before `moment` (totals stay consistent: only differences are used)."""
        keep = bisect_right(self._ends, moment)
        if keep:
            del self._starts[:keep], self._ends[:keep], self._before[:keep]
