"""The day timeline on its own: zoom and pan stay within a day and a minute, clock labels, markers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.enums import EventKind, EventState, Severity
from app.playback.review_model import CameraDay, EventMarker
from widgets.recordings.camera_timeline import MIN_SPAN_SECONDS, CameraTimeline
from widgets.recordings.timeline_axis import DAY_SECONDS, TimeOfDayAxis, clock_text, major_step, wall_time
from widgets.recordings.timeline_stack import NAME_WIDTH, TimelineStack

DAY = date(2026, 3, 14)


def at(hms: str) -> datetime:
    return datetime.combine(DAY, datetime.strptime(hms, "%H:%M:%S").time())


def camera_day() -> CameraDay:
    marker = EventMarker(
        11, EventKind.FACE_MISMATCH, EventState.NEW, Severity.HIGH, at("09:30:00"), None, "刘洋"
    )
    return CameraDay(
        camera_id=7,
        day=DAY,
        start=at("00:00:00"),
        end=datetime(2026, 3, 15),
        coverage=[(at("08:00:00"), at("12:00:00"))],
        gaps=[(at("00:00:00"), at("08:00:00")), (at("12:00:00"), datetime(2026, 3, 15))],
        markers=[marker],
    )


@pytest.fixture
def timeline(qtbot) -> CameraTimeline:
    widget = CameraTimeline()
    qtbot.addWidget(widget)
    widget.resize(900, 90)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_day(DAY, camera_day())
    return widget


def wheel(timeline: CameraTimeline, steps: int) -> None:
    """Real wheel events at the middle of the plot (positive: zoom in)."""
    viewport = timeline.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 3)
    for _ in range(abs(steps)):
        delta = QPoint(0, 120 if steps > 0 else -120)
        event = QWheelEvent(
            centre, viewport.mapToGlobal(centre), QPoint(), delta, Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        timeline.wheelEvent(event)


def test_wheel_zooms_from_a_day_down_to_a_minute_and_no_further(timeline: CameraTimeline) -> None:
    low, high = timeline.visible_range()
    assert (low, high) == pytest.approx((0.0, DAY_SECONDS))
    wheel(timeline, 60)
    low, high = timeline.visible_range()
    assert high - low == pytest.approx(MIN_SPAN_SECONDS, rel=0.01)
    assert 0.0 <= low < high <= DAY_SECONDS
    wheel(timeline, -80)
    low, high = timeline.visible_range()
    assert (low, high) == pytest.approx((0.0, DAY_SECONDS), abs=1.0)


def test_panning_stops_at_the_day_edges(timeline: CameraTimeline) -> None:
    timeline.zoom_to(600.0, 3600.0)
    assert timeline.visible_range() == pytest.approx((0.0, 3600.0))  # clamped at midnight
    view = timeline.getPlotItem().getViewBox()
    view.translateBy(x=-10_000.0)
    assert timeline.visible_range()[0] >= 0.0
    view.translateBy(x=200_000.0)
    low, high = timeline.visible_range()
    assert high <= DAY_SECONDS + 1e-6 and high - low == pytest.approx(3600.0)


def test_axis_labels_are_local_clock_times_with_seconds_when_close() -> None:
    axis = TimeOfDayAxis(lambda _x: None)
    assert axis.tickStrings([9 * 3600.0, 9 * 3600.0 + 1800], 1.0, 1800.0) == ["09:00", "09:30"]
    assert axis.tickStrings([9 * 3600.0 + 5], 1.0, 5.0) == ["09:00:05"]
    assert clock_text(DAY_SECONDS) == "24:00:00"
    assert major_step(DAY_SECONDS, 900) == 10800  # a day on 900 px: a label every 3 hours
    assert major_step(MIN_SPAN_SECONDS, 900) == 10  # a minute: every 10 seconds
    assert wall_time(DAY, 9 * 3600 + 0.5) == at("09:00:00") + timedelta(milliseconds=500)


def mouse(widget: QWidget, kind: QEvent.Type, where: QPoint, buttons: Qt.MouseButton) -> None:
    """A shift-held mouse event at an exact position (QTest's moves lag one step behind offscreen)."""
    position = QPointF(where)
    button = Qt.MouseButton.NoButton if kind is QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind, position, widget.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.ShiftModifier
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.qt_log_ignore(
    'Mouse event "Mouse(Press|Release)" not accepted'
)  # pyqtgraph acts on it, unaccepted
def test_clicking_a_marker_asks_to_play_from_the_event(qtbot, timeline: CameraTimeline) -> None:
    timeline.zoom_to(9.5 * 3600, 1800.0)
    qtbot.wait(20)
    where = timeline.marker_position(11)
    assert where is not None
    view = timeline.getPlotItem().getViewBox()
    scene = view.mapViewToScene(where)
    point = timeline.mapFromScene(scene)
    with qtbot.waitSignal(timeline.scrub_requested, timeout=1000) as blocker:
        qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args[0] == pytest.approx(9.5 * 3600)


def test_marker_tooltip_names_kind_learner_state_and_time(timeline: CameraTimeline) -> None:
    tip = timeline._event_tip(0, 0, camera_day().markers[0])
    assert "Face mismatch" in tip and "刘洋" in tip and "New" in tip and "09:30:00" in tip
    assert "still open" in tip


def test_shift_drag_selects_a_span(qtbot, timeline: CameraTimeline) -> None:
    timeline.zoom_to(9 * 3600, 3600.0)
    qtbot.wait(20)  # let the plot lay out its axis for the new span before mapping pixels
    view = timeline.getPlotItem().getViewBox()

    def pixel(seconds: float) -> QPoint:
        return timeline.mapFromScene(view.mapViewToScene(QPointF(seconds, 0.5)))

    start, end = pixel(9 * 3600 - 600), pixel(9 * 3600 + 600)
    viewport = timeline.viewport()
    with qtbot.waitSignal(timeline.selection_changed, timeout=1000) as blocker:
        mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
        for step in range(1, 11):
            mouse(
                viewport, QEvent.Type.MouseMove, start + (end - start) * step / 10, Qt.MouseButton.LeftButton
            )
        mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    low, high = blocker.args[0]
    assert low == pytest.approx(9 * 3600 - 600, abs=30) and high == pytest.approx(9 * 3600 + 600, abs=30)
    assert timeline.visible_range() == pytest.approx((9 * 3600 - 1800, 9 * 3600 + 1800))  # no pan


def test_a_long_camera_name_shows_its_site_and_room_on_two_lines(qtbot) -> None:
    stack = TimelineStack()
    qtbot.addWidget(stack)
    name = "七星关区交警大队城郊中队 · 多媒体教室 · 教室前方"
    stack.set_name(0, name)
    label = stack.names[0]
    lines = label.text().split("\n")
    assert len(lines) == 2 and lines[0].startswith("七星关区") and lines[1].startswith("多媒体教室")
    assert all(label.fontMetrics().horizontalAdvance(line) <= NAME_WIDTH for line in lines)
    assert label.toolTip() == name
