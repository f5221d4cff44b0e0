"""Video wall benchmark: how many paced 25 fps streams the console's wall shows at full rate, beside a
naive wall, plus decode throughput against ffmpeg, the GUI thread's worst stall and RSS. One table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/wall_benchmark.py [--seconds 6] [--max 48]

- "ours": DecoderPool (one thread per stream, BGRA converted to tile size in the decoder) + WallStreams
  (payload-free wake-ups, coalesced repaints) + WallCanvas (one paintEvent for all tiles), adaptive
  decoding switched off so that full rate is what is measured.
- "naive": a cv2.VideoCapture per stream in a thread, paced to 25 fps, each full frame sent through a
  queued signal to the GUI thread and shown with QLabel.setPixmap (QImage → QPixmap per frame).
- A count is "sustained" when every tile displays ≥ 24 fps over the measuring window (after warm-up);
  the search goes 8, 12, 16, … and stops at the first failure.
Prints figures only; nothing is asserted. Uses the Qt platform from QT_QPA_PLATFORM
(offscreen unless set; run under Xvfb with DISPLAY and QT_QPA_PLATFORM=xcb to include X11 flushes).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import av
import cv2
import numpy as np
from decode_throughput import run_ffmpeg, run_pool
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

from app.domain.geography import Camera
from app.switched_off import AnalysisOff, NoMediaInPreparation, RecordingOff
from app.video import DecoderPool
from app.video.adaptive import AdaptiveConfig, AdaptiveDecoder
from app.video.wall_layout import WallLayout, grid_layout
from app.video.wall_stats import current_rss_mb
from widgets.video_wall.tile import Tile
from widgets.video_wall.wall_canvas import WallCanvas
from widgets.video_wall.wall_streams import WallStreams

WINDOW = (1600, 900)
TARGET_FPS = 24.0
NEVER = AdaptiveConfig(degrade_after=10**9, recover_after=10**9)


def make_clip(path: Path, size: tuple[int, int], seconds: float = 8.0, fps: int = 25) -> Path:
    """H.264, keyframe every 2 s, no B-frames (like a camera), moving content, made with PyAV."""
    width, height = size
    x = np.arange(width, dtype=np.uint32)
    y = np.arange(height, dtype=np.uint32)[:, None]
    with av.open(str(path), "w") as out:
        options = {"g": "50", "bf": "0", "preset": "veryfast"}
        stream = out.add_stream("libx264", rate=Fraction(fps, 1), options=options)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(int(seconds * fps)):
            image = np.empty((height, width, 3), np.uint8)
            image[..., 0] = ((x + i * 5) % 256).astype(np.uint8)
            image[..., 1] = ((y + i * 3) % 256).astype(np.uint8)
            image[..., 2] = ((x // 8 + y // 8 + i) % 256).astype(np.uint8)
            scale = height / 120
            cv2.putText(image, f"{i:05d}", (20, height // 2), cv2.FONT_HERSHEY_SIMPLEX, scale, (255,) * 3, 3)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def grid_for(n: int) -> WallLayout:
    return grid_layout(max(1, math.ceil(math.sqrt(n))))


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)


class LatenessProbe(QObject):
    """A 10 ms timer on the GUI thread; its worst lateness is the GUI thread's longest stall."""

    def __init__(self) -> None:
        super().__init__()
        self.worst = 0.0
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)
        self._timer.start(10)

    @Slot()
    def _beat(self) -> None:
        now = time.monotonic()
        self.worst = max(self.worst, now - self._last - 0.010)
        self._last = now

    def reset(self) -> None:
        self.worst, self._last = 0.0, time.monotonic()


def run_ours(
    app: QApplication, clip: Path, n: int, warmup: float, seconds: float, probe: LatenessProbe | None = None
) -> tuple[float, float]:
    """(lowest per-tile displayed fps, RSS MB) for n streams on the console's wall."""
    layout = grid_for(n)
    canvas = WallCanvas()
    canvas.resize(*WINDOW)
    tiles = [Tile(i) for i in range(layout.tile_count)]
    canvas.set_tiles(layout, tiles)
    canvas.show()
    pool = DecoderPool(max_streams=n + 4)
    streams = WallStreams(
        pool,
        canvas,
        adaptive=AdaptiveDecoder(NEVER),
        recording=RecordingOff(),
        analysis=AnalysisOff(),
        media_in_preparation=NoMediaInPreparation(),
    )
    streams.start()
    streams.set_active(True)
    for i in range(n):
        tiles[i].camera = Camera(i + 1, 1, f"c{i}", clip.as_uri(), sub_url=clip.as_uri())
        streams.bind(tiles[i])
    pump(app, warmup)
    start = [t.displayed for t in tiles[:n]]
    if probe is not None:
        probe.reset()
    t0 = time.monotonic()
    pump(app, seconds)
    elapsed = time.monotonic() - t0
    rss = current_rss_mb()
    fps = min((t.displayed - s) / elapsed for t, s in zip(tiles[:n], start, strict=True))
    streams.stop()
    pool.stop(timeout=10)
    canvas.close()
    canvas.deleteLater()
    app.processEvents()
    return fps, rss


class NaiveFeed(QObject):
    frame = Signal(int, object)  # (tile, full-size BGR frame): one queued event per frame


