"""Crash safety: a recording process killed with SIGKILL mid-segment, then the next start's recovery."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.persistence import Database
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings
from tests.helpers.paths import ROOT
from tests.helpers.recording_store import (
    all_recordings,
    files_under,
    read_segment,
    seeded_database,
)
from tests.helpers.rtsp_server import make_test_clip
from tests.helpers.waiting import wait_until

# The recording process: the real pool and service, recording a looped file until it is killed.
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from app.persistence import Database
from app.video import DecoderPool, StreamSource
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings

database = Database(sys.argv[2])
service = RecordingService(database, Path(sys.argv[3]), RecordingSettings(segment_seconds=4.0))
pool = DecoderPool(max_streams=1)
pool.open_stream("cam-7", StreamSource.for_file(sys.argv[4]), on_packet=service.start(7, "cam-7"))
print("RECORDING", flush=True)
time.sleep(120)
"""


def _has_complete_fragment(partials: set[str], root: Path) -> bool:
    # A fragment is on disk once the muxer has started the next one (at the next keyframe).
    return any((root / p).read_bytes().count(b"moof") >= 2 for p in partials)


def test_sigkill_mid_segment_keeps_closed_segments_and_recovers_the_open_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'index.sqlite3'}"
    seeded_database(url).dispose()
    root = tmp_path / "recordings"
    clip = make_test_clip(tmp_path / "gop1s.mp4", seconds=4.0, gop=25)  # 1 s GOP: 4 fragments a segment
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), url, str(root), str(clip)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    database = Database(url)
    try:
        store_file = root / ".liangjiao-store"
        wait_until(store_file.exists, 20, message="the recorder to start")
        store = store_file.read_text().strip()

        def ready() -> bool:
            closed = [r for r in all_recordings(database, store) if not r.is_open]
            partials = files_under(root, "*.partial")
            return len(closed) >= 2 and bool(partials) and _has_complete_fragment(partials, root)

        wait_until(ready, 30, interval=0.1, message="two closed segments and a fragment of the third")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    rows = all_recordings(database, store)
    closed = [r for r in rows if not r.is_open]
    open_rows = [r for r in rows if r.is_open]
    # The index is consistent: closed rows ↔ closed files (intact, playable), the open row ↔ the partial.
    assert {r.path for r in closed} == files_under(root, "*.mp4")
    assert [r.path + ".partial" for r in open_rows] == sorted(files_under(root, "*.partial"))
    assert len(open_rows) == 1
    for row in closed:
        assert (root / row.path).stat().st_size == row.size_bytes
        content = read_segment(root / row.path)
        assert content.first_is_keyframe and content.frames == row.frames == 100  # 4 s at 25 fps

    # The next start: the partial is trimmed to its complete fragments, renamed and indexed.
    service = RecordingService(database, root, RecordingSettings(segment_seconds=4.0))
    assert service.store == store
    with caplog.at_level(logging.WARNING, logger="app.video.segment_recovery"):
        started = time.monotonic()
        report = service.recover()
        took = time.monotonic() - started
    assert report.recovered == [open_rows[0].path] and report.removed == [] and report.errors == []
    assert "recovered crashed segment" in caplog.text
    assert took < 5
    after = all_recordings(database, store)
    assert all(not r.is_open for r in after) and len(after) == len(rows)
    assert files_under(root, "*.partial") == set()
    recovered = next(r for r in after if r.path == open_rows[0].path)
    content = read_segment(root / recovered.path)
    assert content.first_is_keyframe and content.frames == recovered.frames
    assert recovered.frames % 25 == 0 and 25 <= recovered.frames < 100  # whole 1 s fragments only
    assert recovered.ended_at is not None and recovered.size_bytes == (root / recovered.path).stat().st_size
    # Recovery is idempotent: a second start finds nothing to do.
    again = service.recover()
    assert (again.recovered, again.removed, again.reindexed, again.dropped_rows) == ([], [], [], [])
    database.dispose()
