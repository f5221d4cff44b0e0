"""Fixtures for the video integration tests: the real RTSP server, a decoder pool, waiting helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.video import DecoderPool
from tests.helpers import rtsp_server as rtsp_helpers
from tests.helpers.rtsp_server import RtspServer, make_test_clip
from tests.helpers.stream_waits import FAST_POLICY

# The session fixture lives with the server helper; the root conftest's pytest_plugins could list
# tests.helpers.rtsp_server instead once other suites need it.
rtsp_server = rtsp_helpers.rtsp_server


@pytest.fixture
def pool() -> Iterator[DecoderPool]:
    decoder_pool = DecoderPool(max_streams=16, policy=FAST_POLICY, stall_timeout=4.0, watchdog_interval=0.2)
    try:
        yield decoder_pool
    finally:
        assert decoder_pool.stop(timeout=15.0), "decoder threads did not finish"


@pytest.fixture(scope="session")
def local_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 s, 640×360, 25 fps, keyframe every 2 s, frame counter drawn in."""
    return make_test_clip(tmp_path_factory.mktemp("clips") / "local.mp4")


@pytest.fixture
def rtsp(rtsp_server: RtspServer) -> RtspServer:
    """The session's RTSP server, started again if an earlier test killed it."""
    rtsp_server.start()
    return rtsp_server
