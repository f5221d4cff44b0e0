"""The Events pane over a big database: it opens, filters and pages without stalling the GUI thread.

The figures (open time, page fetch time, the GUI thread's worst lateness measured by a 5 ms QTimer
probe) are printed, not asserted: they depend on the machine and its neighbours. Only "it works
and every query ran off the GUI thread" is asserted. 200,000 rows by default; the `slow` variant
fills 1,000,000.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from sqlalchemy import text

from app.domain.enums import EventKind, EventState, ScopeLevel
from app.domain.people import Scope
from app.persistence import Database
from app.settings import Settings
from app.supervision.event_service import EventService
from app.tasks import TaskRunner
from tests.helpers.event_world import USERS, create_database, events_context
from widgets.panes.events_pane import EventsPane

KINDS = ["absence", "late_arrival", "early_leave", "left_too_often", "face_mismatch", "unknown_face"]


def bulk_fill(database: Database, rows: int) -> float:
    """`rows` events in one INSERT … SELECT over a counting CTE (no Python loop); returns seconds."""
    kind_case = " ".join(f"WHEN {n} THEN '{k}'" for n, k in enumerate(KINDS))
    sql = f"""
        WITH RECURSIVE counter(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM counter WHERE n + 1 < {rows})
        INSERT INTO events (kind, severity, state, started_at, ended_at, camera_id, classroom_id,
                            snapshot_path, frame_path, engine)
        SELECT CASE n % {len(KINDS)} {kind_case} END,
               CASE WHEN n % {len(KINDS)} = 4 THEN 'high' ELSE 'medium' END,
               CASE WHEN n % 10 = 0 THEN 'new' WHEN n % 10 = 1 THEN 'in_progress' ELSE 'confirmed' END,
               strftime('%Y-%m-%d %H:%M:%S.000000', '2023-01-01', '+' || (n * 30) || ' seconds'),
               strftime('%Y-%m-%d %H:%M:%S.000000', '2023-01-01', '+' || (n * 30 + 600) || ' seconds'),
               CASE n % 3 WHEN 0 THEN 1 WHEN 1 THEN 4 ELSE 5 END,
               CASE n % 3 WHEN 0 THEN 1001 WHEN 1 THEN 1003 ELSE 1004 END,
               '', '', 'bulk'
        FROM counter"""
    started = time.perf_counter()
    with database.writing() as session:
        session.execute(text(sql))
    with database.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    return time.perf_counter() - started


class StallProbe:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is how long the GUI froze."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        self.worst_ms = max(self.worst_ms, self._clock.restart() - 5)

    def stop(self) -> float:
        self._timer.stop()
        return self.worst_ms


def timed(qtbot, action: Callable[[], None], done: Callable[[], bool]) -> float:
    started = time.perf_counter()
    action()
    qtbot.waitUntil(done, timeout=30_000)
    return (time.perf_counter() - started) * 1000


@pytest.mark.parametrize("rows", [200_000, pytest.param(1_000_000, marks=pytest.mark.slow)])
def test_a_big_event_table_opens_filters_and_pages(
    qtbot, tmp_path: Path, settings: Settings, rows: int
) -> None:
    database = create_database(f"sqlite:///{tmp_path / 'big.sqlite3'}")
    tasks = TaskRunner(max_threads=2)
    try:
        fill_s = bulk_fill(database, rows)
        context = events_context(EventService(database))
        pane = EventsPane(context, settings, tasks, USERS[0])
        qtbot.addWidget(pane)
        pane.resize(1200, 700)
        pane.show()
        qtbot.waitExposed(pane)
        qtbot.wait(100)  # the first paint of an empty window is not what is measured
        model = pane.model
        probe = StallProbe()
        probe.start()

        def grown_past(before: int) -> bool:
            return model.rowCount() > before

        open_ms = timed(qtbot, lambda: pane.set_scope(Scope.city()), lambda: model.rowCount() >= 100)
        page_ms = []
        for _ in range(10):
            before = model.rowCount()
            assert model.canFetchMore()
            page_ms.append(timed(qtbot, model.fetchMore, partial(grown_past, before)))
        assert model.rowCount() >= 1100
        kind_ms = timed(
            qtbot,
            lambda: pane.filter_bar.select(kind=EventKind.FACE_MISMATCH, state=EventState.NEW),
            lambda: not model.is_loading and model.rowCount() > 0,
        )
        assert {model.event_at(r).kind for r in range(model.rowCount())} == {EventKind.FACE_MISMATCH}  # type: ignore[union-attr]
        pane.filter_bar.select(kind=None, state=None)
        qtbot.waitUntil(lambda: not model.is_loading, timeout=30_000)
        scope_ms = timed(
            qtbot,
            lambda: pane.set_scope(Scope(ScopeLevel.COUNTY, county_id=12)),
            lambda: not model.is_loading and model.rowCount() > 0,
        )
        assert {model.event_at(r).classroom_id for r in range(model.rowCount())} == {1004}  # type: ignore[union-attr]
        for _ in range(200):  # J held down across page boundaries
            pane.move_selection(1)
            qtbot.wait(1)
        qtbot.waitUntil(lambda: not model.is_loading, timeout=30_000)
        worst = probe.stop()
        pane.stop()
        print(
            f"\n{rows:,} events (filled in {fill_s:.1f} s): open {open_ms:.0f} ms; pages "
            f"{min(page_ms):.0f}–{max(page_ms):.0f} ms (median {sorted(page_ms)[5]:.0f}); "
            f"new face mismatches {kind_ms:.0f} ms; county scope {scope_ms:.0f} ms; "
            f"worst GUI stall {worst:.0f} ms"
        )
    finally:
        tasks.shutdown()
        database.dispose()
