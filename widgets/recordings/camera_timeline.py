"""One camera's day on a pyqtgraph timeline: coverage, gaps, events, bookmarks, locks, the playhead.

x is seconds since the day's midnight (timeline_axis.py); y only separates lanes:
  0.1–1.1 recorded coverage (green) and gaps (dim red), evidence locks outlined over it;
  1.3–2.1 events as bars in their kind's colour, with a clickable marker at each start;
  2.5     bookmarks.
The view zooms with the wheel from the whole day down to one minute and pans when dragged; a click
(on the lanes or the axis) asks to seek there, a drag on the axis or the playhead scrubs, shift-drag
selects a span. The widget only reports wishes (signals in seconds-of-day); the pane seeks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QWidget

from app.playback.review_model import Bookmark, CameraDay, EventMarker
from widgets.recordings import marker_style
from widgets.recordings.timeline_axis import DAY_SECONDS, TimeOfDayAxis, seconds_of_day

MIN_SPAN_SECONDS = 60.0
COVERAGE_LANE = (0.1, 1.0)  # (bottom, height)
EVENT_LANE = (1.3, 0.8)
BOOKMARK_Y = 2.5
Y_RANGE = (0.0, 2.8)


class _TimelineViewBox(pg.ViewBox):
    """Pans on drag and zooms on the wheel (x only); click seeks, shift-drag selects, right-click asks."""

    def __init__(self, owner: CameraTimeline) -> None:
        super().__init__(enableMenu=False)
        self._owner = owner
        self._selecting_from: float | None = None

    def mouseClickEvent(self, event: Any) -> None:
        x = self.mapSceneToView(event.scenePos()).x()
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._owner.scrub_requested.emit(x)
        elif event.button() == Qt.MouseButton.RightButton:
            event.accept()
            self._owner.context_menu_requested.emit(x, event.screenPos().toPoint())
        else:
            super().mouseClickEvent(event)

    def mouseDragEvent(self, event: Any, axis: int | None = None) -> None:
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.button() != Qt.MouseButton.LeftButton or not (shift or self._selecting_from is not None):
            super().mouseDragEvent(event, axis)
            return
        event.accept()
        x = self.mapSceneToView(event.scenePos()).x()
        if event.isStart() or self._selecting_from is None:
            self._selecting_from = self.mapSceneToView(event.buttonDownScenePos()).x()
        self._owner.set_selection(self._selecting_from, x)
        if event.isFinish():
            self._selecting_from = None
            self._owner.emit_selection()


class CameraTimeline(pg.PlotWidget):
    """A day of one camera. GUI thread only; fed with `show_day`, `set_playhead`, `set_selection`."""

    scrub_requested = Signal(float)  # seconds of day: a click or drag asks to show that moment
    selection_changed = Signal(object)  # (start, end) seconds of day, or None when cleared
    context_menu_requested = Signal(float, QPoint)  # seconds of day, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        self._axis = TimeOfDayAxis(self._axis_scrub)
        self._view = _TimelineViewBox(self)
        super().__init__(parent, viewBox=self._view, axisItems={"bottom": self._axis})
        self.setObjectName("cameraTimeline")
        self.setBackground("#15181d")
        self.setMenuEnabled(False)
        plot = self.getPlotItem()
        plot.hideAxis("left")
        plot.hideButtons()
        plot.showGrid(x=True, y=False, alpha=0.15)
        plot.layout.setContentsMargins(4, 2, 8, 0)
        self._view.setMouseEnabled(x=True, y=False)
        self._view.setLimits(
            xMin=0.0, xMax=DAY_SECONDS, minXRange=MIN_SPAN_SECONDS, maxXRange=DAY_SECONDS,
            yMin=Y_RANGE[0], yMax=Y_RANGE[1],
        )  # fmt: skip
        self._view.setYRange(*Y_RANGE, padding=0)
        self._view.setXRange(0.0, DAY_SECONDS, padding=0)

        self.day: date | None = None
        self.camera_day: CameraDay | None = None
        self._layers: list[pg.GraphicsObject] = []
        self._markers: list[EventMarker] = []
        self._bookmarks: list[Bookmark] = []

        self.playhead = pg.InfiniteLine(
            angle=90, movable=True, pen=pg.mkPen(marker_style.PLAYHEAD, width=2),
            hoverPen=pg.mkPen("#ffd33d", width=3),
        )  # fmt: skip
        self.playhead.setZValue(50)
        self.playhead.hide()
        self.playhead.sigDragged.connect(lambda line: self.scrub_requested.emit(line.value()))
        self.addItem(self.playhead, ignoreBounds=True)

        self.selection = pg.LinearRegionItem(
            values=(0, 0), movable=True, brush=pg.mkBrush(marker_style.SELECTION),
            pen=pg.mkPen("#58a6ff", width=1),
        )  # fmt: skip
        self.selection.setZValue(40)
        self.selection.hide()
        self.selection.sigRegionChangeFinished.connect(lambda _region: self.emit_selection())
        self.addItem(self.selection, ignoreBounds=True)

        self.event_points = pg.ScatterPlotItem(
            hoverable=True, tip=self._event_tip, pxMode=True, size=13, symbol="t",
            hoverSize=17, pen=pg.mkPen("#0d1117", width=1),
        )  # fmt: skip
        self.event_points.setZValue(30)
        self.event_points.sigClicked.connect(self._point_clicked)
        self.addItem(self.event_points)
        self.bookmark_points = pg.ScatterPlotItem(
            hoverable=True, tip=self._bookmark_tip, pxMode=True, size=12, symbol="d",
            brush=pg.mkBrush(marker_style.BOOKMARK), hoverSize=16, pen=pg.mkPen("#0d1117", width=1),
        )  # fmt: skip
        self.bookmark_points.setZValue(30)
        self.bookmark_points.sigClicked.connect(self._point_clicked)
        self.addItem(self.bookmark_points)

    # -- what is shown

    def show_day(self, day: date, camera_day: CameraDay | None) -> None:
        """Draw `camera_day` on `day`'s axis (None: the day without anything loaded yet)."""
        self.day, self.camera_day = day, camera_day
        for layer in self._layers:
            self.removeItem(layer)
        self._layers = []
        self._markers = list(camera_day.markers) if camera_day else []
        self._bookmarks = list(camera_day.bookmarks) if camera_day else []
        if camera_day is not None:
            self._draw_coverage(camera_day)
            self._draw_events(camera_day)
        self._draw_points()

    def set_playhead(self, seconds: float | None) -> None:
        if seconds is None:
            self.playhead.hide()
            return
        if not self.playhead.moving:  # never fight the hand dragging it
            self.playhead.setValue(seconds)
        self.playhead.show()

    def follow_playhead(self, seconds: float) -> None:
        """Scroll (not zoom) so the playhead stays in view while playing."""
        low, high = self.visible_range()
        if low <= seconds <= high:
            return
        width = high - low
        start = min(max(seconds - width * 0.1, 0.0), DAY_SECONDS - width)
        self._view.setXRange(start, start + width, padding=0)

    def visible_range(self) -> tuple[float, float]:
        low, high = self._view.viewRange()[0]
        return float(low), float(high)

    def zoom_to(self, centre: float, span: float) -> None:
        span = min(max(span, MIN_SPAN_SECONDS), DAY_SECONDS)
        start = min(max(centre - span / 2, 0.0), DAY_SECONDS - span)
        self._view.setXRange(start, start + span, padding=0)

    def link_to(self, other: CameraTimeline | None) -> None:
        """Share zoom and pan with `other` (2×2 playback: every camera on the same span)."""
        self._view.setXLink(other._view if other is not None else None)

    def show_axis(self, shown: bool) -> None:
        self.getPlotItem().showAxis("bottom", shown)

    # -- the selected span (In/Out points or shift-drag)

    def set_selection(self, start: float | None, end: float | None = None) -> None:
        if start is None or end is None:
            self.selection.hide()
            return
        low, high = sorted((min(max(start, 0.0), DAY_SECONDS), min(max(end, 0.0), DAY_SECONDS)))
        self.selection.blockSignals(True)
        self.selection.setRegion((low, high))
        self.selection.blockSignals(False)
        self.selection.show()

    def selected_span(self) -> tuple[float, float] | None:
        if not self.selection.isVisible():
            return None
        low, high = self.selection.getRegion()
        return (float(low), float(high)) if high > low else None

    def emit_selection(self) -> None:
        self.selection_changed.emit(self.selected_span())

    # -- drawing

    def _x(self, moment: Any) -> float:
        assert self.day is not None
        return seconds_of_day(self.day, moment)

    def _bars(self, spans: list[tuple[float, float]], lane: tuple[float, float], **style: Any) -> None:
        spans = [(a, b) for a, b in spans if b > a]
        if not spans:
            return
        bars = pg.BarGraphItem(
            x0=[a for a, _ in spans], x1=[b for _, b in spans], y0=lane[0], height=lane[1], **style
        )
        self.addItem(bars)
        self._layers.append(bars)

    def _draw_coverage(self, camera_day: CameraDay) -> None:
        no_pen = pg.mkPen(None)
        self._bars([(self._x(a), self._x(b)) for a, b in camera_day.gaps], COVERAGE_LANE,
                   brush=pg.mkBrush(marker_style.GAP), pen=no_pen)  # fmt: skip
        self._bars([(self._x(a), self._x(b)) for a, b in camera_day.coverage], COVERAGE_LANE,
                   brush=pg.mkBrush(marker_style.COVERAGE), pen=no_pen)  # fmt: skip
        lock_fill = QColor(marker_style.LOCK)
        lock_fill.setAlpha(70)
        lock_pen = QPen(marker_style.LOCK, 2)
        lock_pen.setCosmetic(True)
        self._bars([(self._x(lock.start), self._x(lock.end)) for lock in camera_day.locks],
                   (COVERAGE_LANE[0] - 0.05, COVERAGE_LANE[1] + 0.1),
                   brush=pg.mkBrush(lock_fill), pen=lock_pen)  # fmt: skip

    def _draw_events(self, camera_day: CameraDay) -> None:
        # An open event runs to the recording's end; bars last ≥ 1 s, the pixel marker shows shorter.
        open_until = camera_day.coverage[-1][1] if camera_day.coverage else None
        spans, brushes = [], []
        for marker in camera_day.markers:
            start = self._x(marker.started_at)
            end_time = marker.ended_at or open_until
            end = max(self._x(end_time) if end_time is not None else start, start + 1.0)
            colour = marker_style.kind_colour(marker.kind)
            colour.setAlpha(150)
            spans.append((start, end))
            brushes.append(pg.mkBrush(colour))
        if spans:
            bars = pg.BarGraphItem(
                x0=[a for a, _ in spans], x1=[b for _, b in spans], y0=EVENT_LANE[0],
                height=EVENT_LANE[1], brushes=brushes, pen=pg.mkPen(None),
            )  # fmt: skip
            self.addItem(bars)
            self._layers.append(bars)

    def _draw_points(self) -> None:
        marker_y = EVENT_LANE[0] + EVENT_LANE[1] / 2
        self.event_points.setData(
            [
                {
                    "pos": (self._x(m.started_at), marker_y),
                    "data": m,
                    "brush": pg.mkBrush(marker_style.kind_colour(m.kind)),
                }
                for m in self._markers
            ]
        )
        self.bookmark_points.setData(
            [{"pos": (self._x(b.at), BOOKMARK_Y), "data": b} for b in self._bookmarks]
        )

    # -- interaction

    def _axis_scrub(self, seconds: float) -> None:
        self.scrub_requested.emit(min(max(seconds, 0.0), DAY_SECONDS))

    def _point_clicked(self, _item: pg.ScatterPlotItem, points: Any, event: Any) -> None:
        if len(points) == 0:
            return
        event.accept()
        self.scrub_requested.emit(float(points[0].pos().x()))

    def marker_position(self, event_id: int) -> QPointF | None:
        """Where an event's marker sits in view coordinates (tests click it)."""
        for marker in self._markers:
            if marker.event_id == event_id:
                return QPointF(self._x(marker.started_at), EVENT_LANE[0] + EVENT_LANE[1] / 2)
        return None

    @staticmethod
    def _event_tip(x: float, y: float, data: Any) -> str:
        return marker_style.marker_tooltip(data)

    @staticmethod
    def _bookmark_tip(x: float, y: float, data: Any) -> str:
        return marker_style.bookmark_tooltip(data)
