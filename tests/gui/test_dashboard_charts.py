"""The Dashboard on a real, seeded SQLite database: its charts and figures, and where a click leads.

The charts are pyqtgraph widgets clicked with the mouse at a bar's segment; the window then shows
the Events pane filtered to what was clicked (an hour and a kind; a county), or the pane a figure
counts for. The day is today, so that the Events pane's own "today" agrees with the seeded events.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.context import AppContext
from app.dashboard_source import dashboard_source
from app.domain.dashboard import DatabaseInfo
from app.domain.enums import EventKind, EventState, ScopeLevel, Severity
from app.domain.people import Scope
from app.persistence import Database
from app.settings import Settings
from app.supervision.event_service import EventService
from tests.helpers.dashboard_world import at, seed_dashboard_day
from tests.helpers.event_world import USERS, create_database, workspace
from tests.helpers.fakes import make_context
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.panes.dashboard_charts import EventBarChart
from widgets.panes.dashboard_figures import DrillDown
from widgets.panes.dashboard_pane import DashboardPane

DAY = date.today()
NOW = at(DAY, 14, 30)
A, L, E, F, S = (
    EventKind.ABSENCE,
    EventKind.LATE_ARRIVAL,
    EventKind.EARLY_LEAVE,
    EventKind.FACE_MISMATCH,
    EventKind.STREAM_LOST,
)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'dashboard.sqlite3'}")
    seed_dashboard_day(db, DAY)
    yield db
    db.dispose()


@pytest.fixture
def context(database: Database) -> AppContext:
    rooms = {camera.id: camera.classroom_id for camera in workspace().cameras}
    return make_context(
        workspace(),
        list(USERS),
        database=DatabaseInfo("sqlite", "sqlite:///dashboard.sqlite3"),
        dashboard=dashboard_source(database, rooms, clock=lambda: NOW),
        database_health=lambda: None,
        events=EventService(database),
    )


def click_bar(qtbot, chart: EventBarChart, slot: float, value: float) -> None:
    """A real left click where the chart draws `value` on bar number `slot`."""
    view = chart.getPlotItem().getViewBox()
    point = QPointF(value, slot) if chart.horizontal else QPointF(slot, value)
    where: QPoint = chart.mapFromScene(view.mapViewToScene(point))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_charts_and_figures_from_the_database(qtbot, context: AppContext) -> None:
    pane = DashboardPane(context.dashboard, context.workspace, SynchronousTaskRunner(), clock=lambda: NOW)
    qtbot.addWidget(pane)
    pane.resize(1100, 420)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_scope(Scope.city())
    qtbot.waitUntil(lambda: pane.hour_chart is not None, timeout=5000)  # pyqtgraph, once shown
    assert pane.hour_chart is not None and pane.place_chart is not None
    hours = {bar.label: bar.counts for bar in pane.hour_chart.bars}
    assert list(hours) == [f"{h:02d}" for h in range(7, 21)]  # the school day; no events outside it
    assert hours["09"] == {A: 2} and hours["11"] == {S: 1} and hours["14"] == {A: 1, L: 1, F: 1}
    places = [(bar.label, bar.counts) for bar in pane.place_chart.bars]
    assert places == [("七星关区", {A: 2, L: 1, E: 1, F: 1}), ("大方县", {A: 1})]
    assert pane.legend.kinds == [A, L, E, F, S]
    figures = {name: button.value for name, button in pane.figures.items()}
    assert figures == {
        "classrooms_in_session": 2,
        "classrooms_watched": 0,  # no face analysis in this test
        "classrooms_recorded": 1,
        "events_new": 6,
        "high_unclaimed": 2,
        "completions_pending": 0,
        "spot_checks_pending": 2,
    }
    assert pane.figures["high_unclaimed"].property("alert") is True

    clicks: list[DrillDown] = []
    pane.drill_down.connect(clicks.append)
    click_bar(qtbot, pane.hour_chart, slot=14 - 7, value=2.5)  # the top segment of 14:00
    click_bar(qtbot, pane.place_chart, slot=1, value=0.5)  # 大方县's only segment
    click_bar(qtbot, pane.hour_chart, slot=9 - 7, value=2.8)  # above the 09:00 bar: the whole hour
    assert clicks == [
        DrillDown("events", kind=F, period="today", hour=14),
        DrillDown("events", scope=Scope(ScopeLevel.COUNTY, 12), kind=A, period="today"),
        DrillDown("events", kind=None, period="today", hour=9),
    ]


def test_a_click_opens_the_events_pane_filtered(qtbot, context: AppContext, settings: Settings) -> None:
    from widgets.main_window import MainWindow

    window = MainWindow(context, settings, SynchronousTaskRunner(), USERS[0])
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.show_pane("video_wall")
    pane, events = window.dashboard, window.events
    qtbot.waitUntil(lambda: pane.hour_chart is not None and pane.hour_chart.bars != [], timeout=5000)
    assert pane.hour_chart is not None and pane.place_chart is not None

    click_bar(qtbot, pane.hour_chart, slot=14 - 7, value=2.5)
    assert events.isVisible()
    bar = events.filter_bar
    assert (bar.kind_combo.currentData(), bar.period_combo.currentData()) == ("face_mismatch", "today")
    assert bar.narrowing_button.isVisible() and bar.narrowing_button.text() == "14:00–15:00"
    shown = [events.model.event_at(row) for row in range(events.model.rowCount())]
    assert [(e.kind, e.started_at) for e in shown if e] == [(F, at(DAY, 14, 5))]

    bar.narrowing_button.click()  # back to the whole day of that kind
    assert not bar.narrowing_button.isVisible() and events.model.rowCount() == 1

    click_bar(qtbot, pane.place_chart, slot=1, value=0.5)  # 大方县: the window narrows to the county
    assert window.scope == Scope(ScopeLevel.COUNTY, 12) and events.scope == window.scope
    shown = [events.model.event_at(row) for row in range(events.model.rowCount())]
    assert [(e.kind, e.classroom_id) for e in shown if e] == [(A, 1004)]

    window.tree.select_scope(Scope.city())
    pane.figures["high_unclaimed"].click()
    assert bar.state_combo.currentData() == EventState.NEW.value and bar.period_combo.currentData() == "all"
    assert bar.narrowing_button.text() == "High"
    shown = [events.model.event_at(row) for row in range(events.model.rowCount())]
    yesterday = at(DAY, 14) - timedelta(days=1)
    assert sorted(e.started_at for e in shown if e) == [yesterday, at(DAY, 14, 5)]  # any day
    assert {(e.severity, e.state) for e in shown if e} == {(Severity.HIGH, EventState.NEW)} and len(
        shown
    ) == 2

    pane.figures["spot_checks_pending"].click()
    assert window.panes["spot_check"].isVisible()
    pane.figures["completions_pending"].click()
    assert window.panes["completions"].isVisible()
