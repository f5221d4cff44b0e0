"""Each stream state reads distinctly on a tile (texts computed from real StreamStats snapshots)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from app.domain.geography import Camera
from app.video import DecodeMode, StreamState, StreamStats
from widgets.video_wall.tile import Tile
from widgets.video_wall.tile_overlay import GREEN, RED, TileTexts, health_colour


def tile_in(state: StreamState, **stats: object) -> Tile:
    tile = Tile(0, camera=Camera(1, 1, "前", "rtsp://x/1"), stream_id="camera-1-sub", place="县 · 站 · 教室")
    tile.stats = StreamStats("camera-1-sub", "rtsp://x/1", state, **stats)  # type: ignore[arg-type]
    return tile


@pytest.fixture
def texts(qapp) -> TileTexts:
    return TileTexts()


def test_each_state_has_its_own_text(texts: TileTexts) -> None:
    now = time.monotonic()
    since = datetime(2025, 3, 14, 9, 5).astimezone()
    found = {
        "connecting": texts.state_text(tile_in(StreamState.CONNECTING)),
        "reconnecting": texts.state_text(tile_in(StreamState.RECONNECTING, retry_at=now + 4.2), now),
        "offline": texts.state_text(tile_in(StreamState.OFFLINE, offline_since=since)),
        "unauthorised": texts.state_text(tile_in(StreamState.UNAUTHORISED)),
        "not_found": texts.state_text(tile_in(StreamState.NOT_FOUND)),
        "ended": texts.state_text(tile_in(StreamState.ENDED)),
    }
    assert found["connecting"] == "Connecting…"
    assert found["reconnecting"] == "Reconnecting in 4 s"
    assert found["offline"] == "Offline since 09:05"
    assert "Unauthorised" in found["unauthorised"]
    assert found["not_found"] == "Stream not found"
    assert len(set(found.values())) == len(found)
    assert texts.state_text(Tile(3)) == "Drag a camera or classroom here"


def test_health_dot_and_badges(texts: TileTexts) -> None:
    playing = tile_in(StreamState.PLAYING)
    assert health_colour(playing) == GREEN
    assert texts.badge_text(playing) == ""
    playing.mode = DecodeMode.SKIP_NONREF
    assert texts.badge_text(playing) == "Reduced rate"
    playing.mode = DecodeMode.KEYFRAMES
    assert texts.badge_text(playing) == "Keyframes only"
    assert health_colour(tile_in(StreamState.OFFLINE)) == RED
    assert health_colour(tile_in(StreamState.UNAUTHORISED)) == RED
