"""Opening an event from the Events pane: ongoing → its camera live on the wall; over → its recording."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.domain.enums import ScopeLevel
from app.domain.people import Scope
from app.settings import Settings
from tests.helpers.recordings_world import CAMERAS, DUTY_MANAGER, ReviewWorld
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.events.event_table_model import Column
from widgets.main_window import EVENT_LEAD_IN, MainWindow
from widgets.panes.events_pane import EventsPane


def make_window(qtbot, world: ReviewWorld, settings: Settings) -> MainWindow:
    window = MainWindow(world.context(), settings, SynchronousTaskRunner(), DUTY_MANAGER)
    qtbot.addWidget(window)
    return window


def events_pane(window: MainWindow) -> EventsPane:
    pane = window.panes["events"]
    assert isinstance(pane, EventsPane)
    return pane


def row_of(pane: EventsPane, event_id: int) -> int:
    return next(r for r in range(pane.model.rowCount()) if pane.model.event_at(r).id == event_id)  # type: ignore[union-attr]


def test_double_clicking_an_ongoing_event_shows_its_camera_live(qtbot, world: ReviewWorld, settings) -> None:
    window = make_window(qtbot, world, settings)
    ongoing = world.events[1]
    assert ongoing.ended_at is None
    pane = events_pane(window)
    pane.table.doubleClicked.emit(pane.model.index(row_of(pane, ongoing.id), Column.KIND))
    wall = window.video_wall
    assert not window.docks["video_wall"].isHidden()
    maximised = wall.canvas.maximised
    assert maximised is not None
    tile = wall.tiles[maximised]
    assert tile.camera is not None and tile.camera.id == CAMERAS[0]


def test_an_ongoing_event_outside_the_wall_goes_on_its_maximised_tile(
    qtbot, world: ReviewWorld, settings
) -> None:
    window = make_window(qtbot, world, settings)
    window.set_scope(Scope(ScopeLevel.COUNTY, county_id=11))  # the wall shows another county
    wall = window.video_wall
    assert CAMERAS[0] not in wall.arrangement.cameras
    window.open_event(world.events[1])
    assert wall.canvas.maximised == 0 and wall.tiles[0].camera is not None
    assert wall.tiles[0].camera.id == CAMERAS[0]


def test_double_clicking_a_past_event_plays_its_recording(qtbot, world: ReviewWorld, settings) -> None:
    window = make_window(qtbot, world, settings)
    past = world.events[0]
    assert past.ended_at is not None
    pane = events_pane(window)
    pane.table.doubleClicked.emit(pane.model.index(row_of(pane, past.id), Column.KIND))
    recordings = window.recordings
    assert not window.docks["recordings"].isHidden()
    assert recordings.session.selected_camera == CAMERAS[0]
    assert recordings.session.day == past.started_at.date()
    assert recordings.toolbar.camera_combo.currentData() == CAMERAS[0]
    assert recordings.session.pending_seek == past.started_at - timedelta(seconds=5)


def test_p_plays_the_recording_even_of_an_ongoing_event(qtbot, world: ReviewWorld, settings) -> None:
    window = make_window(qtbot, world, settings)
    pane = events_pane(window)
    ongoing = world.events[1]
    pane.table.setCurrentIndex(pane.model.index(row_of(pane, ongoing.id), 0))
    qtbot.keyClick(pane.table, Qt.Key.Key_P)
    assert window.recordings.session.selected_camera == CAMERAS[0]
    assert window.recordings.session.pending_seek == ongoing.started_at - EVENT_LEAD_IN
    assert window.video_wall.canvas.maximised is None  # not sent to the wall


def test_the_context_menu_plays_the_recording_of_any_event(qtbot, world: ReviewWorld, settings) -> None:
    window = make_window(qtbot, world, settings)
    pane = events_pane(window)
    for event in world.events:
        menu = pane.event_menu(event)
        play = next(a for a in menu.actions() if a.objectName() == "playRecording")
        assert play.isEnabled() and play.text() == "Play recording"
        play.trigger()
        assert window.recordings.session.pending_seek == event.started_at - EVENT_LEAD_IN
    live = [a for a in pane.event_menu(world.events[0]).actions() if a.text() == "Show the camera live"]
    assert not live[0].isEnabled()  # a past event has no live moment to show
