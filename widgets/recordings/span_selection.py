"""The span to lock or export: In and Out points (I / O, the timeline's menu) or a shift-drag.

Plain state (no Qt widgets): an In after the Out, or an Out before the In, drops the other point.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication


class SpanSelection:
    def __init__(self) -> None:
        self.start: datetime | None = None
        self.end: datetime | None = None

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        """(start, end) when both points are set and in order, else None."""
        if self.start is None or self.end is None or self.end <= self.start:
            return None
        return self.start, self.end

    def mark_in(self, at: datetime) -> None:
        self.start = at
        if self.end is not None and self.end <= at:
            self.end = None

    def mark_out(self, at: datetime) -> None:
        self.end = at
        if self.start is not None and self.start >= at:
            self.start = None

    def set(self, start: datetime, end: datetime) -> None:
        self.start, self.end = min(start, end), max(start, end)

    def clear(self) -> None:
        self.start = self.end = None

    def text(self) -> str:
        if self.start is None and self.end is None:
            return QCoreApplication.translate("RecordingsPane", "No span selected")
        return (
            QCoreApplication.translate("RecordingsPane", "Span %1 – %2")
            .replace("%1", _clock(self.start))
            .replace("%2", _clock(self.end))
        )


def _clock(at: datetime | None) -> str:
    return at.strftime("%H:%M:%S") if at is not None else "…"
