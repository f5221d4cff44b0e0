"""The review session without a widget, on a real recorded day: nothing loads before it is activated,
days load and start where they should, seeks across days, the span and what may be done with it,
an event's recording, and refreshing only while shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from app.domain.people import Post, User
from app.playback.review_ports import RecordingsUnavailable
from app.tasks import TaskRunner
from tests.helpers.recordings_world import CAMERAS, DUTY_MANAGER, ReviewWorld
from tests.helpers.small_city import USERS
from widgets.recordings.review_session import ReviewAvailability, ReviewSession


class Heard:
    """What the session said, in order (the signal names), with the last arguments of each."""

    NAMES = (
        "cameras_changed", "camera_put", "grid_changed", "view_selected", "day_changed", "day_cleared",
        "loading", "camera_day_loaded", "started", "nothing_recorded", "span_changed",
        "availability_changed", "recorded_days", "failed",
    )  # fmt: skip

    def __init__(self, session: ReviewSession) -> None:
        self.order: list[str] = []
        self.last: dict[str, tuple[object, ...]] = {}
        for name in self.NAMES:
            getattr(session, name).connect(lambda *args, n=name: self._heard(n, args))

    def _heard(self, name: str, args: tuple[object, ...]) -> None:
        self.order.append(name)
        self.last[name] = args

    def clear(self) -> None:
        self.order.clear()
        self.last.clear()


@pytest.fixture
def make_session(
    qtbot, world: ReviewWorld, threaded_tasks: TaskRunner
) -> Iterator[Callable[..., tuple[ReviewSession, Heard]]]:
    sessions: list[ReviewSession] = []

    def make(user: User = DUTY_MANAGER, review: bool = True) -> tuple[ReviewSession, Heard]:
        store = world.service if review else RecordingsUnavailable("the folder cannot be used")
        session = ReviewSession(store, threaded_tasks, user)
        session.clock = lambda: world.end  # "today" is the recording's day, whenever the test runs
        session.day = world.start.date()
        sessions.append(session)
        return session, Heard(session)

    yield make
    for session in sessions:
        session.stop()  # the player's thread


def test_nothing_loads_until_activated_then_the_day_starts(qtbot, make_session, world: ReviewWorld) -> None:
    session, heard = make_session()
    session.fill_from_scope(list(CAMERAS))
    assert session.active_cameras == [CAMERAS[0]] and session.selected_camera == CAMERAS[0]
    assert "loading" not in heard.order and session.days == {} and session.bridge is None
    heard.clear()
    session.activate()
    assert heard.order[:2] == ["day_cleared", "loading"]
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    assert heard.last["camera_day_loaded"] == (CAMERAS[0],)
    assert heard.last["started"] == (3600.0,)
    day = session.days[CAMERAS[0]]
    assert day.coverage and day.coverage[0][0] == world.start
    # Today (the clock says so): the last recorded minute, at most a minute before the end.
    assert session.position is not None and world.start <= session.position < world.end
    qtbot.waitUntil(lambda: "recorded_days" in heard.last, timeout=5000)
    assert heard.last["recorded_days"] == ([world.start.date()],)
    assert session.loader.refresh_timer.isActive()


def test_a_seek_to_another_day_loads_it_and_goes_there(qtbot, make_session, world: ReviewWorld) -> None:
    session, heard = make_session()
    session.fill_from_scope([CAMERAS[0]])
    yesterday = world.start - timedelta(days=1)
    session.seek(yesterday)  # not activated: the day changes, nothing is read yet
    assert session.day == yesterday.date() and heard.last["day_changed"] == (yesterday.date(),)
    assert session.pending_seek == yesterday and "loading" not in heard.order
    session.activate()
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    assert session.position == yesterday and session.pending_seek is None  # asked for: shown, gap or not
    heard.clear()
    session.set_day(world.start.date())  # the same time of day, recorded there: it stays
    assert heard.order[:3] == ["day_changed", "day_cleared", "loading"]
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    assert session.position == world.start
    heard.clear()
    session.set_day(yesterday.date())  # nothing recorded, nothing asked for: nowhere to start
    qtbot.waitUntil(lambda: "nothing_recorded" in heard.order, timeout=10_000)
    assert "started" not in heard.order


def test_the_span_decides_what_may_be_done(qtbot, make_session, world: ReviewWorld) -> None:
    session, heard = make_session()
    session.fill_from_scope([CAMERAS[0]])
    assert session.availability() == ReviewAvailability(bookmark=True, lock=False, export=False)
    start, end = world.start + timedelta(seconds=1), world.start + timedelta(seconds=3)
    session.mark_out(end)
    session.mark_in(start)
    assert session.span == (start, end) and heard.order[-2:] == ["span_changed", "availability_changed"]
    assert heard.last["availability_changed"] == (ReviewAvailability(True, True, True),)
    session.mark_in(end + timedelta(seconds=1))  # an In after the Out drops the Out
    assert session.span is None and heard.last["availability_changed"] == (
        ReviewAvailability(True, False, False),
    )
    session.set_span(end, start)
    assert session.span == (start, end)
    session.clear_span()
    assert session.span is None and session.span_text() == "No span selected"


def test_who_may_not_review_or_without_a_store_nothing_may_be_done(make_session) -> None:
    acceptance = next(u for u in USERS if u.post is Post.ACCEPTANCE)
    for session, _heard in (make_session(user=acceptance), make_session(review=False)):
        session.fill_from_scope(list(CAMERAS))
        session.set_span(*sorted([session.clock(), session.clock() - timedelta(seconds=5)]))
        assert session.availability() == ReviewAvailability(False, False, False)
    for refused, heard in (make_session(user=acceptance), make_session(review=False)):
        refused.fill_from_scope(list(CAMERAS))
        refused.activate()
        assert "loading" not in heard.order and refused.bridge is None


def test_views_grid_and_selection(make_session) -> None:
    session, heard = make_session()
    session.fill_from_scope(list(CAMERAS))
    session.set_grid(4, list(CAMERAS))
    assert heard.last["grid_changed"] == (4,) and session.active_cameras == list(CAMERAS)
    session.select_view(2)
    assert session.selected_camera == CAMERAS[2] and heard.last["view_selected"] == (2,)
    heard.clear()
    session.select_view(4)  # no such view: nothing happens
    session.choose_camera(CAMERAS[1])  # already shown: selected, not loaded again
    assert heard.order == ["view_selected", "availability_changed"] and session.selected_camera == CAMERAS[1]
    session.set_grid(1, list(CAMERAS))  # back to one view: the selected camera stays
    assert session.active_cameras == [CAMERAS[1]] and session.selected == 0


def test_an_events_recording_plays_its_camera_from_its_moment(
    qtbot, make_session, world: ReviewWorld
) -> None:
    session, heard = make_session()
    session.fill_from_scope([CAMERAS[1]])
    session.activate()
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    heard.clear()
    at = world.events[0].started_at - timedelta(seconds=1)
    session.show_recording(CAMERAS[0], at)
    assert heard.last["camera_put"] == (CAMERAS[0],) and session.selected_camera == CAMERAS[0]
    assert "loading" in heard.order and session.pending_seek == at
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    assert session.position == at
    heard.clear()
    later = at + timedelta(seconds=1)
    session.show_recording(CAMERAS[0], later)  # already playing that day: just go there
    assert "loading" not in heard.order and "camera_put" not in heard.order and session.position == later
    session.show_recording(CAMERAS[0], later, reread=True)  # an alarm: the day is read again
    assert "loading" in heard.order


def test_refreshing_only_while_shown_and_never_after_stop(qtbot, make_session) -> None:
    session, heard = make_session()
    session.fill_from_scope([CAMERAS[0]])
    session.activate()
    qtbot.waitUntil(lambda: "started" in heard.order, timeout=10_000)
    assert session.loader.refresh_timer.isActive()
    session.deactivate()
    assert not session.loader.refresh_timer.isActive()
    session.activate()  # shown again: catches up at once
    assert session.loader.refreshing and session.loader.refresh_timer.isActive()
    qtbot.waitUntil(lambda: not session.loader.refreshing, timeout=5000)
    session.stop()
    session.activate()
    assert not session.refresh_today() and not session.loader.refresh_timer.isActive()
