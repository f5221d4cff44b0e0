"""The Recordings pane on real recorder segments: loading a day, seeking, keys, 2×2, bookmarks, export."""

from __future__ import annotations

import threading
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton

from app.domain.enums import Post
from app.playback.evidence_signing import workstation_signer
from app.tasks import TaskRunner
from tests.helpers.recordings_world import (
    CAMERAS,
    CLASSROOM_SCOPE,
    DUTY_MANAGER,
    ReviewWorld,
    open_pane,
    shown_at,
)
from tests.helpers.rtsp_server import read_counter
from tests.helpers.small_city import USERS
from widgets.panes.recordings_pane import RecordingsPane
from widgets.recordings.export_job import ExportKind


def test_the_day_loads_with_coverage_events_and_the_first_frame(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    assert pane.session.active_cameras == [CAMERAS[0]]
    day = pane.session.days[CAMERAS[0]]
    assert day.coverage and day.coverage[0][0] == world.start
    assert [m.event_id for m in day.markers] == [e.id for e in world.events]
    timeline = pane.timeline_stack.timelines[0]
    assert len(timeline.event_points.data) == 2
    shown_at(qtbot, pane.views[0], world.start)
    assert pane.views[0].camera_name.endswith("前")


def test_clicking_an_event_marker_seeks_to_the_exact_frame(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    event = world.events[0]
    timeline = pane.timeline_stack.timelines[0]
    timeline.zoom_to(
        (event.started_at - datetime.combine(pane.session.day, datetime.min.time())).total_seconds(), 60
    )
    qtbot.wait(20)
    where = timeline.marker_position(event.id)
    assert where is not None
    point = timeline.mapFromScene(timeline.getPlotItem().getViewBox().mapViewToScene(QPointF(where)))
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=point)
    shown_at(qtbot, pane.views[0], event.started_at)
    assert pane.session.position == event.started_at
    # The exact frame: the number drawn into it is the recorded frame's at that wall time.
    assert read_counter(pane.views[0].image._pixels) == world.truth.frame_at(event.started_at).counter  # type: ignore[union-attr]


def test_keys_drive_the_player(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    view = pane.views[0]
    start = world.start + timedelta(seconds=1)
    pane.session.seek(start)
    shown_at(qtbot, view, start)
    pane.setFocus()
    number = read_counter(view.image._pixels)  # type: ignore[union-attr]

    qtbot.keyClick(pane, Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: read_counter(view.image._pixels) == number + 1, timeout=5000)  # type: ignore[union-attr]
    qtbot.keyClick(pane, Qt.Key.Key_Comma)
    qtbot.waitUntil(lambda: read_counter(view.image._pixels) == number, timeout=5000)  # type: ignore[union-attr]

    qtbot.keyClick(pane, Qt.Key.Key_BracketRight)
    qtbot.waitUntil(
        lambda: pane.session.status is not None and pane.session.status.speed == 2.0, timeout=5000
    )
    assert pane.transport.speed_combo.currentText() == "2×"
    qtbot.keyClick(pane, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(pane, Qt.Key.Key_BracketLeft)
    qtbot.waitUntil(
        lambda: pane.session.status is not None and pane.session.status.speed == 0.5, timeout=5000
    )

    qtbot.keyClick(pane, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: pane.session.status is not None and pane.session.status.playing, timeout=5000)
    qtbot.waitUntil(lambda: read_counter(view.image._pixels) > number + 2, timeout=5000)  # type: ignore[union-attr]
    qtbot.keyClick(pane, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: pane.session.status is not None and not pane.session.status.playing, timeout=5000)

    status = pane.session.status
    assert status is not None
    paused = status.position
    assert paused is not None
    qtbot.keyClick(pane, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: pane.session.status.position == paused + timedelta(seconds=10), timeout=5000)  # type: ignore[union-attr]
    assert view.in_gap  # past the end of the recording: the view says so instead of an old frame
    qtbot.keyClick(pane, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: pane.session.status.position == paused, timeout=5000)  # type: ignore[union-attr]
    assert not view.in_gap


def test_two_by_two_plays_four_cameras_in_sync(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.toolbar.grid_button.click()
    assert [v.isVisible() for v in pane.views] == [True] * 4
    assert pane.session.active_cameras == list(CAMERAS)
    assert pane.timeline_stack.rows == 4
    qtbot.waitUntil(lambda: set(pane.session.days) == set(CAMERAS), timeout=10_000)
    target = world.start + timedelta(seconds=2.5)
    pane.session.seek(target)
    for view in pane.views:
        shown_at(qtbot, view, target)
    numbers = {read_counter(v.image._pixels) for v in pane.views}  # type: ignore[union-attr]
    assert len(numbers) == 1  # the same moment on every camera (their files are copies)
    pane.views[2].clicked.emit()
    assert (
        pane.session.selected_camera == CAMERAS[2] and pane.toolbar.camera_combo.currentData() == CAMERAS[2]
    )


def test_a_bookmark_added_at_the_playhead_appears(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    at = world.start + timedelta(seconds=2)
    pane.session.seek(at)
    shown_at(qtbot, pane.views[0], at)
    pane.add_bookmark("学员中途离开")
    qtbot.waitUntil(lambda: pane.evidence.list.count() == 1, timeout=5000)
    [bookmark] = pane.evidence.entries()
    assert bookmark.at == at and bookmark.note == "学员中途离开"  # type: ignore[union-attr]
    assert "学员中途离开" in pane.evidence.list.item(0).text()
    assert len(pane.timeline_stack.timelines[0].bookmark_points.data) == 1
    pane.evidence_actions.edit_bookmark(bookmark, "学员中途离开 5 分钟")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "5 分钟" in pane.evidence.list.item(0).text(), timeout=5000)
    pane.evidence_actions.delete_bookmark(pane.evidence.entries()[0], confirm=False)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: pane.evidence.list.count() == 0, timeout=5000)
    assert len(pane.timeline_stack.timelines[0].bookmark_points.data) == 0


def test_a_post_that_does_not_review_cannot_bookmark(qtbot, make_pane, world: ReviewWorld) -> None:
    acceptance = next(u for u in USERS if u.post is Post.ACCEPTANCE)
    pane: RecordingsPane = make_pane(user=acceptance)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.status_label.text() == "Your post does not review recordings."
    assert pane.views[0].note == "Your post does not review recordings."
    assert not pane.commands["bookmark"].isEnabled()
    assert pane.session.bridge is None  # nothing loaded, no player thread


def test_export_clip_and_package_then_verify(qtbot, make_pane, world: ReviewWorld, tmp_path: Path) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.seek(world.start + timedelta(seconds=1))
    shown_at(qtbot, pane.views[0], world.start + timedelta(seconds=1))
    qtbot.keyClick(pane, Qt.Key.Key_I)
    pane.session.seek(world.start + timedelta(seconds=4))
    shown_at(qtbot, pane.views[0], world.start + timedelta(seconds=4))
    qtbot.keyClick(pane, Qt.Key.Key_O)
    assert pane.session.span == (world.start + timedelta(seconds=1), world.start + timedelta(seconds=4))
    assert pane.timeline_stack.timelines[0].selected_span() is not None
    assert pane.commands["export_clip"].isEnabled()

    job = pane.export(ExportKind.CLIP, tmp_path / "clip.mp4")
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        pass
    assert blocker.args == [tmp_path / "clip.mp4"] and (tmp_path / "clip.mp4").stat().st_size > 0
    assert job.fraction == pytest.approx(1.0)
    assert job.message_box is not None and str(tmp_path / "clip.mp4") in job.message_box.text()

    package = pane.export(ExportKind.PACKAGE, tmp_path / "evidence.zip")
    assert package is not None
    qtbot.waitSignal(package.finished, timeout=20_000).wait()
    assert package.error is None, package.error
    with zipfile.ZipFile(tmp_path / "evidence.zip") as archive:
        assert any(name.endswith(".mp4") for name in archive.namelist())
    box = package.message_box
    assert box is not None and box.isVisible()
    verify = next(b for b in box.buttons() if b.text() == "Verify")
    with qtbot.waitSignal(package.verified, timeout=10_000) as verified:
        verify.click()
    assert verified.args == [[]]
    assert box.isVisible() and "Verified" in box.informativeText()  # the box stays to show it
    assert workstation_signer().fingerprint in box.informativeText()  # signed by this workstation

    with zipfile.ZipFile(tmp_path / "evidence.zip", "a") as archive:
        archive.writestr("extra.txt", "slipped in afterwards")
    with qtbot.waitSignal(package.verified, timeout=10_000) as verified:
        verify.click()
    assert verified.args == [["extra.txt"]]
    assert "FAILED" in box.informativeText() and "extra.txt" in box.informativeText()


def test_a_cancelled_export_leaves_no_file(
    qtbot, world: ReviewWorld, tmp_path: Path, make_pane, threaded_tasks: TaskRunner
) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.set_span(world.start, world.start + timedelta(seconds=4))
    # Hold every worker so the export is queued when Cancel is pressed (a 4 s clip exports in ms).
    gate = threading.Event()
    for _ in range(threaded_tasks._pool.maxThreadCount()):
        threaded_tasks.run(lambda: gate.wait(10), lambda _r: None)
    job = pane.export(ExportKind.CLIP, tmp_path / "cancelled.mp4")
    assert job is not None
    cancel_button = job.dialog.findChild(QPushButton)
    assert cancel_button is not None
    cancel_button.click()
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        gate.set()
    assert blocker.args == [None]
    assert not (tmp_path / "cancelled.mp4").exists()
    assert not list(tmp_path.glob("cancelled.mp4*"))
    assert job.message_box is None  # a cancel is not an error


def test_show_recording_plays_the_camera_from_the_moment(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.choose_camera(CAMERAS[1])
    qtbot.waitUntil(lambda: CAMERAS[1] in pane.session.days, timeout=10_000)
    at = world.events[0].started_at - timedelta(seconds=1)
    pane.show_recording(CAMERAS[0], at)
    assert pane.session.selected_camera == CAMERAS[0]
    shown_at(qtbot, pane.views[0], at)
    assert read_counter(pane.views[0].image._pixels) == world.truth.frame_at(at).counter  # type: ignore[union-attr]


def test_locking_the_selected_span_shows_the_lock_and_protects_the_segments(
    qtbot, make_pane, world: ReviewWorld
) -> None:
    pane = open_pane(qtbot, make_pane, world)
    assert not pane.commands["lock"].isEnabled()  # nothing selected yet
    pane.session.set_span(world.start + timedelta(seconds=1), world.start + timedelta(seconds=3))
    assert pane.commands["lock"].isEnabled()
    pane.lock_span("替学嫌疑，留存证据")
    qtbot.waitUntil(lambda: pane.evidence.list.count() == 1, timeout=5000)
    [lock] = pane.evidence.entries()
    assert lock.reason == "替学嫌疑，留存证据"  # type: ignore[union-attr]
    assert "替学嫌疑" in pane.evidence.list.item(0).text()
    locked = world.service.timeline(CAMERAS[0], world.start, world.end, DUTY_MANAGER)
    assert any(segment.locked for segment in locked.segments)


def test_dragging_on_the_time_axis_scrubs_with_coalesced_seeks(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    assert pane.session.bridge is not None
    player = pane.session.bridge.player
    seeks: list[datetime] = []
    original = player.seek

    def counting_seek(at: datetime) -> None:
        seeks.append(at)
        original(at)

    player.seek = counting_seek  # type: ignore[method-assign]  # a spy: the real seek still runs
    timeline = pane.timeline_stack.timelines[0]
    day_start = datetime.combine(pane.session.day, datetime.min.time())
    timeline.zoom_to((world.start - day_start).total_seconds() + 3, 60)
    qtbot.wait(20)
    targets = [world.start + timedelta(seconds=0.25 * n) for n in range(1, 21)]
    for target in targets:  # twenty scrub positions in one burst, as a fast drag gives
        timeline.scrub_requested.emit((target - day_start).total_seconds())
    shown_at(qtbot, pane.views[0], targets[-1])
    assert 1 <= len(seeks) <= 2 and abs(seeks[-1] - targets[-1]) < timedelta(milliseconds=1)


def test_days_with_recordings_are_marked_in_the_calendar(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    calendar = pane.toolbar.day_edit.calendarWidget()
    day = world.start.date()
    qtbot.waitUntil(lambda: calendar.dateTextFormat().get(QDate(day.year, day.month, day.day)) is not None)
    marked = calendar.dateTextFormat()[QDate(day.year, day.month, day.day)]
    assert marked.fontWeight() == QFont.Weight.Bold
    assert QDate(day.year, day.month, day.day).addDays(-1) not in calendar.dateTextFormat()


def test_a_lead_in_before_the_recording_starts_lands_on_its_first_frame(
    qtbot, make_pane, world: ReviewWorld
) -> None:
    pane: RecordingsPane = make_pane()
    pane.show_recording(CAMERAS[0], world.start - timedelta(seconds=3))  # before the pane is shown
    pane.show()
    qtbot.waitExposed(pane)
    shown_at(qtbot, pane.views[0], world.start)
    assert read_counter(pane.views[0].image._pixels) == world.truth.frames[0].counter  # type: ignore[union-attr]


def test_without_a_review_service_the_pane_says_so(qtbot, context, sync_tasks) -> None:
    pane = RecordingsPane(context, sync_tasks, USERS[0])
    qtbot.addWidget(pane)
    pane.set_scope(CLASSROOM_SCOPE)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.status_label.text() == "Recordings need the workspace database."
    assert pane.views[0].note == "Recordings need the workspace database."
    assert pane.session.bridge is None and not pane.commands["bookmark"].isEnabled()


def test_an_export_name_too_long_is_shortened_and_the_box_says_so(
    qtbot, make_pane, world: ReviewWorld, tmp_path: Path
) -> None:
    pane = open_pane(qtbot, make_pane, world)
    pane.session.set_span(world.start + timedelta(seconds=1), world.start + timedelta(seconds=3))
    chosen = tmp_path / ("第一教室监控录像" * 10 + "甲乙.mp4")  # 250 bytes: no room for ".partial"
    job = pane.export(ExportKind.CLIP, chosen)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        pass
    written = blocker.args[0]
    assert written is not None and written.is_file() and written.suffix == ".mp4" and written != chosen
    assert job.message_box is not None and str(written) in job.message_box.text()
    assert "was shortened" in job.message_box.text()