class CountingLabel(QLabel):
    """A QLabel that counts the frames it really painted: setPixmap alone only schedules a paint, and
    Qt coalesces several setPixmap calls into one paint when the GUI thread is behind."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = 0
        self.fresh = False

    def setPixmap(self, pixmap: QPixmap) -> None:
        self.fresh = True
        super().setPixmap(pixmap)

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if self.fresh:
            self.painted += 1
            self.fresh = False


def run_naive(app: QApplication, clip: Path, n: int, warmup: float, seconds: float) -> float:
    """Lowest per-tile displayed fps with a cv2 thread and a QLabel per stream."""
    window = QWidget()
    window.resize(*WINDOW)
    grid = QGridLayout(window)
    side = max(1, math.ceil(math.sqrt(n)))
    labels = []
    for i in range(n):
        label = CountingLabel()
        label.setScaledContents(True)
        grid.addWidget(label, i // side, i % side)
        labels.append(label)
    window.show()
    feed = NaiveFeed()

    def show(tile: int, bgr: np.ndarray) -> None:
        h, w = bgr.shape[:2]
        image = QImage(bgr.data, w, h, bgr.strides[0], QImage.Format.Format_BGR888)
        labels[tile].setPixmap(QPixmap.fromImage(image))

    feed.frame.connect(show, Qt.ConnectionType.QueuedConnection)
    stop = threading.Event()

    def capture(tile: int) -> None:
        cap = cv2.VideoCapture(str(clip))
        due = time.monotonic()
        while not stop.is_set():
            ok, bgr = cap.read()
            if not ok:
                cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                continue
            due += 0.04
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1:
                due = time.monotonic()
            feed.frame.emit(tile, bgr)
        cap.release()

    threads = [threading.Thread(target=capture, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    pump(app, warmup)
    start = [label.painted for label in labels]
    t0 = time.monotonic()
    pump(app, seconds)
    elapsed = time.monotonic() - t0
    # Displayed = painted with a new frame (not merely handed to setPixmap).
    fps = min((label.painted - s0) / elapsed for label, s0 in zip(labels, start, strict=True))
    stop.set()
    for thread in threads:
        thread.join(5)
    pump(app, 0.3)  # drain queued frames
    window.close()
    window.deleteLater()
    app.processEvents()
    return fps


def stall_and_rss(height: int, warmup: float) -> tuple[float, float, float]:
    """(worst 10 ms-timer lateness in ms, RSS MB, lowest tile fps) for 16 streams, in a fresh process."""
    import subprocess

    command = [sys.executable, __file__, "--stall-only", str(height), "--warmup", str(warmup)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=300).stdout
    line = next(row for row in out.splitlines() if row.startswith("STALL "))
    stall, rss, fps = (float(v) for v in line.split()[1:])
    return stall, rss, fps


def sustained(run, maximum: int) -> tuple[int, list[tuple[int, float]]]:  # type: ignore[no-untyped-def]
    best, trials = 0, []
    n = 8
    while n <= maximum:
        fps = run(n)
        trials.append((n, fps))
        print(f"    {n:3d} streams: lowest tile {fps:5.1f} fps", flush=True)
        if fps < TARGET_FPS:
            break
        best = n
        n += 4
    return best, trials


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measuring window per trial")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--max", type=int, default=48, help="stop the upward search here")
    parser.add_argument("--sizes", default="360,720")
    parser.add_argument("--stall-only", type=int, metavar="HEIGHT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    probe = LatenessProbe()
    if args.stall_only:
        # A fresh process, so memory earlier trials kept does not count against 16 streams.
        with tempfile.TemporaryDirectory() as tmp:
            height = args.stall_only
            clip = make_clip(Path(tmp) / "clip.mp4", (height * 16 // 9 // 2 * 2, height))
            fps16, rss16 = run_ours(app, clip, 16, args.warmup, 10.0, probe)
        print(f"STALL {probe.worst * 1000:.1f} {rss16:.1f} {fps16:.2f}", flush=True)
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for height in (int(v) for v in args.sizes.split(",")):
            size = (height * 16 // 9 // 2 * 2, height)
            clip = make_clip(Path(tmp) / f"clip{height}.mp4", size)
            print(f"{height}p: our wall", flush=True)
            ours, _ = sustained(lambda n, c=clip: run_ours(app, c, n, args.warmup, args.seconds)[0], args.max)
            print(f"{height}p: naive wall", flush=True)
            naive, _ = sustained(lambda n, c=clip: run_naive(app, c, n, args.warmup, args.seconds), args.max)
            print(f"{height}p: stall and RSS with 16 streams", flush=True)
            stall, rss16, fps16 = stall_and_rss(height, args.warmup)
            print(f"{height}p: decode throughput vs ffmpeg -threads 1", flush=True)
            tile = (400, 224)  # a 4×4 tile on a 1600×900 wall
            frames, pool_wall, _cpu = run_pool(clip, 2, tile)
            ffmpeg_wall, _ = run_ffmpeg(clip, 2)
            ratio = (frames / pool_wall) / (frames / ffmpeg_wall)
            results[height] = (ours, naive, ratio, stall, rss16, fps16)
    load = os.getloadavg()
    print()
    print(
        f"platform {os.environ.get('QT_QPA_PLATFORM')}, {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (at the end of the run)"
    )
    print(
        "| clip | ours: streams at ≥24 fps | naive | ours/naive | decode vs ffmpeg | "
        "GUI worst stall, 16 streams | RSS, 16 streams | lowest tile fps, 16 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for height, (ours, naive, ratio, stall, rss16, fps16) in results.items():
        versus = f"{ours / naive:.2f}×" if naive else "∞ (naive < 8)"
        print(
            f"| {height}p H.264 25 fps | {ours} | {naive} | {versus} | {ratio:.2f}× | {stall:.0f} ms | "
            f"{rss16:.0f} MB | {fps16:.1f} |"
        )


if __name__ == "__main__":
    main()
