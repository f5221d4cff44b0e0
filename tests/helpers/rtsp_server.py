"""A real RTSP server for the video tests: GStreamer's GstRtspServer, run by Debian's /usr/bin/python3.

The `rtsp_server` fixture (session scope) makes a small H.264 clip with PyAV, starts
tests/helpers/rtsp_server_main.py as a subprocess bound to 127.0.0.1 on a free port and yields an
`RtspServer` serving /clip (the clip, looped), /pattern (live test pattern) and /secure (Basic auth,
user "officer", password "s3cret-pw"). `kill()` + `start()` restart it on the same port, for
reconnect tests. Without gi/GstRtspServer the fixture skips, or fails when CI == "true".

Test clips carry their frame number as 12 black/white blocks along the top edge (`read_counter`),
so a test can tell which frame it got at any tile size.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from urllib.parse import quote

import av
import cv2
import numpy as np
import pytest

from tests.helpers.leaks import outlives_the_test

SERVER_SCRIPT = Path(__file__).with_name("rtsp_server_main.py")
SYSTEM_PYTHON = "/usr/bin/python3"
USER = "officer"
PASSWORD = "s3cret-pw"
COUNTER_BITS = 12


def _unavailable(reason: str) -> None:
    """Skip on a developer machine without the packages; in CI a missing server is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"RTSP server unavailable in CI: {reason}")
    pytest.skip(f"RTSP server unavailable: {reason}")


def draw_frame(index: int, width: int, height: int) -> np.ndarray:
    """An RGB frame: a moving gradient (so the encoder has motion), the counter blocks and its digits."""
    x = np.arange(width, dtype=np.uint32)
    y = np.arange(height, dtype=np.uint32)[:, None]
    image = np.empty((height, width, 3), np.uint8)
    image[..., 0] = ((x + index * 6) % 256).astype(np.uint8)
    image[..., 1] = ((y * 2 + index * 3) % 256).astype(np.uint8)
    image[..., 2] = 128
    step = width / (COUNTER_BITS * 2)  # bit b is a block at [(2b + 0.5)·step, (2b + 1.5)·step)
    for bit in range(COUNTER_BITS):
        left, right = round((2 * bit + 0.5) * step), round((2 * bit + 1.5) * step)
        image[: round(step), left:right] = 255 if (index >> bit) & 1 else 0
    cv2.putText(
        image,
        f"{index:05d}",
        (width // 20, height - height // 8),
        cv2.FONT_HERSHEY_SIMPLEX,
        height / 180,
        (255, 255, 255),
        max(1, height // 90),
    )
    return image


def read_counter(image: np.ndarray) -> int:
    """The frame number drawn by `draw_frame`, read from an RGB(A)/BGR(A) frame of any size."""
    height, width = image.shape[:2]
    step = width / (COUNTER_BITS * 2)
    value = 0
    for bit in range(COUNTER_BITS):
        centre = image[min(int(step / 2), height - 1), min(int((2 * bit + 1) * step), width - 1), :3]
        if centre.mean() > 128:
            value |= 1 << bit
    return value


def make_test_clip(
    path: Path,
    *,
    seconds: float = 4.0,
    size: tuple[int, int] = (640, 360),
    fps: int = 25,
    gop: int = 50,
    first_index: int = 0,
    container_format: str | None = None,
) -> Path:
    """Encode an H.264 clip (no B-frames, like most cameras; keyframe every `gop` frames) with PyAV."""
    width, height = size
    with av.open(str(path), "w", format=container_format) as output:
        stream = output.add_stream(
            "libx264",
            rate=Fraction(fps, 1),
            options={"g": str(gop), "bf": "0", "preset": "ultrafast", "tune": "zerolatency"},
        )
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(round(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(draw_frame(first_index + index, width, height), format="rgb24")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    return path


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class RtspServer:
    """One GstRtspServer subprocess. Not thread-safe: drive it from the test thread."""

    def __init__(
        self, clip: Path, workdir: Path, *, user: str = USER, password: str = PASSWORD, shared: bool = False
    ) -> None:
        self.clip = clip
        self.workdir = workdir
        self.user = user
        self.password = password
        self.port = 0  # chosen by the server on first start, reused by restarts
        self._process: subprocess.Popen[bytes] | None = None
        self._shared = shared  # the session's server: its process outlives the test that (re)starts it
        self._starts = 0

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def url(self, mount: str, *, user: str | None = None, password: str | None = None) -> str:
        auth = ""
        if user is not None:
            auth = (
                quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "") + "@"
            )
        return f"rtsp://{auth}127.0.0.1:{self.port}/{mount.lstrip('/')}"

    def start(self, timeout: float = 15.0) -> None:
        if self.running:
            return
        self._starts += 1
        out = self.workdir / f"server-{self._starts}.out"
        err = self.workdir / f"server-{self._starts}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            self._process = subprocess.Popen(
                [
                    SYSTEM_PYTHON,
                    str(SERVER_SCRIPT),
                    "--port",
                    str(self.port),
                    "--clip",
                    str(self.clip),
                    "--user",
                    self.user,
                    "--password",
                    self.password,
                    "--parent-pid",
                    str(os.getpid()),
                ],
                stdout=stdout,
                stderr=stderr,
                stdin=subprocess.DEVNULL,
                env={k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))},
            )
        if self._shared:
            outlives_the_test(self._process.pid, "the session's RTSP server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = out.read_text(errors="replace")
            if self._process.poll() is not None:
                detail = (text + err.read_text(errors="replace")).strip()[-2000:]
                self._process = None
                if "MISSING" in text:
                    _unavailable(text.strip())
                raise RuntimeError(f"RTSP server exited at start-up: {detail}")
            if text.startswith("READY "):
                self.port = int(text.split()[1])
                if _port_open(self.port):
                    return
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"RTSP server did not accept connections within {timeout} s")

    def kill(self) -> None:
        """SIGKILL, like a crashed camera or a pulled cable: no RTSP TEARDOWN, connections just drop."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait(timeout=10)
            self._process = None

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self.resume()
            self._process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        self.kill()

    def pause(self) -> None:
        """SIGSTOP: the kernel still accepts connections, but nothing answers (a hung camera)."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def restart(self) -> None:
        self.kill()
        self.start()


def check_system_gstreamer() -> None:
    if not (Path(SYSTEM_PYTHON).exists() and shutil.which(SYSTEM_PYTHON)):
        _unavailable(f"{SYSTEM_PYTHON} not found (Debian's python3 with python3-gi is needed)")
    result = subprocess.run(
        [SYSTEM_PYTHON, str(SERVER_SCRIPT), "--check"], capture_output=True, text=True, timeout=30
    )
    if result.returncode != 0:
        _unavailable((result.stdout + result.stderr).strip()[-500:] or f"exit code {result.returncode}")


@pytest.fixture(scope="session")
def rtsp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RtspServer]:
    check_system_gstreamer()
    workdir = tmp_path_factory.mktemp("rtsp")
    clip = make_test_clip(workdir / "clip.mp4")
    server = RtspServer(clip, workdir, shared=True)
    try:
        server.start()
        yield server
    finally:
        server.stop()
