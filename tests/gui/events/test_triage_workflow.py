"""The officer's triage workflow on a real SQLite database: reasons for high-severity verdicts, the
"new events" banner that keeps the selection, sorting the whole list by a column, the severity
filter, and a detail that follows the selection, shows the enrolment photo beside the flagged frame
and keeps its buttons in sight."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import update

from app.domain.enums import EventKind, EventState, Severity
from app.domain.people import EnrolmentPhoto, Scope
from app.persistence import Database
from app.persistence.orm import EventRow
from app.persistence.repositories import EventRepository, LearnerRepository, MetaRepository
from app.settings import Settings
from app.supervision.event_service import EventDetail, EventService
from app.tasks import TaskRunner
from tests.helpers.event_world import (
    LEARNER_NAMES,
    USERS,
    add_events,
    create_database,
    events_context,
)
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.events.event_table_model import Column
from widgets.panes.events_pane import EventsPane

NOW = datetime(2025, 3, 14, 15, 0)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    add_events(db, 24)  # rows 1, 7, 13, 19 (newest first) are high-severity face mismatches
    yield db
    db.dispose()


@pytest.fixture
def audit_log() -> list[tuple[object, ...]]:
    return []


@pytest.fixture
def make_pane(qtbot, database: Database, settings: Settings, audit_log):
    def make(page_size: int = 100, tasks: TaskRunner | None = None, size=(1200, 600)) -> EventsPane:
        service = EventService(database, audit=lambda _s, *entry: audit_log.append(entry), clock=lambda: NOW)
        pane = EventsPane(events_context(service), settings, tasks or SynchronousTaskRunner(), USERS[0])
        pane.model.PAGE_SIZE = page_size
        qtbot.addWidget(pane)
        pane.resize(*size)
        pane.set_scope(Scope.city())
        return pane

    return make


def stored(database: Database, event_id: int) -> tuple[EventState, list[str]]:
    event = EventService(database).detail(event_id, viewer_id=USERS[0].id).event
    return event.state, [h.note for h in event.history]


def key(qtbot, widget, name: str) -> None:
    qtbot.keyClick(widget, getattr(Qt.Key, f"Key_{name}"))


def test_a_stray_key_cannot_dismiss_a_high_severity_face_mismatch(
    qtbot, make_pane, database: Database, audit_log
) -> None:
    pane = make_pane()
    pane.move_selection(1)
    mismatch = pane.current_event()
    assert mismatch is not None and mismatch.kind is EventKind.FACE_MISMATCH
    assert mismatch.severity is Severity.HIGH
    key(qtbot, pane.table, "D")
    dialog = pane.reason_dialog
    assert dialog is not None and dialog.isVisible() and "Face mismatch" in dialog.summary.text()
    for stray in ("D", "C", "Return", "Enter", "Space"):
        key(qtbot, dialog.presets, stray)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    assert "Choose a reason" in dialog.hint.text()
    assert stored(database, mismatch.id) == (EventState.NEW, ["raised"]) and audit_log == []
    key(qtbot, dialog.presets, "Escape")  # cancel: nothing stored
    assert pane.reason_dialog is None and not dialog.isVisible()
    assert stored(database, mismatch.id) == (EventState.NEW, ["raised"])

    key(qtbot, pane.table, "D")
    dialog = pane.reason_dialog
    assert dialog is not None
    key(qtbot, dialog.presets, "1")  # the first preset, by its number
    key(qtbot, dialog.presets, "Return")
    preset = "It is the learner (light, angle, glasses, mask)"
    assert stored(database, mismatch.id) == (EventState.DISMISSED, ["raised", preset])
    assert audit_log[-1][1:] == ("event.dismissed", f"event:{mismatch.id}", f"new → dismissed: {preset}")
    assert pane.model.data(pane.model.index(1, Column.STATE)) == "Dismissed"


def test_confirming_a_high_severity_event_takes_a_preset_and_free_text(
    qtbot, make_pane, database: Database, audit_log
) -> None:
    pane = make_pane()
    for _ in range(7):
        pane.move_selection(1)
    mismatch = pane.current_event()
    assert mismatch is not None and mismatch.severity is Severity.HIGH
    key(qtbot, pane.table, "Return")  # the detail, with what this officer may do
    pane.detail.buttons[EventState.CONFIRMED].click()  # the button asks too, not only the key
    dialog = pane.reason_dialog
    assert dialog is not None and dialog.windowTitle() == "Confirm the violation"
    key(qtbot, dialog.presets, "3")
    dialog.details.setFocus()
    qtbot.keyClicks(dialog.details, "seat 2")  # digits typed here are text, not presets
    assert dialog.presets.currentRow() == 2
    key(qtbot, dialog.details, "Return")
    reason = "Checked on site by the classroom staff — seat 2"
    assert stored(database, mismatch.id) == (EventState.CONFIRMED, ["raised", reason])
    assert audit_log[-1][3] == f"new → confirmed: {reason}"
    # Escalating needs no reason: it decides nothing.
    pane.move_selection(6)
    assert pane.current_event().severity is Severity.HIGH
    key(qtbot, pane.table, "E")
    assert pane.reason_dialog is None
    assert stored(database, pane.current_event().id)[0] is EventState.ESCALATED


def test_the_banner_inserts_new_events_without_moving_the_selection(
    qtbot, make_pane, database: Database
) -> None:
    pane = make_pane(page_size=10, size=(1200, 400))
    pane.show()
    qtbot.waitExposed(pane)
    for _ in range(6):
        pane.move_selection(1)
    selected = pane.current_event()
    assert selected is not None
    pane.table.verticalScrollBar().setValue(3)  # the officer scrolled a little
    qtbot.wait(20)  # the header's offset follows the scroll bar on the next layout pass
    top = pane.model.event_at(pane.table.rowAt(0))
    viewport_y = pane.table.visualRect(pane.table.currentIndex()).top()
    listed = pane.model.rowCount()
    assert pane.model.canFetchMore()  # more pages follow: new events still go in where they sort
    # Six new events, as old as the oldest rows; three are then made the newest of all.
    newer = add_events(database, 6)
    with database.writing() as session:
        for event in newer[:3]:
            moved = event.started_at + timedelta(hours=1)
            session.execute(update(EventRow).where(EventRow.id == event.id).values(started_at=moved))
    pane.watcher.poll()
    assert pane.new_button.text() == "6 new event(s) — show"
    pane.new_button.click()
    # Three go on top, two among the loaded rows far below the selection (the last loaded row
    # started at T0 + 4 min), and the one of T0 + 3 min after the loaded rows: a later page has it.
    assert pane.new_button.isHidden() and pane.model.rowCount() == listed + 5
    assert pane.current_event() == selected and pane.table.currentIndex().row() == 6 + 3
    assert pane.model.event_at(pane.table.rowAt(0)) == top  # the rows in view stay in view
    assert pane.table.visualRect(pane.table.currentIndex()).top() == viewport_y
    assert [pane.model.event_at(r).id for r in range(3)] == [e.id for e in reversed(newer[:3])]
    while pane.model.canFetchMore():  # later pages do not bring an inserted event again
        pane.model.fetchMore()
    ids = [pane.model.event_at(r).id for r in range(pane.model.rowCount())]
    assert len(ids) == len(set(ids)) == 30


def test_sorting_by_a_column_is_right_across_pages(qtbot, make_pane) -> None:
    pane = make_pane(page_size=5)
    pane.show()
    qtbot.waitExposed(pane)
    header = pane.table.horizontalHeader()
    where = header.sectionViewportPosition(Column.LEARNERS) + header.sectionSize(Column.LEARNERS) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(where, header.height() // 2))
    model = pane.model
    assert model.rowCount() == 5 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    rows = [model.item_at(r) for r in range(model.rowCount())]
    assert len(rows) == 24 and model.pages_loaded == 5
    names = [r.learner_names[0] for r in rows]
    assert names == sorted(names) and set(names) == set(LEARNER_NAMES)
    for earlier, later in itertools.pairwise(rows):  # equal names: newest first
        if earlier.learner_names == later.learner_names:
            assert earlier.event.started_at > later.event.started_at
    assert header.sortIndicatorSection() == Column.LEARNERS
    assert pane.table.currentIndex().row() == 0  # ready for the keyboard again

    pane.table.sortByColumn(Column.SEVERITY, Qt.SortOrder.DescendingOrder)
    while model.canFetchMore():
        model.fetchMore()
    severities = [model.event_at(r).severity for r in range(model.rowCount())]
    assert severities == [Severity.HIGH] * 4 + [Severity.MEDIUM] * 20


def test_the_severity_filter_narrows_the_list(make_pane) -> None:
    pane = make_pane()
    pane.filter_bar.set_severity(Severity.HIGH)
    assert pane.model.rowCount() == 4
    assert {pane.model.event_at(r).kind for r in range(4)} == {EventKind.FACE_MISMATCH}
    pane.filter_bar.set_severity(None)
    assert pane.model.rowCount() == 24


def test_the_detail_follows_the_selection_within_200_ms_and_drops_stale_loads(
    qtbot, make_pane, threaded_tasks: TaskRunner
) -> None:
    pane = make_pane(tasks=threaded_tasks)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 24 and pane.detail.detail is not None, timeout=5000)
    service = pane._service
    assert service is not None
    asked: list[int] = []
    real_detail = service.detail

    def counting(event_id: int, *, viewer_id: int) -> EventDetail:
        asked.append(event_id)
        return real_detail(event_id, viewer_id=viewer_id)

    service.detail = counting
    clock = QElapsedTimer()
    for _ in range(3):
        clock.start()
        key(qtbot, pane.table, "J")
        wanted = pane.current_event()
        assert wanted is not None
        qtbot.waitUntil(lambda w=wanted: pane.detail.shown_event_id == w.id, timeout=1000)
        shown = clock.elapsed()
        qtbot.waitUntil(
            lambda w=wanted: pane.detail.detail is not None and pane.detail.detail.event.id == w.id,
            timeout=2000,
        )
        loaded = clock.elapsed()
        # A functional check with a generous margin, not a benchmark: the summary shows at once,
        # the history after a 60 ms pause and one query.
        assert shown < 200, f"the detail took {shown} ms to follow the selection"
        assert loaded < 1000, f"the event's history took {loaded} ms"
    asked.clear()
    for _ in range(8):  # J held down: one query for where the selection stops, not one per row
        key(qtbot, pane.table, "J")
    last = pane.current_event()
    assert last is not None
    qtbot.waitUntil(lambda: pane.detail.detail is not None and pane.detail.detail.event.id == last.id)
    qtbot.wait(200)
    assert asked == [last.id] and pane.detail.detail.event.id == last.id
    pane.stop()


def test_the_detail_buttons_stay_visible_in_a_short_pane(qtbot, make_pane) -> None:
    pane = make_pane(size=(420, 520))  # docked narrow and short: the detail goes under the list
    pane.show()
    qtbot.waitExposed(pane)
    pane.open_detail()
    assert pane.detail.detail is not None
    for button in pane.detail.buttons.values():
        assert button.isVisible() and not button.visibleRegion().isEmpty(), button.text()
        assert pane.rect().contains(button.mapTo(pane, button.rect().bottomRight()))
    assert pane.detail.content_scroll.verticalScrollBar().maximum() > 0  # the content scrolls instead


def _picture(path: Path, colour: str) -> str:
    image = QImage(200, 240, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return str(path)


def test_the_detail_puts_the_enrolment_photo_beside_the_flagged_frame_with_the_threshold(
    qtbot, make_pane, database: Database, tmp_path: Path
) -> None:
    pane = make_pane()
    pane.show()
    qtbot.waitExposed(pane)
    pane.move_selection(1)
    mismatch = pane.current_event()
    assert mismatch is not None and mismatch.kind is EventKind.FACE_MISMATCH
    with database.writing() as session:
        photo = EnrolmentPhoto(0, mismatch.learner_ids[0], _picture(tmp_path / "enrol.jpg", "#335577"))
        LearnerRepository(session).add_enrolment_photo(photo)
        snapshot = _picture(tmp_path / "face.jpg", "#775533")
        EventRepository(session).set_evidence(mismatch.id, distance=0.534, snapshot_path=snapshot)
        figures = {"threshold": 0.398, "target_fmr": 0.001, "calibrated_at": "2025-03-01T10:00:00"}
        MetaRepository(session).set("vision.calibration.dlib-resnet-v1", json.dumps(figures))
    pane.open_detail()
    detail = pane.detail
    assert detail.enrolment_image.pixmap() is not None and not detail.enrolment_image.pixmap().isNull()
    assert detail.face_image.pixmap() is not None and not detail.face_image.pixmap().isNull()
    assert (
        detail.enrolment_caption.text() == f"Enrolment photo · {LEARNER_NAMES[mismatch.learner_ids[0] - 1]}"
    )
    assert detail.face_caption.text().startswith("Flagged frame · ")
    layout = detail.enrolment_image.geometry(), detail.face_image.geometry()
    assert layout[0].right() < layout[1].left() and abs(layout[0].top() - layout[1].top()) < 4  # side by side
    assert detail.distance_note.isVisible()
    under = detail.distance_note.geometry()
    assert under.top() > max(layout[0].bottom(), layout[1].bottom())  # under the two pictures
    assert detail.distance_note.text() == (
        "Face distance: 0.534 · threshold 0.398 (workspace calibration of 2025-03-01): "
        "beyond the threshold: not the same person"
    )


def test_the_banner_at_the_top_of_the_list_shows_the_new_events_above_the_selection(
    qtbot, make_pane, database: Database
) -> None:
    pane = make_pane(size=(1200, 500))
    pane.show()
    qtbot.waitExposed(pane)
    pane.move_selection(1)
    selected = pane.current_event()
    assert pane.table.verticalScrollBar().value() == 0
    newer = add_events(database, 2)
    with database.writing() as session:  # the newest of all: they go on top
        for event in newer:
            moved = event.started_at + timedelta(hours=2)
            session.execute(update(EventRow).where(EventRow.id == event.id).values(started_at=moved))
    pane.watcher.poll()
    pane.new_button.click()
    assert pane.current_event() == selected and pane.table.currentIndex().row() == 3
    assert pane.table.verticalScrollBar().value() == 0  # still at the top: the new ones in sight
    assert pane.model.event_at(pane.table.rowAt(0)).id == newer[1].id
    assert not pane.table.visualRect(pane.table.currentIndex()).isEmpty()
