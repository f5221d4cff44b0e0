"""The wall pane on real streams: the RTSP server (live, auth, server killed) and a 16-stream stress run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.dashboard import DashboardCounts, DatabaseInfo
from app.domain.people import Scope
from app.settings import Settings
from app.video import DecoderPool, StreamState
from tests.helpers.fakes import make_context
from tests.helpers.rtsp_server import RtspServer, make_test_clip
from tests.helpers.small_city import USERS
from tests.helpers.stream_waits import FAST_POLICY
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from tests.helpers.workspaces import camera_per_room_workspace

USER = USERS[0]  # the supervisory post, city-wide


@pytest.fixture
def wall_pool() -> Iterator[DecoderPool]:
    pool = DecoderPool(max_streams=40, policy=FAST_POLICY, stall_timeout=3.0, watchdog_interval=0.2)
    yield pool
    assert pool.stop(timeout=15.0)


@pytest.fixture
def make_pane(qtbot, tmp_path: Path, wall_pool: DecoderPool):
    from widgets.panes.video_wall_pane import VideoWallPane

    made = []

    def make(urls: list[str], layout: str, size: tuple[int, int] = (960, 600)) -> VideoWallPane:
        context = make_context(
            camera_per_room_workspace(urls),
            [USER],
            database=DatabaseInfo("sqlite", "sqlite://"),
            dashboard=lambda scope: DashboardCounts(),
            database_health=lambda: None,
        )
        pane = VideoWallPane(
            context, Settings(tmp_path / "s.ini"), SynchronousTaskRunner(), USER, pool=wall_pool
        )
        qtbot.addWidget(pane)
        made.append(pane)
        pane.resize(*size)
        pane.set_layout(layout)
        pane.set_scope(Scope.city())
        pane.show()
        qtbot.waitExposed(pane)
        return pane

    yield make
    for pane in made:
        pane.stop()


def state_of(pane, index: int) -> StreamState | None:
    stats = pane.tiles[index].stats
    return None if stats is None else stats.state


def test_rtsp_tiles_play_and_show_faults_distinctly(qtbot, make_pane, rtsp: RtspServer) -> None:
    urls = [rtsp.url("clip"), rtsp.url("pattern"), rtsp.url("secure"), rtsp.url("no-such-mount")]
    pane = make_pane(urls, "2x2")
    texts = pane.canvas.texts
    qtbot.waitUntil(
        lambda: state_of(pane, 0) is StreamState.PLAYING and pane.tiles[0].displayed > 10, timeout=15_000
    )
    qtbot.waitUntil(lambda: state_of(pane, 2) is StreamState.UNAUTHORISED, timeout=15_000)
    assert "Unauthorised" in texts.state_text(pane.tiles[2])
    qtbot.waitUntil(
        lambda: state_of(pane, 3) in (StreamState.NOT_FOUND, StreamState.RECONNECTING, StreamState.OFFLINE),
        timeout=15_000,
    )
    assert texts.state_text(pane.tiles[3]) != texts.state_text(pane.tiles[2])
    # The live tile keeps moving while its neighbours fail.
    before = pane.tiles[0].displayed
    qtbot.wait(1000)
    assert pane.tiles[0].displayed >= before + 15


def test_server_killed_shows_reconnecting_then_plays_again(qtbot, make_pane, rtsp: RtspServer) -> None:
    pane = make_pane([rtsp.url("clip")], "1")
    qtbot.waitUntil(lambda: state_of(pane, 0) is StreamState.PLAYING, timeout=15_000)
    rtsp.kill()
    try:
        qtbot.waitUntil(
            lambda: state_of(pane, 0) in (StreamState.RECONNECTING, StreamState.OFFLINE), timeout=20_000
        )
        text = pane.canvas.texts.state_text(pane.tiles[0])
        assert text.startswith(("Reconnecting", "Offline since", "Connecting"))
    finally:
        rtsp.start()
    qtbot.waitUntil(lambda: state_of(pane, 0) is StreamState.PLAYING, timeout=30_000)
    assert pane.tiles[0].stats.reconnects >= 1


@pytest.mark.slow
def test_sixteen_streams_paint_for_ten_seconds(qtbot, make_pane, tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "stress.mp4", seconds=4.0, size=(640, 360))
    pane = make_pane([clip.as_uri()] * 16, "4x4", size=(1280, 720))
    qtbot.waitUntil(lambda: all(state_of(pane, i) is StreamState.PLAYING for i in range(16)), timeout=20_000)
    start = [t.displayed for t in pane.tiles]
    paints = pane.canvas.paint_count
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        qtbot.wait(200)
    assert all(t.displayed > s for t, s in zip(pane.tiles, start, strict=True)), "a tile froze"
    assert pane.canvas.paint_count > paints
    report = pane.run_report()
    assert len(report.tiles) == 16 and all(t.state == "playing" for t in report.tiles)
