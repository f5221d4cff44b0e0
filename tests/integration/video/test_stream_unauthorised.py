"""A camera that starts refusing its password is an outage like any other (issue 14, item 6).

The real RTSP server serves /secure behind Basic auth; the stream plays with the password in
keyring, then the camera comes back with another password (the server restarted on the same port
with a new one, as a camera does when its account is changed). The decoder reconnects, is refused
(UNAUTHORISED, no automatic retry: the account would lock) and the STREAM_LOST tracker, fed as the
wall feeds it, must open an event starting at the last good frame that says the camera refused
its credentials; it ends when the picture is back after the password in keyring was corrected.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.geography import Camera
from app.video import DecoderPool, StreamSource, StreamState
from app.video.camera_credentials import store_camera_credentials
from app.video.stream_events import CloseLoss, LossAction, OpenLoss, StreamLossTracker
from tests.helpers.rtsp_server import USER, RtspServer, check_system_gstreamer, make_test_clip
from tests.helpers.stream_waits import wait_state


class ListSink:
    def __init__(self) -> None:
        self.actions: list[LossAction] = []

    def submit(self, action: LossAction) -> None:
        self.actions.append(action)


@pytest.fixture
def camera_server(tmp_path: Path) -> Iterator[RtspServer]:
    """A server of its own: this test changes its password."""
    check_system_gstreamer()
    server = RtspServer(make_test_clip(tmp_path / "clip.mp4", seconds=2.0), tmp_path, password="first-pw")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _watch(pool: DecoderPool, tracker: StreamLossTracker, seconds: float) -> StreamState:
    """Feed the tracker the stream's state every 0.2 s for `seconds`, as the wall does once a second."""
    deadline = time.monotonic() + seconds
    state = StreamState.CONNECTING
    while time.monotonic() < deadline:
        stats = pool.stats("cam")
        state = stats.state
        tracker.observe(
            "cam",
            7,
            1,
            state,
            now=datetime.now().astimezone(),
            monotonic=time.monotonic(),
            lost_since=stats.offline_since,
        )
        time.sleep(0.2)
    return state


def test_a_camera_refusing_its_changed_password_raises_stream_lost(
    pool: DecoderPool, camera_server: RtspServer
) -> None:
    store_camera_credentials("cam-pw", USER, "first-pw")
    camera = Camera(
        id=7, classroom_id=1, name="前方", main_url=camera_server.url("secure"), credential_ref="cam-pw"
    )
    pool.open_stream("cam", StreamSource.for_camera(camera), target_size=(320, 180))
    wait_state(pool, "cam", StreamState.PLAYING, 15)
    sink = ListSink()
    tracker = StreamLossTracker(sink, grace=2.0)
    assert _watch(pool, tracker, 1.0) is StreamState.PLAYING
    last_good = pool.stats("cam").last_frame_wallclock
    assert last_good is not None

    camera_server.password = "second-pw"  # the camera's account was given a new password
    camera_server.restart()
    wait_state(pool, "cam", StreamState.UNAUTHORISED, 20)
    assert _watch(pool, tracker, 3.0) is StreamState.UNAUTHORISED
    [opened] = sink.actions
    assert isinstance(opened, OpenLoss) and opened.camera_id == 7
    assert 0 <= (opened.started_at - last_good).total_seconds() < 2.0  # from the last good frame
    assert "refused its credentials" in opened.reason

    store_camera_credentials("cam-pw", USER, "second-pw")  # an officer corrects the password
    pool.restart_stream("cam")
    wait_state(pool, "cam", StreamState.PLAYING, 15)
    _watch(pool, tracker, 0.5)
    assert isinstance(sink.actions[-1], CloseLoss) and len(sink.actions) == 2
