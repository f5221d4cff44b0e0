"""The Dashboard charts' plain-widget parts: the legend of event kinds and the places' short labels.

Kept out of dashboard_charts so that they need no pyqtgraph: the legend is there before the charts
have loaded, and tests can read it without drawing a chart.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain.enums import EventKind, ScopeLevel
from app.domain.geography import Workspace
from app.domain.people import Scope
from widgets.labels import EVENT_KIND_COLOURS, event_kind_label
from widgets.scope_text import name_within, short_county_name


def swatch(colour: str, size: int = 10) -> QPixmap:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so that it stays sharp on HiDPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2, 2)
    painter.end()
    return pixmap


class KindLegend(QWidget):
    """One swatch and name per event kind that today's charts show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kindLegend")
        self._kinds: list[EventKind] = []
        self._labels: dict[EventKind, tuple[QLabel, QLabel]] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for kind in EventKind:
            mark, name = QLabel(self), QLabel(self)
            mark.setPixmap(swatch(EVENT_KIND_COLOURS[kind]))
            name.setObjectName("legendText")
            row.addWidget(mark)
            row.addWidget(name)
            row.addSpacing(10)
            self._labels[kind] = (mark, name)
        row.addStretch(1)
        self.show_kinds([])
        self.retranslate()

    @property
    def kinds(self) -> list[EventKind]:
        return list(self._kinds)

    def show_kinds(self, kinds: list[EventKind]) -> None:
        self._kinds = list(kinds)
        for kind, (mark, name) in self._labels.items():
            mark.setVisible(kind in kinds)
            name.setVisible(kind in kinds)

    def text_of(self, kind: EventKind) -> str:
        return self._labels[kind][1].text()

    def retranslate(self) -> None:
        for kind, (_mark, name) in self._labels.items():
            name.setText(event_kind_label(kind))


def place_label(workspace: Workspace, scope: Scope | None) -> str:
    """A place's name short enough for the chart's axis; the bar's tooltip has it whole."""
    if scope is None:
        return ""
    try:
        if scope.classroom_id is not None:
            return workspace.classroom(scope.classroom_id).name
        if scope.level is ScopeLevel.SITE and scope.site_id is not None and scope.county_id is not None:
            return name_within(workspace.site(scope.site_id).name, workspace.county(scope.county_id).name)
        if scope.county_id is not None:
            return short_county_name(workspace.county(scope.county_id).name)
    except StopIteration:
        return "?"
    return workspace.city.name
