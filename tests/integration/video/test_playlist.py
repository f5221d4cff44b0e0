"""A `.playlist` file source switches clips by wall-clock phase at the loop seam, without a reconnect."""

from __future__ import annotations

import time
from pathlib import Path

from app.video import DecoderPool, StreamSource, StreamState
from app.video.playlist import Playlist, read_playlist
from tests.helpers.rtsp_server import make_test_clip, read_counter
from tests.integration.video.video_support import wait_for, wait_state


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
    wait_for(lambda: any(c >= 500 for c in counters), 6, what="the second clip")
    assert counters[0] < 500  # the first phase's clip came first
    stats = pool.stats("pl")
    assert stats.state is StreamState.PLAYING and stats.reconnects == 0
