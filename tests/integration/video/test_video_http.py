"""HTTP sources (MJPEG multipart and MPEG-TS) from a small real HTTP server on 127.0.0.1."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import pytest

from app.video import DecoderPool, StreamFault, StreamSource, StreamState
from app.video.camera_credentials import store_camera_credentials
from tests.helpers.leaks import thread_outlives_the_test
from tests.helpers.rtsp_server import PASSWORD, USER, draw_frame, make_test_clip, read_counter
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until

BOUNDARY = "liangjiaoframe"


class _CameraHandler(BaseHTTPRequestHandler):
    """/mjpeg: 10 fps multipart JPEG; /secure.mjpeg: the same behind Basic auth; /clip.ts: a TS file."""

    ts_bytes = b""

    def log_message(self, format: str, *args: object) -> None:  # keep the test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/clip.ts":
            self._send(200, "video/mp2t", self.ts_bytes)
        elif self.path == "/mjpeg":
            self._mjpeg()
        elif self.path == "/secure.mjpeg":
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="camera"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._mjpeg()
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _mjpeg(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY}")
        self.end_headers()
        index = 0
        try:
            while index < 600:  # a minute at most, so a forgotten client cannot keep the thread
                ok, jpeg = cv2.imencode(".jpg", draw_frame(index, 320, 240))
                assert ok
                data = jpeg.tobytes()
                head = f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(data)}\r\n\r\n"
                self.wfile.write(head.encode() + data + b"\r\n")
                self.wfile.flush()
                index += 1
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            return


@pytest.fixture(scope="module")
def http_camera(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    clip = make_test_clip(tmp_path_factory.mktemp("http") / "clip.ts", seconds=2.0, container_format="mpegts")
    _CameraHandler.ts_bytes = clip.read_bytes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CameraHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-http-camera", daemon=True)
    thread.start()
    thread_outlives_the_test(thread, "the module's HTTP camera")
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_mjpeg_over_http_plays(pool: DecoderPool, http_camera: str) -> None:
    slot = pool.open_stream("mjpeg", StreamSource(f"{http_camera}/mjpeg"), target_size=(160, 120))
    stats = wait_state(pool, "mjpeg", StreamState.PLAYING, 10)
    wait_until(lambda: pool.stats("mjpeg").frames_decoded >= 5, 5, message="5 MJPEG frames")
    frame = slot.take()
    assert frame is not None and frame.image.shape == (120, 160, 3)
    assert (frame.source_width, frame.source_height) == (320, 240)
    assert read_counter(frame.image) >= 1
    assert stats.codec == "mjpeg"


def test_mjpeg_with_keyring_credentials_and_with_a_wrong_password(
    pool: DecoderPool, http_camera: str
) -> None:
    store_camera_credentials("http-ok", USER, PASSWORD)
    store_camera_credentials("http-bad", USER, "wrong")
    pool.open_stream("ok", StreamSource(f"{http_camera}/secure.mjpeg", credential_ref="http-ok"))
    pool.open_stream("bad", StreamSource(f"{http_camera}/secure.mjpeg", credential_ref="http-bad"))
    wait_state(pool, "ok", StreamState.PLAYING, 10)
    bad = wait_state(pool, "bad", StreamState.UNAUTHORISED, 10)
    assert bad.fault is StreamFault.UNAUTHORISED and "wrong" not in bad.message


def test_http_404_is_not_found(pool: DecoderPool, http_camera: str) -> None:
    pool.open_stream("missing", StreamSource(f"{http_camera}/nothing.ts"))
    stats = wait_state(pool, "missing", StreamState.NOT_FOUND, 10)
    assert stats.message.startswith(f"{http_camera}/nothing.ts: ")


def test_mpegts_over_http_plays_paced_and_reconnects_when_the_body_ends(
    pool: DecoderPool, http_camera: str
) -> None:
    # A finite TS body stands for a camera that closes the connection: the stream reconnects.
    pool.open_stream("ts", StreamSource(f"{http_camera}/clip.ts", realtime=True), target_size=(320, 180))
    wait_state(pool, "ts", StreamState.PLAYING, 10)
    wait_until(lambda: pool.stats("ts").reconnects >= 1, 10, message="a reconnect after the body ended")
    stats = pool.stats("ts")
    assert stats.source_size == (640, 360)
    assert 40 <= stats.frames_decoded <= 200  # paced: about one 2 s clip per connection, not a burst
