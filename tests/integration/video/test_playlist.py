"""A `.playlist` file source switches clips by wall-clock phase at the loop seam, without a reconnect."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from app.video import DecoderPool, StreamSource, StreamState
from app.video.playlist import Playlist, read_playlist
from app.video.stream_events import LossAction, StreamLossTracker
from tests.helpers.rtsp_server import make_test_clip, read_counter
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until


def test_playlist_phases_by_wall_clock(tmp_path: Path) -> None:
    a, b = tmp_path / "a.mp4", tmp_path / "b.mp4"
    playlist = Playlist(1000.0, ((a, 10.0), (b, 5.0)), repeat=True)
    assert [playlist.phase_at(t) for t in (0.0, 1000.0, 1009.9, 1010.0, 1014.9, 1015.0, 1026.0)] == [
        0,
        0,
        0,
        1,
        1,
        0,
        1,
    ]
    once = Playlist(1000.0, ((a, 10.0), (b, 5.0)), repeat=False)
    assert once.clip_at(5000.0) == b
    path = tmp_path / "cam.playlist"
    Playlist(1000.0, ((Path("a.mp4"), 10.0), (b, 5.0))).write(path)
    assert read_playlist(path).phases == ((a, 10.0), (b, 5.0))  # relative clips live beside the file


def test_a_phase_not_rendered_yet_plays_the_latest_earlier_clip_that_is(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.mp4", tmp_path / "b.mp4", tmp_path / "c.mp4"
    rendered = {a}
    playlist = Playlist(1000.0, ((a, 10.0), (b, 10.0), (c, 10.0)), repeat=True)
    assert playlist.playable_clip(1025.0, rendered.__contains__) == a  # c and b not there yet
    rendered.add(b)
    assert playlist.playable_clip(1025.0, rendered.__contains__) == b
    assert playlist.playable_clip(1012.0, rendered.__contains__) == b  # its own, once rendered
    rendered = {c}  # round the cycle: the last phase came before the first
    assert playlist.playable_clip(1005.0, rendered.__contains__) == c
    once = Playlist(1000.0, ((a, 10.0), (b, 10.0)), repeat=False)
    assert once.playable_clip(1005.0, {b}.__contains__) == a  # nothing earlier: it waits for its own


def test_stream_switches_clip_at_the_loop_seam(pool: DecoderPool, tmp_path: Path) -> None:
    first = make_test_clip(tmp_path / "first.mp4", seconds=1.0, size=(320, 180))
    second = make_test_clip(tmp_path / "second.mp4", seconds=1.0, size=(320, 180), first_index=500)
    path = tmp_path / "camera.playlist"
    Playlist(time.time(), ((first, 1.5), (second, 600.0)), repeat=False).write(path)
    counters: list[int] = []

    def on_frame(stream_id: str) -> None:
        frame = slot.take()
        if frame is not None:
            counters.append(read_counter(frame.image))

    slot = pool.open_stream(
        "pl", StreamSource(path.as_uri(), loop=True), target_size=(320, 180), on_frame=on_frame
    )
    wait_state(pool, "pl", StreamState.PLAYING, 5)
    wait_until(lambda: any(c >= 500 for c in counters), 6, message="the second clip")
    assert counters[0] < 500  # the first phase's clip came first
    stats = pool.stats("pl")
    assert stats.state is StreamState.PLAYING and stats.reconnects == 0


def test_a_phase_whose_clip_is_still_being_rendered_is_not_a_lost_stream(
    pool: DecoderPool, tmp_path: Path
) -> None:
    # The demo's first start: the wall plays each script camera's first clip while the demo-media thread
    # is still rendering the later phases' clips. Cameras 13-15 reached their first phase's end (60 s)
    # before their second clip existed: the decoder opened a missing file at the seam, went NOT_FOUND,
    # and the wall's loss tracker raised 视频流中断 (STREAM_LOST) for a camera that was only waiting.
    first = make_test_clip(tmp_path / "first.mp4", seconds=1.0, size=(320, 180))
    second = tmp_path / "second.mp4"  # not rendered yet
    path = tmp_path / "camera.playlist"
    Playlist(time.time(), ((first, 1.0), (second, 600.0)), repeat=False).write(path)
    assert read_playlist(path).clip_at(time.time() + 2.0) == second
    counters: list[int] = []

    def on_frame(stream_id: str) -> None:
        frame = slot.take()
        if frame is not None:
            counters.append(read_counter(frame.image))

    slot = pool.open_stream(
        "pl", StreamSource(path.as_uri(), loop=True), target_size=(320, 180), on_frame=on_frame
    )
    wait_state(pool, "pl", StreamState.PLAYING, 5)
    opened: list[LossAction] = []
    losses = StreamLossTracker(SimpleNamespace(submit=opened.append), grace=0.5)
    deadline = time.monotonic() + 3.5  # three loop seams of the first clip past its phase
    while time.monotonic() < deadline:
        stats = pool.stats("pl")
        now = datetime.now().astimezone()
        losses.observe("pl", 13, 130, stats.state, now=now, monotonic=time.monotonic())
        time.sleep(0.1)
    assert opened == [] and pool.stats("pl").state is StreamState.PLAYING
    assert counters and all(c < 500 for c in counters)  # the first clip went on looping meanwhile
    make_test_clip(second, seconds=1.0, size=(320, 180), first_index=500)  # rendered: played next
    wait_until(lambda: any(c >= 500 for c in counters), 6, message="the second clip")
    assert pool.stats("pl").reconnects == 0
