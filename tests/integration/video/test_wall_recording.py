"""What the wall plays is recorded: the tile's stream packets become indexed segments on disk."""

from __future__ import annotations

import time
from pathlib import Path

from app.domain.dashboard import DatabaseInfo
from app.settings import Settings
from app.video import DecoderPool
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings
from tests.helpers.fakes import make_context
from tests.helpers.recording_store import all_recordings, read_segment, seeded_database
from tests.helpers.rtsp_server import make_test_clip
from tests.helpers.small_city import USERS
from tests.helpers.stream_waits import FAST_POLICY
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from tests.helpers.workspaces import camera_per_room_workspace

USER = USERS[0]  # the supervisory post, city-wide


def test_tiles_on_the_wall_are_recorded_into_indexed_segments(qtbot, tmp_path: Path) -> None:
    from widgets.panes.video_wall_pane import VideoWallPane

    clip = tmp_path / "clip.mp4"
    make_test_clip(clip, seconds=3.0)
    url = clip.as_uri()
    wall = camera_per_room_workspace([url, url])
    database = seeded_database(f"sqlite:///{tmp_path / 'rec.sqlite'}", camera_ids=(1, 2))
    recording = RecordingService(database, tmp_path / "recordings", RecordingSettings(segment_seconds=2.0))
    assert recording.recover().errors == []
    context = make_context(
        wall,
        [USER],
        database=DatabaseInfo("sqlite", "sqlite://"),
        dashboard=lambda scope: None,  # type: ignore[arg-type,return-value]
        database_health=lambda: None,
        recording=recording,
    )
    pool = DecoderPool(max_streams=8, policy=FAST_POLICY)
    pane = VideoWallPane(context, Settings(tmp_path / "s.ini"), SynchronousTaskRunner(), USER, pool=pool)
    qtbot.addWidget(pane)
    try:
        pane.resize(800, 500)
        pane.set_layout("2x2")
        from app.domain.people import Scope

        pane.set_scope(Scope.city())
        pane.show()
        qtbot.waitUntil(lambda: sorted(recording.recording_cameras()) == [1, 2], timeout=10_000)
        time.sleep(5.0)  # a file plays at its real rate: ~5 s makes two 2-s segments and an open one
    finally:
        pane.stop()
        assert recording.shutdown(timeout=15)
        assert pool.stop(timeout=15)

    rows = all_recordings(database, recording.store)
    assert {row.camera_id for row in rows} == {1, 2}
    for row in rows:
        assert row.ended_at is not None and row.ended_at > row.started_at
        segment = read_segment(recording.root / row.path)
        assert segment.first_is_keyframe and segment.frames > 0
    database.dispose()
