"""概览 Dashboard: what is happening now and what is waiting, for the selected scope.

On top a row of figures that open what they count: classrooms in session now, watched by face
analysis, recorded; new events, high-severity events nobody has claimed, completions and
spot-checks waiting. Below, two charts of today's events stacked by kind — per hour, and per
county (site, classroom) under the scope — whose bars open the Events pane filtered to them; then
the workspace's headline figures. A click becomes a `drill_down(DrillDown)` for the window.

AppContext.dashboard(scope) may hit the database, so it only ever runs through the TaskRunner
(and again every 30 s while the pane is visible); selecting another node in the tree cancels the
old query. The charts need pyqtgraph, whose import takes a second or two: it is imported on a
worker when the charts are first shown, never on start-up's path. When the pane is short (a
1366×768 laptop) or the officer collapses it, only the row of figures stays, on one line.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain.dashboard import DashboardCounts, DashboardSource
from app.domain.enums import EventKind, ScopeLevel
from app.domain.event_tallies import Bar, hourly_bars, place_bars
from app.domain.geography import Workspace
from app.domain.people import Scope
from app.tasks import TaskHandle, TaskRunner
from widgets.elided_label import ElidedLabel
from widgets.error_texts import error_text
from widgets.panes.analysis_gap_label import AnalysisGapLabel
from widgets.panes.dashboard_figures import FIGURES, DrillDown, figure_texts
from widgets.panes.dashboard_legend import KindLegend, place_label
from widgets.panes.pane import Pane
from widgets.panes.stat_tile import FigureButton, FigureFlow, StatTile, TileGrid
from widgets.resources import icon
from widgets.scope_text import describe_scope

if TYPE_CHECKING:
    from widgets.panes.dashboard_charts import EventBarChart

log = logging.getLogger(__name__)

CHARTS_MODULE = "widgets.panes.dashboard_charts"


class DashboardState(Enum):
    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"
    ERROR = "error"


# (DashboardCounts field, section) of the headline tiles; sections: 0 workspace, 1 study.
_TILES: tuple[tuple[str, int], ...] = (
    ("counties", 0),
    ("sites", 0),
    ("classrooms", 0),
    ("cameras", 0),
    ("learners", 1),
    ("sessions_today", 1),
    ("learners_rostered_today", 1),
    ("online_records", 1),
    ("captured_photos", 1),
)


class DashboardPane(Pane):
    OBJECT_NAME = "dashboardPane"
    ICON = "pane_dashboard"
    AUTO_REFRESH_MS = 30_000  # "in session now" drifts within minutes; the queries are cheap
    COMPACT_BELOW = 240  # px of pane height under which only the figures row is shown
    FIRST_REFRESH_MS = 8_000  # after the first showing (the wall's recorders have started by then)
    CHARTS_DELAY_MS = 400  # after being shown with room for them, before pyqtgraph is imported

    drill_down = Signal(object)  # DrillDown
    height_wanted = Signal(int)  # the collapse button asks the window for this dock height

    def __init__(
        self,
        source: DashboardSource,
        workspace: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._workspace = workspace
        self._tasks = tasks
        self._clock = clock
        self._handle: TaskHandle | None = None
        self._state = DashboardState.IDLE
        self._counts: DashboardCounts | None = None
        self._error_text = ""
        self._updated_at = ""
        self._collapsed = False  # the officer's choice; a short pane is compact regardless
        self._compact: bool | None = None
        self._short_captions: bool | None = None
        self._charts_loading = False
        self._shown_once = False
        self.hour_chart: EventBarChart | None = None
        self.place_chart: EventBarChart | None = None

        self._scope_label = ElidedLabel(parent=self, max_chars=30)
        self._scope_label.setObjectName("paneHeading")
        self._status_label = ElidedLabel(parent=self, max_chars=40)
        self._status_label.setObjectName("paneStatus")
        self.collapse_button = QPushButton(self)
        self.collapse_button.setObjectName("dashboardCollapse")
        self.collapse_button.clicked.connect(self.toggle_collapsed)
        self._refresh_button = QPushButton(icon("refresh"), "", self)
        self._refresh_button.clicked.connect(self.refresh)
        self.gap_label = AnalysisGapLabel(self)  # today's face-analysis gaps, when there were any
        self._header = header = QHBoxLayout()
        header.addWidget(self._scope_label, 1)
        header.addWidget(self.gap_label)
        header.addWidget(self._status_label)
        header.addWidget(self.collapse_button)
        header.addWidget(self._refresh_button)

        self.figures: dict[str, FigureButton] = {}
        for name, attention, target in FIGURES:
            button = FigureButton(attention=attention)
            button.setObjectName(f"figure_{name}")
            button.clicked.connect(lambda _checked=False, t=target: self.drill_down.emit(t))
            self.figures[name] = button
        buttons = list(self.figures.values())
        self.figure_flow = FigureFlow([buttons[:3], buttons[3:]], self)

        self._body = QWidget()
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        self.legend = KindLegend(self._body)
        body.addWidget(self.legend)
        self._chart_titles = [QLabel(self._body), QLabel(self._body)]
        self._charts_box = QGridLayout()
        self._charts_box.setContentsMargins(0, 0, 0, 0)
        self._charts_box.setVerticalSpacing(2)
        for column, title in enumerate(self._chart_titles):
            title.setObjectName("chartTitle")
            self._charts_box.addWidget(title, 0, column)
        self._charts_placeholder = QLabel(self._body)
        self._charts_placeholder.setObjectName("mutedNote")
        self._charts_box.addWidget(self._charts_placeholder, 1, 0, 1, 2)
        self._charts_box.setColumnStretch(0, 3)
        self._charts_box.setColumnStretch(1, 2)
        body.addLayout(self._charts_box)
        self.tiles = {name: StatTile() for name, _section in _TILES}
        self._section_labels = [QLabel(self._body) for _ in range(2)]
        for section, heading in enumerate(self._section_labels):
            heading.setObjectName("sectionHeading")
            body.addWidget(heading)
            body.addWidget(TileGrid([self.tiles[n] for n, s in _TILES if s == section]))
        body.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._body)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setMinimumHeight(1)  # a short pane goes compact rather than refusing to shrink
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.figure_flow)
        layout.addWidget(self._scroll, 1)

        self._charts_timer = QTimer(self)
        self._charts_timer.setSingleShot(True)
        self._charts_timer.setInterval(self.CHARTS_DELAY_MS)
        self._charts_timer.timeout.connect(self._load_charts)
        self._timer = QTimer(self)
        self._timer.setInterval(self.AUTO_REFRESH_MS)
        self._timer.timeout.connect(self._auto_refresh)
        self._apply_compact()
        self.retranslate()

    # -- public

    @property
    def state(self) -> DashboardState:
        return self._state

    @property
    def counts(self) -> DashboardCounts | None:
        return self._counts

    @property
    def compact(self) -> bool:
        """Only the row of figures is shown (collapsed by the officer, or too short for charts)."""
        return bool(self._compact)

    def pane_title(self) -> str:
        return self.tr("Dashboard")

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        self._counts = None  # figures of another scope must not linger under this scope's name
        self._retranslate_place_title()
        self.refresh()

    def refresh(self) -> None:
        """Recompute the figures for the current scope on a worker thread."""
        if self._handle is not None:
            self._handle.cancel()
        self._state = DashboardState.LOADING
        self._show()
        source, scope = self._source, self.scope
        query: Callable[[], DashboardCounts] = lambda: source(scope)  # noqa: E731 - runs on a worker
        self._handle = self._tasks.run(query, self._on_counts, self._on_error)
        self._timer.start()

    def stop(self) -> None:
        """Stop refreshing (window closing): cancel the query in flight and the timer."""
        self._timer.stop()
        self._charts_timer.stop()
        if self._handle is not None:
            self._handle.cancel()

    def set_collapsed(self, collapsed: bool) -> None:
        """Show only the figures row (True), or the charts and tiles as well when there is room."""
        self._collapsed = collapsed
        self._apply_compact()

    def toggle_collapsed(self) -> None:
        """The header's button: collapse, or expand, and ask the window for the height it needs."""
        expand = self.compact
        self.set_collapsed(not expand)
        self.height_wanted.emit(self.expanded_height() if expand else self.compact_height())

    def compact_height(self) -> int:
        """The height of the pane showing only the header and the figures on one line."""
        layout = self._layout
        margins = layout.contentsMargins()
        width = max(self.width(), self.minimumSizeHint().width()) - margins.left() - margins.right()
        rows = self._header.sizeHint().height() + self.figure_flow.heightForWidth(width)
        return rows + layout.spacing() + margins.top() + margins.bottom()

    def expanded_height(self) -> int:
        return max(self.COMPACT_BELOW + 80, 340)

    # -- task callbacks (GUI thread)

    def _on_counts(self, counts: DashboardCounts) -> None:
        self._counts = counts
        self._state = DashboardState.READY
        self._updated_at = QTime.currentTime().toString("HH:mm:ss")
        self._show()

    def _on_error(self, error: BaseException) -> None:
        log.warning("dashboard query failed for %s", self.scope, exc_info=error)
        self._error_text = error_text(error)
        self._state = DashboardState.ERROR
        self._show()

    def _auto_refresh(self) -> None:
        if self.isVisible() and self._state is not DashboardState.LOADING:
            self.refresh()

    # -- compact mode and the charts

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_compact()
        if self._collapsed and event.size().width() != event.oldSize().width():
            # The figures may wrap or unwrap: the collapsed pane asks for what its lines need.
            wanted = self.compact_height()
            if wanted != self.height():
                QTimer.singleShot(0, lambda: self.height_wanted.emit(wanted))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Recording and analysis begin only once the window is up: look again soon.
            QTimer.singleShot(self.FIRST_REFRESH_MS, self._auto_refresh)
        self._apply_compact()

    def _apply_compact(self) -> None:
        compact = self._collapsed or (self.isVisible() and self.height() < self.COMPACT_BELOW)
        if compact != self._compact:
            self._compact = compact
            self._scroll.setVisible(not compact)
            self._retranslate_collapse()
        self._fit_captions()
        if not compact and self.isVisible() and self.hour_chart is None:
            # Later: the window may still be sizing its docks, and its first paint comes first.
            self._charts_timer.start()

    def _fit_captions(self) -> None:
        """Full captions when they all fit on one line (and the pane is not collapsed), else the
        short ones: a second line of figures costs the charts their room."""
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        flow = self.figure_flow
        widths = [button.full_width() for button in self.figures.values()]
        one_line = sum(widths) + flow.SPACING * (len(widths) - 2) + flow.GROUP_GAP
        short = self.compact or one_line > room
        if short != self._short_captions:
            self._short_captions = short
            for button in self.figures.values():
                button.set_compact(short)
            flow.relayout()

    def _load_charts(self) -> None:
        if self.hour_chart is not None or self._charts_loading or self.compact or not self.isVisible():
            return
        self._charts_loading = True
        # Only imports (module and class definitions, no widgets): safe off the GUI thread.
        self._tasks.run(
            lambda: importlib.import_module(CHARTS_MODULE), self._build_charts, self._charts_failed
        )

    def _build_charts(self, module: object) -> None:
        """One chart per turn of the event loop: a pyqtgraph plot takes 50–100 ms to build, two in a
        row stalled the window's first seconds. The hour chart comes last, so that it being there
        means both are."""
        self._charts_loading = False
        self._charts_placeholder.hide()
        self.place_chart = self._add_chart(module, column=1)
        QTimer.singleShot(0, self, lambda: self._build_hour_chart(module))

    def _build_hour_chart(self, module: object) -> None:
        self.hour_chart = self._add_chart(module, column=0)
        self._show_charts()

    def _add_chart(self, module: object, *, column: int) -> EventBarChart:
        chart: EventBarChart = module.EventBarChart(horizontal=column == 1, parent=self._body)  # type: ignore[attr-defined]
        chart.setObjectName("dashboardHourChart" if column == 0 else "dashboardPlaceChart")
        chart.bar_clicked.connect(self._hour_clicked if column == 0 else self._place_clicked)
        self._charts_box.addWidget(chart, 1, column)
        return chart

    def _charts_failed(self, error: BaseException) -> None:
        self._charts_loading = False
        log.warning("the dashboard charts cannot be shown", exc_info=error)
        self._charts_placeholder.setText(
            self.tr("The charts cannot be shown: %1").replace("%1", error_text(error))
        )

    def _hour_clicked(self, bar: Bar, kind: EventKind | None) -> None:
        self.drill_down.emit(DrillDown("events", kind=kind, period="today", hour=bar.hour))

    def _place_clicked(self, bar: Bar, kind: EventKind | None) -> None:
        self.drill_down.emit(DrillDown("events", scope=bar.scope, kind=kind, period="today"))

    def _show_charts(self) -> None:
        counts = self._counts
        hours = hourly_bars(counts.events_by_hour if counts else ())
        places = place_bars(counts.events_by_classroom if counts else (), self._workspace, self.scope)
        kinds = [k for k in EventKind if any(k in bar.counts for bar in (*hours, *places))]
        self.legend.show_kinds(kinds)
        if self.hour_chart is None or self.place_chart is None:
            return
        from widgets.panes.dashboard_charts import hour_span  # loaded by now

        first, last = hour_span(hours, self._clock().hour)
        shown = hours[first : last + 1]
        self.hour_chart.set_bars(shown, [bar.label for bar in shown])
        self.place_chart.set_bars(places, [place_label(self._workspace, bar.scope) for bar in places])

    # -- presentation

    def _show(self) -> None:
        self._scope_label.setText(describe_scope(self._workspace, self.scope))
        counts = self._counts
        stale = self._state is not DashboardState.READY
        for name, tile in self.tiles.items():
            tile.set_value(None if counts is None else int(getattr(counts, name)))
            tile.set_stale(stale)
        for name, button in self.figures.items():
            button.set_value(None if counts is None else int(getattr(counts, name)))
            button.set_stale(stale)
        self._fit_captions()  # wider numbers may not leave room for the full captions
        self.gap_label.show_summary(None if counts is None else counts.analysis_gaps)
        self._show_charts()
        state = self._state
        self._status_label.setProperty("error", state is DashboardState.ERROR)
        self._status_label.style().unpolish(self._status_label)
        self._status_label.style().polish(self._status_label)
        if state is DashboardState.LOADING:
            self._status_label.setText(self.tr("Loading…"))
        elif state is DashboardState.ERROR:
            self._status_label.setText(
                self.tr("Could not load the figures: %1").replace("%1", self._error_text)
            )
        elif state is DashboardState.READY:
            self._status_label.setText(self.tr("Updated %1").replace("%1", self._updated_at))
        else:
            self._status_label.setText("")
        self._refresh_button.setText(
            self.tr("Retry") if state is DashboardState.ERROR else self.tr("Refresh")
        )
        self._refresh_button.setEnabled(state is not DashboardState.LOADING)

    def _retranslate_collapse(self) -> None:
        self.collapse_button.setText(self.tr("Show charts") if self.compact else self.tr("Hide charts"))
        self.collapse_button.setToolTip(
            self.tr("Show today's charts and the workspace figures")
            if self.compact
            else self.tr("Keep only the row of figures, leaving the room to the video wall")
        )

    def retranslate(self) -> None:
        captions = {
            "counties": self.tr("Counties / districts"),
            "sites": self.tr("Service sites"),
            "classrooms": self.tr("Classrooms"),
            "cameras": self.tr("Cameras"),
            "learners": self.tr("Learners"),
            "sessions_today": self.tr("Class sessions today"),
            "learners_rostered_today": self.tr("Learners rostered today"),
            "online_records": self.tr("Online study records"),
            "captured_photos": self.tr("Captured study photos"),
        }
        for name, tile in self.tiles.items():
            tile.set_caption(captions[name])
        figures = figure_texts()
        for name, button in self.figures.items():
            caption, short, tip = figures[name]
            button.set_caption(caption, short)
            button.setToolTip(tip)
        self._short_captions = None  # the new words may or may not fit
        self._fit_captions()
        for heading, text in zip(self._section_labels, (self.tr("Workspace"), self.tr("Study")), strict=True):
            heading.setText(text)
        self._chart_titles[0].setText(self.tr("Today's events per hour"))
        self._retranslate_place_title()
        self._charts_placeholder.setText(self.tr("Loading the charts…"))
        self._refresh_button.setToolTip(self.tr("Recompute the figures now"))
        self._retranslate_collapse()
        self.legend.retranslate()
        self._show()

    def _retranslate_place_title(self) -> None:
        scope = self.scope
        if scope.classroom_id is not None or scope.level is ScopeLevel.SITE:
            text = self.tr("Today's events per classroom")
        elif scope.level is ScopeLevel.COUNTY:
            text = self.tr("Today's events per site")
        else:
            text = self.tr("Today's events per county")
        self._chart_titles[1].setText(text)
