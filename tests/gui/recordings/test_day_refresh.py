"""Today's timeline stays fresh: segments and events written after the day loaded appear on a refresh
(every REFRESH_MS while visible, and when the pane is shown again), the player learns the new
segments, and the playhead, the zoom and the selected span stay where they were."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState
from app.persistence.repositories import EventRepository, Recording, RecordingRepository
from tests.helpers.recordings_world import CAMERAS, ReviewWorld, make_event, open_pane, shown_at
from widgets.panes.recordings_pane import RecordingsPane

LATER = timedelta(seconds=30)  # the new segment starts this long after the recording's end


def add_segment(world: ReviewWorld, camera_id: int = CAMERAS[0]) -> Recording:
    """A segment recorded later today: a copy of the first segment's file, 30 s after the end."""
    source = world.truth.recordings[0]
    started = world.end + LATER
    path = PurePosixPath(source.path).with_name(f"{camera_id}_{started:%Y%m%d-%H%M%S}.mp4")
    shutil.copyfile(world.root / source.path, world.root / path)
    assert source.ended_at is not None
    later = dataclasses.replace(
        source,
        camera_id=camera_id,
        path=str(path),
        started_at=started,
        ended_at=started + (source.ended_at - source.started_at),
    )
    with world.database.writing() as session:
        return RecordingRepository(session).add(later)


def add_event(world: ReviewWorld, at: datetime) -> Event:
    with world.database.writing() as session:
        [added] = EventRepository(session).add_many(
            [make_event(EventKind.UNKNOWN_FACE, at, 1.0, EventState.NEW)]
        )
    return added


def today_pane(qtbot, make_pane, world: ReviewWorld) -> RecordingsPane:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.clock = lambda: world.end  # "today" is the recording's day, whenever the test runs
    return pane


def test_a_refresh_shows_new_segments_and_events_without_moving_anything(
    qtbot, make_pane, world: ReviewWorld
) -> None:
    pane = today_pane(qtbot, make_pane, world)
    timeline = pane.timeline_stack.timelines[0]
    at = world.start + timedelta(seconds=2)
    pane.session.seek(at)
    shown_at(qtbot, pane.views[0], at)
    pane.session.set_span(world.start + timedelta(seconds=1), world.start + timedelta(seconds=3))
    day_start = datetime.combine(pane.session.day, datetime.min.time())
    timeline.zoom_to((world.start - day_start).total_seconds() + 20, 120)
    qtbot.wait(20)
    shown = (
        timeline.visible_range(),
        timeline.playhead.value(),
        timeline.selected_span(),
        pane.session.position,
    )
    coverage_before = list(pane.session.days[CAMERAS[0]].coverage)

    segment = add_segment(world)
    event = add_event(world, segment.started_at + timedelta(seconds=1))
    assert pane.session.refresh_today()
    qtbot.waitUntil(lambda: len(pane.session.days[CAMERAS[0]].markers) == 3, timeout=5000)

    day = pane.session.days[CAMERAS[0]]
    assert len(day.coverage) == len(coverage_before) + 1 and day.coverage[-1][0] == segment.started_at
    assert event.id in [m.event_id for m in day.markers]
    assert len(timeline.event_points.data) == 3
    assert timeline.marker_position(event.id) is not None
    assert (
        timeline.visible_range(),
        timeline.playhead.value(),
        timeline.selected_span(),
        pane.session.position,
    ) == shown
    assert pane.session.span == (world.start + timedelta(seconds=1), world.start + timedelta(seconds=3))
    shown_at(qtbot, pane.views[0], at)  # the picture did not move either

    # The player learned the new segment: it plays there instead of reporting a gap.
    inside = segment.started_at + timedelta(seconds=1)
    pane.session.seek(inside)
    shown_at(qtbot, pane.views[0], inside)


def test_an_unchanged_day_redraws_nothing(qtbot, make_pane, world: ReviewWorld, monkeypatch) -> None:
    pane = today_pane(qtbot, make_pane, world)
    drawn: list[int] = []
    monkeypatch.setattr(pane.timeline_stack.timelines[0], "show_day", lambda *args: drawn.append(1))
    given: list[object] = []
    assert pane.session.bridge is not None
    monkeypatch.setattr(pane.session.bridge.player, "set_timelines", given.append)
    assert pane.session.refresh_today()
    qtbot.waitUntil(lambda: not pane.session.loader.refreshing, timeout=5000)
    assert drawn == [] and given == []


def test_the_pane_refreshes_on_its_timer_and_when_shown_again(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = today_pane(qtbot, make_pane, world)
    pane.hide()
    assert not pane.session.loader.refresh_timer.isActive()  # nobody looks: no reading
    add_segment(world)
    pane.show()
    qtbot.waitUntil(lambda: len(pane.session.days[CAMERAS[0]].coverage) == 2, timeout=5000)

    pane.session.loader.refresh_timer.setInterval(50)
    pane.session.loader.refresh_timer.start()
    add_event(world, world.end + LATER + timedelta(seconds=2))
    qtbot.waitUntil(lambda: len(pane.session.days[CAMERAS[0]].markers) == 3, timeout=5000)


def test_a_day_recorded_after_the_pane_opened_starts_playing_once_it_arrives(
    qtbot, make_pane, world: ReviewWorld
) -> None:
    """The demo writes the morning's recordings a few seconds after the window opens."""
    with world.database.writing() as session:
        repository = RecordingRepository(session)
        for recording in repository.list_for_camera(CAMERAS[0], world.start, world.end + LATER * 4):
            repository.delete(recording.id)
    pane: RecordingsPane = make_pane()
    pane.session.clock = lambda: world.end
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.waitUntil(lambda: CAMERAS[0] in pane.session.days, timeout=5000)
    assert not pane.session.days[CAMERAS[0]].coverage and pane.session.position is None
    segment = add_segment(world)
    assert pane.session.refresh_today()
    qtbot.waitUntil(lambda: pane.views[0].image is not None, timeout=10_000)
    assert pane.session.days[CAMERAS[0]].coverage == [(segment.started_at, segment.ended_at)]
    assert (
        pane.session.position is not None and segment.started_at <= pane.session.position < segment.ended_at
    )


def test_a_past_day_is_not_refreshed(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.clock = lambda: world.end + timedelta(days=1)
    assert not pane.session.refresh_today()


def test_a_refresh_keeps_the_selected_bookmark(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = today_pane(qtbot, make_pane, world)
    pane.add_bookmark("第一处")
    qtbot.waitUntil(lambda: pane.evidence.list.count() == 1, timeout=5000)
    pane.evidence.list.setCurrentRow(0)
    item = pane.evidence.list.item(0)
    add_event(world, world.start + timedelta(seconds=5))  # the day changes, its bookmarks do not
    assert pane.session.refresh_today()
    qtbot.waitUntil(lambda: len(pane.session.days[CAMERAS[0]].markers) == 3, timeout=5000)
    assert pane.evidence.list.item(0) is item and pane.evidence.list.currentRow() == 0
