"""The timeline's time axis: x is seconds since the shown day's local midnight, labelled HH:MM(:SS).

Seconds-of-day rather than epoch seconds because recordings and events carry naive local wall times:
no time zone ever enters the picture, and a day is always 0…86 400 on the axis.

Clicking or dragging on the axis scrubs (the timeline turns that into coalesced seeks) instead of
panning, as in Milestone's and Frigate's playback bars; the wheel still zooms the linked view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt

DAY_SECONDS = 86_400.0

# Label spacings in seconds; the first giving ≥ ~90 px per label wins.
_MAJOR_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600)
_LABEL_PIXELS = 90.0


def seconds_of_day(day: date, at: datetime) -> float:
    """Where `at` lies on `day`'s axis (may be outside 0…86 400 for another day)."""
    return (at - datetime.combine(day, time())).total_seconds()


def wall_time(day: date, seconds: float) -> datetime:
    """The wall time at `seconds` on `day`'s axis, to the microsecond."""
    return datetime.combine(day, time()) + timedelta(microseconds=round(seconds * 1_000_000))


def clock_text(seconds: float, with_seconds: bool = True) -> str:
    """HH:MM:SS (or HH:MM) of a seconds-of-day value; 24:00 at the day's end."""
    whole = round(seconds) if with_seconds else int(seconds // 60) * 60
    hours, rest = divmod(max(whole, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}" if with_seconds else f"{hours:02d}:{minutes:02d}"


def major_step(span_seconds: float, pixels: float) -> int:
    """The tick distance for `span_seconds` shown across `pixels`."""
    per_pixel = span_seconds / max(pixels, 1.0)
    for step in _MAJOR_STEPS:
        if step / per_pixel >= _LABEL_PIXELS:
            return step
    return _MAJOR_STEPS[-1]


class TimeOfDayAxis(pg.AxisItem):
    """Bottom axis in local clock time; reports presses and drags as scrub positions."""

    def __init__(self, scrub: Callable[[float], None], **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self._scrub = scrub
        self.setCursor(Qt.CursorShape.SizeHorCursor)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        step = major_step(maxVal - minVal, size)
        minor = step / 5 if step >= 5 else step / 2
        return [(float(step), 0.0), (minor, 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        with_seconds = spacing < 60
        return [clock_text(v, with_seconds) if 0 <= v <= DAY_SECONDS else "" for v in values]

    # -- scrubbing: the axis is the playhead's rail

    def _scrub_at(self, scene_x: float) -> None:
        view = self.linkedView()
        if view is None:
            return
        self._scrub(view.mapSceneToView(pg.Point(scene_x, 0)).x())

    def mouseClickEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._scrub_at(event.scenePos().x())
        else:
            super().mouseClickEvent(event)

    def mouseDragEvent(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(event)
            return
        event.accept()
        self._scrub_at(event.scenePos().x())
