"""The Dashboard pane: loading, ready and error states; stale answers never win."""

from __future__ import annotations

import threading

from app.domain.dashboard import DashboardCounts
from app.domain.enums import ScopeLevel
from app.domain.people import Scope
from app.tasks import TaskRunner
from tests.helpers.small_city import COUNTS, RecordingDashboard
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from tests.helpers.workspaces import build_workspace
from widgets.panes.dashboard_pane import DashboardPane, DashboardState


def make_pane(qtbot, source, tasks) -> DashboardPane:
    pane = DashboardPane(source, build_workspace(), tasks)
    qtbot.addWidget(pane)
    return pane


def test_loading_then_ready(qtbot, threaded_tasks: TaskRunner) -> None:
    source = RecordingDashboard(gate=threading.Event())
    pane = make_pane(qtbot, source, threaded_tasks)
    pane.set_scope(Scope(ScopeLevel.COUNTY, 11))
    assert pane.state is DashboardState.LOADING
    assert pane._status_label.text() == "Loading…"
    assert pane.tiles["learners"].value_label.text() == "—"
    assert not pane._refresh_button.isEnabled()
    assert pane._scope_label.text() == "七星关区"

    assert source.gate is not None
    source.gate.set()
    qtbot.waitUntil(lambda: pane.state is DashboardState.READY, timeout=5000)
    assert pane.counts == COUNTS
    assert pane.tiles["learners"].value == 128
    assert pane.figures["events_new"].property("alert") is True  # new events need attention
    assert pane.figures["spot_checks_pending"].value == 14
    assert pane.figures["classrooms_watched"].property("alert") in (None, False)  # a figure, not work
    assert pane.tiles["learners"].property("alert") in (None, False)
    assert pane._status_label.text().startswith("Updated ")


def test_error_then_retry(qtbot) -> None:
    source = RecordingDashboard(fail_with=ConnectionError("server closed the connection\nSQL: SELECT …"))
    pane = make_pane(qtbot, source, SynchronousTaskRunner())
    pane.set_scope(Scope.city())
    assert pane.state is DashboardState.ERROR
    # In words, not the driver's text (which goes to the log).
    assert pane._status_label.text() == (
        "Could not load the figures: The connection was lost. "
        "Check the network or the server, then try again."
    )
    assert pane._refresh_button.text() == "Retry"

    source.fail_with = None
    pane._refresh_button.click()
    assert pane.state is DashboardState.READY
    assert pane._refresh_button.text() == "Refresh"


def test_only_the_latest_scope_is_shown(qtbot, threaded_tasks: TaskRunner) -> None:
    first_gate = threading.Event()

    def source(scope: Scope) -> DashboardCounts:
        if scope.county_id == 11:
            first_gate.wait(5)  # the slow, now outdated, query
        return DashboardCounts(sites=scope.county_id or 0)

    pane = make_pane(qtbot, source, threaded_tasks)
    pane.set_scope(Scope(ScopeLevel.COUNTY, 11))
    pane.set_scope(Scope(ScopeLevel.COUNTY, 12))
    qtbot.waitUntil(lambda: pane.state is DashboardState.READY, timeout=5000)
    first_gate.set()
    qtbot.waitUntil(lambda: threaded_tasks.pending_count() == 0, timeout=5000)
    assert pane.counts == DashboardCounts(sites=12)
    assert pane._scope_label.text() == "大方县"


def test_tiles_reflow_to_the_width(qtbot) -> None:
    pane = make_pane(qtbot, RecordingDashboard(), SynchronousTaskRunner())
    pane.resize(1200, 600)
    pane.show()
    qtbot.wait(10)
    wide = {tile.y() for tile in list(pane.tiles.values())[:4]}
    pane.resize(260, 600)
    qtbot.wait(10)
    narrow = {tile.y() for tile in list(pane.tiles.values())[:4]}
    assert len(wide) == 1 and len(narrow) == 4  # one row when wide, stacked when narrow


def test_analysis_gaps_today_and_the_current_one_are_shown(qtbot) -> None:
    from datetime import datetime, timedelta

    from app.domain.coverage_gaps import CoverageGap, GapSummary, Subsystem

    current = CoverageGap(
        "k",
        Subsystem.FACE_ANALYSIS,
        datetime(2026, 12, 7, 9, 14, 5),
        None,
        "enrolment failed: disk full",
        (3,),
    )
    summaries = iter(
        [GapSummary(2, timedelta(seconds=95), current), GapSummary(2, timedelta(minutes=61, seconds=2)), None]
    )

    def source(scope: Scope) -> DashboardCounts:
        return DashboardCounts(analysis_gaps=next(summaries))

    pane = make_pane(qtbot, source, SynchronousTaskRunner())
    pane.show()
    pane.set_scope(Scope.city())
    label = pane.gap_label
    assert label.isVisible() and label.property("error") is True
    assert label.text() == "Analysis gaps today: 2, total 01:35 · paused since 09:14:05, restarting"
    assert "enrolment failed: disk full" in label.toolTip()
    pane.refresh()
    assert label.text() == "Analysis gaps today: 2, total 1:01:02" and label.property("error") is False
    pane.refresh()
    assert not label.isVisible()  # no gap figures: nothing said


def test_analysis_switched_off_is_not_called_restarting(qtbot) -> None:
    from datetime import datetime, timedelta

    from app.domain.coverage_gaps import SWITCHED_OFF, CoverageGap, GapSummary, Subsystem

    off = CoverageGap("k", Subsystem.FACE_ANALYSIS, datetime(2026, 12, 7, 8, 0, 0), None, SWITCHED_OFF)

    def source(scope: Scope) -> DashboardCounts:
        return DashboardCounts(analysis_gaps=GapSummary(1, timedelta(hours=2), off))

    pane = make_pane(qtbot, source, SynchronousTaskRunner())
    pane.show()
    pane.set_scope(Scope.city())
    assert pane.gap_label.text() == "Analysis gaps today: 1, total 2:00:00 · switched off since 08:00:00"
