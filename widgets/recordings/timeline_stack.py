"""The timelines of the cameras being played, one row each, sharing zoom and pan; zoom presets, legend.

In 2×2 playback all four rows show the same span (their x axes are linked to the first), so a moment
lines up across cameras; only the last row draws the clock axis, which keeps four rows readable.
The legend is one word-wrapped label: eleven colours side by side are wider than the pane may be
beside the scope tree and the events dock, so it wraps onto a second line instead of widening it.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.domain.enums import EventKind
from app.playback.review_model import CameraDay
from widgets.labels import event_kind_label
from widgets.recordings import marker_style
from widgets.recordings.camera_timeline import MIN_SPAN_SECONDS, CameraTimeline
from widgets.recordings.timeline_axis import DAY_SECONDS

ROWS = 4
ROW_HEIGHT = 62
NAME_WIDTH = 110
COMPACT_ROW_HEIGHT = 46  # four rows: the 2×2 pictures keep their height on a 768-px screen
AXIS_HEIGHT = 26
ZOOM_PRESETS = (DAY_SECONDS, 3600.0, 600.0, MIN_SPAN_SECONDS)


class TimelineStack(QWidget):
    scrub_requested = Signal(int, float)  # (row, seconds of day)
    selection_changed = Signal(int, object)  # (row, (start, end) seconds or None)
    context_menu_requested = Signal(int, float, QPoint)
    row_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timelines = [CameraTimeline(self) for _ in range(ROWS)]
        self.names = [QLabel(self) for _ in range(ROWS)]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        for row, (name, timeline) in enumerate(zip(self.names, self.timelines, strict=True)):
            name.setObjectName("timelineCameraName")
            name.setFixedWidth(NAME_WIDTH)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            grid.addWidget(timeline, row, 1)
            if row:
                timeline.link_to(self.timelines[0])
            timeline.scrub_requested.connect(lambda x, r=row: self._scrub(r, x))
            timeline.selection_changed.connect(lambda span, r=row: self.selection_changed.emit(r, span))
            timeline.context_menu_requested.connect(
                lambda x, where, r=row: self.context_menu_requested.emit(r, x, where)
            )

        self.zoom_buttons: list[QPushButton] = []
        presets = QHBoxLayout()
        presets.setContentsMargins(0, 0, 0, 0)
        self.zoom_label = QLabel(self)
        presets.addWidget(self.zoom_label)
        for span in ZOOM_PRESETS:
            button = QPushButton(self)
            button.setObjectName("timelineZoom")
            button.clicked.connect(lambda _checked=False, s=span: self.zoom_to(s))
            presets.addWidget(button)
            self.zoom_buttons.append(button)
        presets.addSpacing(16)
        self.legend = QLabel(self)
        self.legend.setObjectName("timelineLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setMinimumWidth(120)
        self.legend.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        presets.addWidget(self.legend, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(grid)
        layout.addLayout(presets)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.set_rows(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_label.setText(self.tr("Zoom:"))
        texts = (self.tr("Day"), self.tr("1 hour"), self.tr("10 min"), self.tr("1 min"))
        for button, text in zip(self.zoom_buttons, texts, strict=True):
            button.setText(text)
        entries: list[tuple[QColor, str]] = [
            (marker_style.COVERAGE, self.tr("Recorded")),
            (QColor(150, 55, 55), self.tr("No recording")),  # the gap's tint as it shows on the dark lane
            (marker_style.BOOKMARK, self.tr("Bookmark")),
            (marker_style.LOCK, self.tr("Evidence lock")),
        ]
        entries += [(marker_style.kind_colour(kind), event_kind_label(kind)) for kind in EventKind]
        # Lines break between entries only: Chinese would otherwise break inside a name (离 / 开次数过多).
        self.legend.setText(
            "&nbsp;&nbsp; ".join(
                f'<span style="color:{colour.name()}">■</span>&nbsp;{escape(_unbreakable(text))}'
                for colour, text in entries
            )
        )
        tip = self.tr(
            "Wheel: zoom · drag: pan · click or drag on the time axis: go there · "
            "shift-drag: select a span · click a marker: play the event"
        )
        for timeline in self.timelines:
            timeline.setToolTip(tip)

    @property
    def rows(self) -> int:
        return sum(1 for t in self.timelines if not t.isHidden())

    def set_rows(self, count: int) -> None:
        for row, (name, timeline) in enumerate(zip(self.names, self.timelines, strict=True)):
            shown = row < count
            name.setVisible(shown)
            timeline.setVisible(shown)
            last = row == count - 1
            timeline.show_axis(last)
            height = ROW_HEIGHT if count == 1 else COMPACT_ROW_HEIGHT
            timeline.setFixedHeight(height + (AXIS_HEIGHT if last else 0))

    def set_name(self, row: int, text: str) -> None:
        """The row's camera, "site · classroom · camera": the site on one line, the rest on the next,
        each cut short with "…" when too long (the whole name is the tooltip)."""
        label = self.names[row]
        site, _dot, rest = text.partition(" · ")
        metrics = label.fontMetrics()
        lines = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, NAME_WIDTH) for line in (site, rest) if line
        ]
        label.setText("\n".join(lines))
        label.setToolTip(text)

    def show_day(self, row: int, day: date, camera_day: CameraDay | None) -> None:
        self.timelines[row].show_day(day, camera_day)

    def clear_days(self, day: date) -> None:
        """Every row shows `day` with nothing loaded yet."""
        for timeline in self.timelines:
            timeline.show_day(day, None)

    def set_playhead(self, seconds: float | None, follow: bool) -> None:
        for timeline in self.timelines:
            timeline.set_playhead(seconds)
        if follow and seconds is not None:
            self.timelines[0].follow_playhead(seconds)  # the others follow through the x link

    def set_selection(self, span: tuple[float, float] | None) -> None:
        for timeline in self.timelines:
            timeline.set_selection(*(span or (None, None)))

    def zoom_to(self, span: float) -> None:
        """Show `span` seconds around the playhead (or the middle of what is shown)."""
        first = self.timelines[0]
        low, high = first.visible_range()
        playhead = first.playhead.value() if first.playhead.isVisible() else (low + high) / 2
        first.zoom_to(float(playhead), span)

    def _scrub(self, row: int, seconds: float) -> None:
        self.row_clicked.emit(row)
        self.scrub_requested.emit(row, seconds)


def _unbreakable(text: str) -> str:
    """`text` with no line break opportunity inside (word joiners between its characters)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))
