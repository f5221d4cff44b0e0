"""The Dashboard's two charts: today's events per hour and per place, stacked by kind (pyqtgraph).

Imported only once the Dashboard is first shown, on a worker (pyqtgraph takes one to two seconds
to import here, which must not lengthen start-up); built and fed on the GUI thread. The hour chart
stands its bars up; the place chart lays them down, so that Chinese place names stay on one line
at the left instead of colliding under narrow bars. A click on a bar says which bar and which
kind's segment it hit; the pane turns that into a filtered Events pane.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QToolTip, QWidget

from app.domain.enums import EventKind
from app.domain.event_tallies import Bar
from widgets.labels import EVENT_KIND_COLOURS, event_kind_label

BACKGROUND = "#23272d"
AXIS = "#8f99a6"
BAR_WIDTH = 0.7
MIN_HEIGHT = 150
PLACE_ROW = 13  # px per place on the place chart, for an 11-px label
MIN_HOUR_SPAN = (7, 20)  # the hour chart always shows the school day, more when events fall outside


class EventBarChart(pg.PlotWidget):
    """Stacked bars, one segment per event kind. `bar_clicked(Bar, EventKind | None)`: the kind is
    None when the click hit the bar's slot but none of its segments (above a short bar)."""

    bar_clicked = Signal(object, object)

    def __init__(self, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.bars: list[Bar] = []
        self._items: list[pg.BarGraphItem] = []
        self.setBackground(BACKGROUND)
        self.setMenuEnabled(False)
        self.setMinimumHeight(MIN_HEIGHT)
        plot = self.getPlotItem()
        plot.hideButtons()
        plot.layout.setContentsMargins(2, 4, 8, 2)
        plot.showGrid(x=horizontal, y=not horizontal, alpha=0.12)
        view = plot.getViewBox()
        view.setMouseEnabled(x=False, y=False)
        view.setDefaultPadding(0.02)
        if horizontal:
            view.invertY(True)  # the first place at the top, as in the tree
        font = QFont(self.font())
        font.setPixelSize(11)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS))
            axis.setTextPen(pg.mkPen(AXIS))
            axis.setStyle(tickFont=font)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._hovered)

    # -- data (GUI thread)

    def set_bars(self, bars: Sequence[Bar], labels: Sequence[str]) -> None:
        """Draw `bars` (in order), their axis showing `labels`."""
        plot = self.getPlotItem()
        for item in self._items:
            plot.removeItem(item)
        self._items = []
        self.bars = list(bars)
        positions = list(range(len(self.bars)))
        base = [0] * len(self.bars)
        for kind in EventKind:
            heights = [bar.counts.get(kind, 0) for bar in self.bars]
            if not any(heights):
                continue
            brush = pg.mkBrush(EVENT_KIND_COLOURS[kind])
            pen = pg.mkPen(QColor(BACKGROUND), width=0.5)
            if self.horizontal:
                item = pg.BarGraphItem(
                    x0=base, y=positions, width=heights, height=BAR_WIDTH, brush=brush, pen=pen
                )
            else:
                item = pg.BarGraphItem(
                    x=positions, y0=base, height=heights, width=BAR_WIDTH, brush=brush, pen=pen
                )
            plot.addItem(item)
            self._items.append(item)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        top = max([*base, 1])
        if self.horizontal:  # one readable line per place: a city's ten counties need the room
            self.setMinimumHeight(max(MIN_HEIGHT, PLACE_ROW * len(self.bars) + 32))
        ticks = [list(zip(positions, labels, strict=True))]
        value_axis = plot.getAxis("bottom" if self.horizontal else "left")
        value_axis.setTickSpacing(major=_step(top), minor=_step(top))
        plot.getAxis("left" if self.horizontal else "bottom").setTicks(ticks)
        view = plot.getViewBox()
        span = (-0.6, len(self.bars) - 0.4)
        if self.horizontal:
            view.setRange(xRange=(0, top * 1.08), yRange=span, padding=0)
        else:
            view.setRange(xRange=span, yRange=(0, top * 1.08), padding=0)

    # -- mouse (GUI thread)

    def hit(self, scene_pos: QPointF) -> tuple[Bar, EventKind | None] | None:
        """The bar (and kind segment) under a scene position, or None."""
        view = self.getPlotItem().getViewBox()
        if not self.bars or not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        slot, value = (point.y(), point.x()) if self.horizontal else (point.x(), point.y())
        index = round(slot)
        if not 0 <= index < len(self.bars) or abs(slot - index) > BAR_WIDTH / 2:
            return None
        bar = self.bars[index]
        reached = 0
        for kind, count in bar.counts.items():
            reached += count
            if 0 <= value < reached:
                return bar, kind
        return bar, None

    def _clicked(self, event: object) -> None:
        if getattr(event, "button", lambda: None)() != Qt.MouseButton.LeftButton:
            return
        found = self.hit(event.scenePos())  # type: ignore[attr-defined]
        if found is not None:
            self.bar_clicked.emit(*found)

    def _hovered(self, scene_pos: QPointF) -> None:
        found = self.hit(scene_pos)
        if found is None:
            self.setToolTip("")
            QToolTip.hideText()
            return
        bar, _kind = found
        self.setToolTip(bar_tooltip(bar))

    def clear_bars(self) -> None:
        self.set_bars([], [])


def bar_tooltip(bar: Bar) -> str:
    lines = [f"{bar.label}: {bar.total}"]
    lines += [f"{event_kind_label(kind)}: {count}" for kind, count in bar.counts.items()]
    return "\n".join(lines)


def hour_span(bars: Sequence[Bar], now_hour: int) -> tuple[int, int]:
    """The hours the hour chart shows: the school day, widened to any hour with events and to now."""
    busy = [bar.hour for bar in bars if bar.total and bar.hour is not None]
    first = min([MIN_HOUR_SPAN[0], *busy])
    last = max([MIN_HOUR_SPAN[1], now_hour, *busy])
    return first, min(last, 23)


def _step(top: int) -> float:
    """A tick step giving at most about five whole-number ticks up to `top`."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 5:
            return step
    return 10 ** len(str(top))
