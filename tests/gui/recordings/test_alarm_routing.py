"""Alarms on the wall, in the real window: a new high-severity event marks its camera's tile with a
red frame and label until someone claims it, sounds unless the officer muted or snoozed the camera,
and a click on the label plays the camera's recording from 30 s before the event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState, Post, ScopeLevel
from app.domain.people import Scope, User
from app.persistence.repositories import EventRepository, WorkspaceRepository
from app.settings import Settings
from app.supervision.event_service import EventService
from tests.helpers.recordings_world import CAMERAS, CLASSROOM_SCOPE, ReviewWorld, make_event, shown_at
from tests.helpers.small_city import USERS
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.main_window import MainWindow
from widgets.panes.events_pane import EventsPane
from widgets.video_wall.tile import Tile
from widgets.video_wall.tile_overlay import RED
from widgets.video_wall.wall_alarms import ALARM_LEAD_IN

SUPERVISOR = next(u for u in USERS if u.post is Post.SUPERVISOR)  # watches the wall here
# The county manager of the classroom's county, at another workstation.
OTHER_OFFICER = User(5, "liufang", "刘芳", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, county_id=12))


@pytest.fixture
def window(qtbot, world: ReviewWorld, settings: Settings) -> Iterator[MainWindow]:
    with world.database.writing() as session:
        WorkspaceRepository(session).save_users([OTHER_OFFICER])
    made = MainWindow(world.context(), settings, SynchronousTaskRunner(), SUPERVISOR)
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.set_scope(CLASSROOM_SCOPE)  # the wall shows cameras 7–10
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()


def events_of(window: MainWindow) -> EventsPane:
    pane = window.panes["events"]
    assert isinstance(pane, EventsPane)
    return pane


def raise_mismatch(world: ReviewWorld, at: datetime) -> Event:
    """What the analysis node stores: a new 替学 event on camera 7."""
    with world.database.writing() as session:
        return EventRepository(session).add(make_event(EventKind.FACE_MISMATCH, at, None, EventState.NEW))


def tile_of(window: MainWindow, camera_id: int) -> Tile:
    return next(t for t in window.video_wall.tiles if t.camera is not None and t.camera.id == camera_id)


def framed(window: MainWindow, tile: Tile) -> bool:
    """Whether the tile's left edge is painted in the alarm's red (what the officer sees)."""
    image = window.video_wall.canvas.grab().toImage()
    return QColor(image.pixel(tile.rect.left() + 2, tile.rect.center().y())) == RED


def test_an_alarm_frames_its_tile_until_another_officer_claims_it(qtbot, window, world: ReviewWorld) -> None:
    events = events_of(window)
    tile = tile_of(window, CAMERAS[0])
    assert tile.alarm is None and not framed(window, tile)
    event = raise_mismatch(world, world.start + timedelta(seconds=31))
    events.watcher.poll()
    assert tile.alarm is not None and tile.alarm.event_id == event.id
    assert framed(window, tile) and not tile.alarm_rect.isEmpty()
    assert window.video_wall.canvas.texts.alarm_text(tile).startswith("Face mismatch ")
    assert events.notifications[-1].sound and events.notifier.sound.played == 1  # on by default
    assert all(t.alarm is None for t in window.video_wall.tiles if t is not tile)
    events.watcher.poll()  # nobody has claimed it yet: it stays, and does not ring again
    assert tile.alarm is not None and framed(window, tile) and events.notifier.sound.played == 1

    EventService(world.database).claim(event.id, OTHER_OFFICER.id)  # at another workstation
    events.watcher.poll()
    assert tile.alarm is None and not framed(window, tile)


def test_claiming_here_clears_the_alarm_at_once(qtbot, window, world: ReviewWorld) -> None:
    events = events_of(window)
    event = raise_mismatch(world, world.start + timedelta(seconds=31))
    events.watcher.poll()
    tile = tile_of(window, CAMERAS[0])
    assert tile.alarm is not None
    events.show_new_events()  # the banner: the event is listed (and selected: the list was empty)
    row = events.model.row_of(event.id)
    events.table.setCurrentIndex(events.model.index(row, 0))
    events.open_detail()
    events.detail.buttons[EventState.IN_PROGRESS].click()  # claim
    assert tile.alarm is None and not framed(window, tile)


def test_a_click_on_the_alarm_plays_the_30_seconds_before_it(qtbot, window, world: ReviewWorld) -> None:
    events = events_of(window)
    at = world.start + timedelta(seconds=31)  # 30 s before it lies in the recording
    raise_mismatch(world, at)
    events.watcher.poll()
    tile = tile_of(window, CAMERAS[0])
    qtbot.waitUntil(lambda: not tile.alarm_rect.isEmpty())  # the label is painted: the officer sees it
    qtbot.mouseClick(window.video_wall.canvas, Qt.MouseButton.LeftButton, pos=tile.alarm_rect.center())
    recordings = window.recordings
    assert not window.docks["recordings"].isHidden() and recordings.session.selected_camera == CAMERAS[0]
    shown_at(qtbot, recordings.views[0], at - ALARM_LEAD_IN)  # the frame is there: playable at once
    assert window.video_wall.canvas.maximised is None  # a click on the label is not a double-click


def test_muted_and_snoozed_cameras_stay_framed_but_silent(
    qtbot, window, world: ReviewWorld, settings: Settings
) -> None:
    events, wall = events_of(window), window.video_wall
    now = datetime(2025, 3, 14, 9, 0)
    wall.alarms.clock = events.clock = lambda: now
    menu = QMenu()
    wall.alarms.add_actions(menu, CAMERAS[0], None)
    actions = {a.objectName(): a for a in menu.actions()}
    actions["muteCamera"].trigger()  # "Mute this camera's alarm sound"
    assert settings.muted_cameras(SUPERVISOR.login) == {CAMERAS[0]}
    raise_mismatch(world, world.start + timedelta(seconds=31))
    events.watcher.poll()
    assert tile_of(window, CAMERAS[0]).alarm is not None  # still framed: a muted alarm is an alarm
    assert not events.notifications[-1].sound and events.notifier.sound.played == 0

    wall.alarms.mute(CAMERAS[0], False)
    menu = QMenu()
    wall.alarms.add_actions(menu, CAMERAS[0], None)
    snooze = next(a for a in menu.actions() if a.objectName() == "snoozeCamera")
    assert snooze.text() == "Snooze the alarm sound for 10 min"
    snooze.trigger()
    assert settings.snoozed_cameras(SUPERVISOR.login) == {CAMERAS[0]: now + timedelta(minutes=10)}
    raise_mismatch(world, world.start + timedelta(seconds=40))
    events.watcher.poll()
    assert not events.notifications[-1].sound
    now += timedelta(minutes=11)  # the snooze is over
    raise_mismatch(world, world.start + timedelta(seconds=50))
    events.watcher.poll()
    assert events.notifications[-1].sound and events.notifier.sound.played == 1
