"""The Events pane greys out what the permission matrix refuses, and words a refusal of the service.

Users (tests/helpers/event_world.py): 2 county manager of county 11, 3 acceptance
officer at site 103, 4 duty manager. A real SQLite database and the real EventService.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from sqlalchemy import select, update

from app.domain.enums import EventState
from app.domain.people import Scope, User
from app.i18n import build_qm
from app.persistence import Database
from app.persistence.orm import EventRow, UserRow
from app.settings import Settings
from app.supervision.event_service import EventService
from tests.helpers.event_world import USERS, add_events, create_database, events_context
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.panes.events_pane import EventsPane

NOW = datetime(2025, 3, 14, 15, 0)
COUNTY_MANAGER, ACCEPTANCE, DUTY_MANAGER = (next(u for u in USERS if u.id == i) for i in (2, 3, 4))


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    add_events(db, 9)  # classrooms 1001, 1003 (county 11) and 1004 (site 103, county 12)
    yield db
    db.dispose()


@pytest.fixture
def make_pane(qtbot, database: Database, settings: Settings):
    def make(user: User) -> EventsPane:
        pane = EventsPane(
            events_context(EventService(database, clock=lambda: NOW)), settings, SynchronousTaskRunner(), user
        )
        qtbot.addWidget(pane)
        pane.resize(1200, 600)
        pane.set_scope(Scope.city())
        return pane

    return make


def play_action(menu: QMenu) -> QAction:
    return next(a for a in menu.actions() if a.objectName() == "playRecording")


def states(database: Database) -> set[EventState]:
    with database.reading() as session:
        return set(session.scalars(select(EventRow.state)))


def test_the_duty_manager_triages_nothing_from_the_list_or_the_detail(
    qtbot, make_pane, database: Database
) -> None:
    pane = make_pane(DUTY_MANAGER)
    assert pane.model.rowCount() == 9  # city-wide view
    for key, words in (
        (Qt.Key.Key_C, "Your post may not confirm violations."),
        (Qt.Key.Key_D, "Your post may not dismiss events as false alarms."),
        (Qt.Key.Key_E, "Your post may not escalate events."),
    ):
        qtbot.keyClick(pane.table, key)
        assert pane.status_label.text() == words
    assert states(database) == {EventState.NEW}
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    detail = pane.detail
    assert detail.detail is not None
    assert [s for s, b in detail.buttons.items() if b.isEnabled()] == []
    assert detail.comment_edit.isEnabled() and detail.comment_button.isEnabled()
    menu = pane.event_menu(pane.current_event())
    assert play_action(menu).isEnabled()  # the duty manager watches


def test_the_acceptance_officer_sees_their_site_escalates_and_comments_but_does_not_watch(
    qtbot, make_pane, database: Database
) -> None:
    pane = make_pane(ACCEPTANCE)
    assert {pane.model.event_at(r).classroom_id for r in range(pane.model.rowCount())} == {1004}
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    enabled = {s for s, b in pane.detail.buttons.items() if b.isEnabled()}
    assert enabled == {EventState.ESCALATED}
    assert pane.detail.comment_edit.isEnabled()
    menu = pane.event_menu(pane.current_event())
    assert not play_action(menu).isEnabled()
    with qtbot.assertNotEmitted(pane.play_recording):
        qtbot.keyClick(pane.table, Qt.Key.Key_P)
    assert pane.status_label.text() == "Your post may not watch recordings."
    qtbot.keyClick(pane.table, Qt.Key.Key_C)
    assert pane.status_label.text() == "Your post may not confirm violations."
    qtbot.keyClick(pane.table, Qt.Key.Key_E)
    assert pane.current_event().state is EventState.ESCALATED


def test_a_refusal_of_the_service_is_shown_in_words_in_both_languages(
    qtbot, make_pane, database: Database
) -> None:
    pane = make_pane(COUNTY_MANAGER)
    assert {pane.model.event_at(r).classroom_id for r in range(pane.model.rowCount())} == {1001, 1003}
    with database.writing() as session:  # moved to county 12 after signing in: the service knows
        session.execute(update(UserRow).where(UserRow.id == COUNTY_MANAGER.id).values(scope_county_id=12))
    qtbot.keyClick(pane.table, Qt.Key.Key_C)
    assert pane.status_label.text() == "Outside your area: you may not confirm violations here."
    assert states(database) == {EventState.NEW}
    translator = QTranslator()
    assert translator.load(str(build_qm("zh_CN")))
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.keyClick(pane.table, Qt.Key.Key_D)
        assert pane.status_label.text() == "超出您的管辖范围：不能在此排除误报。"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert states(database) == {EventState.NEW}
