"""The Events pane on a real SQLite database: columns, keyboard triage, filters, paging, scope."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.domain.enums import EventKind, EventState, ScopeLevel, Severity
from app.domain.people import Scope
from app.persistence import Database
from app.settings import Settings
from app.supervision.event_service import EventService
from app.switched_off import AnalysisOff
from tests.helpers.event_world import (
    USERS,
    add_events,
    create_database,
    events_context,
)
from tests.helpers.fakes import NoEvents
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.events.event_table_model import Column
from widgets.panes.events_pane import EventsPane

NOW = datetime(2025, 3, 14, 15, 0)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    add_events(db, 24)
    yield db
    db.dispose()


@pytest.fixture
def audit_log() -> list[tuple[object, ...]]:
    return []


@pytest.fixture
def make_pane(qtbot, database: Database, settings: Settings, audit_log):
    def make(page_size: int = 100) -> EventsPane:
        service = EventService(database, audit=lambda _s, *entry: audit_log.append(entry), clock=lambda: NOW)
        context = events_context(service)
        pane = EventsPane(context, settings, SynchronousTaskRunner(), USERS[0])
        pane.model.PAGE_SIZE = page_size
        qtbot.addWidget(pane)
        pane.resize(1200, 600)
        pane.set_scope(Scope.city())
        return pane

    return make


def stored(database: Database, event_id: int) -> tuple[EventState, list[tuple[int | None, EventState]]]:
    detail = EventService(database).detail(event_id, viewer_id=USERS[0].id)
    return detail.event.state, [(h.actor_id, h.to_state) for h in detail.event.history]


def test_opens_with_every_column_newest_first(make_pane) -> None:
    pane = make_pane()
    model = pane.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "Severity", "Event", "Learner", "State", "Started", "Duration", "Classroom", "Handled by", "Snapshot"
    ]  # fmt: skip
    assert model.rowCount() == 24 and not model.canFetchMore()
    assert model.data(model.index(0, Column.STARTED)) == "2025-03-14 09:23"
    assert model.data(model.index(0, Column.DURATION)) == "3 min"
    assert model.data(model.index(0, Column.PLACE)) == "大方县交警中队 · 学习室"
    assert pane.table.currentIndex().row() == 0  # ready for the keyboard
    assert pane.status_label.text() == "24 event(s) shown"  # no translator installed in tests


def test_keyboard_triage_persists_with_history_and_audit(
    qtbot, make_pane, database: Database, audit_log
) -> None:
    """Low and medium events keep one-key triage (high ones ask for a reason: see below)."""
    pane = make_pane()
    rows = (0, 2, 3)  # row 1 is a high-severity face mismatch
    ids = [pane.model.event_at(row).id for row in rows]
    assert {pane.model.event_at(row).severity for row in rows} == {Severity.MEDIUM}
    for key in ("C", "J", "J", "D", "J", "E", "K"):
        qtbot.keyClick(pane.table, getattr(Qt.Key, f"Key_{key}"))
    assert pane.table.currentIndex().row() == 2 and pane.reason_dialog is None
    for event_id, state in zip(
        ids, (EventState.CONFIRMED, EventState.DISMISSED, EventState.ESCALATED), strict=True
    ):
        now, history = stored(database, event_id)
        assert now is state
        assert history == [(None, EventState.NEW), (1, state)]
    assert pane.model.data(pane.model.index(0, Column.STATE)) == "Confirmed"
    assert pane.model.data(pane.model.index(0, Column.OWNER)) == "王建国"
    assert [entry[1] for entry in audit_log] == ["event.confirmed", "event.dismissed", "event.escalated"]
    qtbot.keyClick(pane.table, Qt.Key.Key_K)
    qtbot.keyClick(pane.table, Qt.Key.Key_K)
    qtbot.keyClick(pane.table, Qt.Key.Key_E)  # a verdict cannot be escalated: refused, said, not stored
    assert stored(database, ids[0])[0] is EventState.CONFIRMED
    assert pane.status_label.text() == "This event cannot move to that state."


def test_detail_shows_history_and_takes_comments(qtbot, make_pane, database: Database) -> None:
    pane = make_pane()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    detail = pane.detail
    assert detail.detail is not None and detail.history.count() == 1
    assert "System" in detail.history.item(0).text()
    detail.buttons[EventState.IN_PROGRESS].click()  # claim
    detail.comment_edit.setText("已电话联系学员")
    qtbot.keyClick(detail.comment_edit, Qt.Key.Key_Return)
    assert detail.history.count() == 2 and "New → In progress" in detail.history.item(1).text()
    assert detail.comments.count() == 1 and "已电话联系学员" in detail.comments.item(0).text()
    assert detail.buttons[EventState.NEW].isEnabled()  # release is offered once claimed


def test_filters_narrow_the_list(qtbot, make_pane) -> None:
    pane = make_pane()
    pane.filter_bar.select(kind=EventKind.FACE_MISMATCH)
    kinds = {pane.model.event_at(r).kind for r in range(pane.model.rowCount())}
    assert kinds == {EventKind.FACE_MISMATCH} and pane.model.rowCount() == 4
    pane.filter_bar.select(kind=None)
    pane.filter_bar.learner_edit.setText("陈静")
    qtbot.keyClick(pane.filter_bar.learner_edit, Qt.Key.Key_Return)
    learners = {pane.model.data(pane.model.index(r, Column.LEARNERS)) for r in range(pane.model.rowCount())}
    assert learners == {"陈静怡"} and pane.model.rowCount() == 6
    pane.filter_bar.learner_edit.clear()
    qtbot.keyClick(pane.filter_bar.learner_edit, Qt.Key.Key_Return)
    qtbot.keyClick(pane.table, Qt.Key.Key_D)
    pane.filter_bar.select(state="open")
    assert pane.model.rowCount() == 23
    pane.filter_bar.select(state=EventState.DISMISSED)
    assert pane.model.rowCount() == 1


def test_pages_are_fetched_lazily_and_scope_refilters(make_pane) -> None:
    pane = make_pane(page_size=10)
    model = pane.model
    assert model.rowCount() == 10 and model.canFetchMore() and model.pages_loaded == 1
    model.fetchMore()
    assert model.rowCount() == 20
    for _ in range(25):  # J to the end fetches the rest
        pane.move_selection(1)
    assert model.rowCount() == 24 and not model.canFetchMore() and model.pages_loaded == 3
    pane.set_scope(Scope(ScopeLevel.COUNTY, county_id=12))
    assert model.rowCount() == 8
    assert {model.event_at(r).classroom_id for r in range(8)} == {1004}
    pane.set_scope(Scope(ScopeLevel.SITE, county_id=11, site_id=101))
    assert model.rowCount() == 8


def test_new_high_events_announce_and_double_click_opens_the_camera(
    qtbot, make_pane, database, settings: Settings
) -> None:
    pane = make_pane()
    pane.watcher.poll()
    assert pane.new_button.isHidden()
    add_events(database, 6)  # includes one face mismatch (high severity)
    pane.watcher.poll()
    assert not pane.new_button.isHidden() and pane.new_button.text() == "6 new event(s) — show"
    [announced] = pane.notifications
    assert announced.text == "1 new high-severity event(s): Face mismatch"
    assert announced.sound and not announced.desktop  # sound on by default; no tray offscreen
    assert pane.notifier.sound.played == 1
    settings.sound = False
    add_events(database, 6)
    pane.watcher.poll()
    assert not pane.notifications[-1].sound and pane.new_button.text() == "12 new event(s) — show"
    assert pane.notifier.sound.played == 1
    pane.new_button.click()
    assert pane.model.rowCount() == 36 and pane.new_button.isHidden()
    index = pane.model.index(0, Column.KIND)
    with qtbot.waitSignal(pane.open_event, timeout=1000) as blocker:
        pane.table.doubleClicked.emit(index)
    assert blocker.args == [pane.model.event_at(0)]


def test_an_empty_event_store_lists_nothing_and_says_so(qtbot, context, settings) -> None:
    store = NoEvents()
    pane = EventsPane(dataclasses.replace(context, events=store), settings, SynchronousTaskRunner(), USERS[0])
    qtbot.addWidget(pane)
    pane.set_scope(Scope.city())
    assert pane.model.rowCount() == 0 and store.asked and store.asked[-1].scope == Scope.city()
    assert pane.status_label.text() == "0 event(s) shown"


def test_snapshot_thumbnails_load_off_the_gui_thread(
    qtbot, tmp_path: Path, database, settings, threaded_tasks
) -> None:
    from PySide6.QtGui import QColor, QImage, QPixmap

    from app.persistence.repositories import EventRepository

    picture = tmp_path / "face.jpg"
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#806040"))
    assert image.save(str(picture))
    with database.writing() as session:
        newest = EventRepository(session).page(limit=1).events[0]
        EventRepository(session).set_evidence(newest.id, snapshot_path=str(picture))
    context = events_context(EventService(database))
    pane = EventsPane(context, settings, threaded_tasks, USERS[0])
    qtbot.addWidget(pane)
    pane.set_scope(Scope.city())
    qtbot.waitUntil(lambda: pane.model.rowCount() == 24, timeout=5000)
    cell = pane.model.index(0, Column.SNAPSHOT)
    assert pane.model.data(cell, Qt.ItemDataRole.DecorationRole) is None  # asked for, loading
    with qtbot.waitSignal(pane.model.dataChanged, timeout=5000):
        pass
    qtbot.waitUntil(lambda: pane.model.data(cell, Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    thumbnail = pane.model.data(cell, Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumbnail, QPixmap) and thumbnail.width() <= EventsPane.THUMBNAIL[0]
    pane.stop()


class _LiveAnalysis(AnalysisOff):
    """What the pane reads of app.vision.live_analysis.LiveAnalysis: how many events it stored."""

    stored_events = 0


def test_events_the_live_analysis_stores_show_without_waiting_for_the_slow_poll(
    qtbot, database: Database, settings: Settings
) -> None:
    live = _LiveAnalysis()
    context = dataclasses.replace(events_context(EventService(database, clock=lambda: NOW)), analysis=live)
    pane = EventsPane(context, settings, SynchronousTaskRunner(), USERS[0])
    qtbot.addWidget(pane)
    pane.set_scope(Scope.city())
    assert pane.new_button.isHidden() and pane.watcher.POLL_MS >= 10_000
    add_events(database, 6)  # raised by the rules engine's writer thread
    live.stored_events += 6
    qtbot.waitUntil(lambda: not pane.new_button.isHidden(), timeout=3 * pane.watcher.LIVE_MS)
    assert pane.new_button.text() == "6 new event(s) — show"
    [announced] = pane.notifications
    assert announced.text == "1 new high-severity event(s): Face mismatch"


class _HeldRunner(SynchronousTaskRunner):
    """While `hold` is set, a task runs only when the test answers it: a slow database."""

    def __init__(self) -> None:
        super().__init__()
        self.hold = False
        self.held: list[tuple[Any, Any, Any]] = []

    def run(self, fn: Any, on_done: Any, on_error: Any = None) -> Any:
        if not self.hold:
            return super().run(fn, on_done, on_error)
        self.held.append((fn, on_done, on_error))
        return None

    def answer(self) -> None:
        fn, on_done, on_error = self.held.pop(0)
        super().run(fn, on_done, on_error)


def test_one_look_for_new_events_at_a_time_and_none_counted_from_before_a_reload(
    qtbot, database: Database, settings: Settings
) -> None:
    runner = _HeldRunner()
    pane = EventsPane(events_context(EventService(database, clock=lambda: NOW)), settings, runner, USERS[0])
    qtbot.addWidget(pane)
    pane.set_scope(Scope.city())  # loads the list and sets the baseline
    runner.hold = True
    for _ in range(3):
        pane.watcher.poll()
    assert len(runner.held) == 1  # asked once; the others wait for its answer
    runner.answer()
    assert len(runner.held) == 1  # the waiting look, asked now
    runner.answer()
    assert runner.held == [] and pane.new_button.isHidden()
    pane.watcher.poll()  # asked before the list is reloaded...
    add_events(database, 6)
    runner.hold = False
    pane.apply_filter()  # ...the reloaded list shows the six
    assert pane.model.rowCount() == 30
    runner.hold = True
    runner.answer()  # the old question's answer is stale: its six "new" events are in the list
    runner.answer()  # the reload's own look
    assert runner.held == [] and pane.new_button.isHidden()
