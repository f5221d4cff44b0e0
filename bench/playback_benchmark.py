"""Recordings review speed on a one-hour 720p recording made by the recorder, beside naive baselines.

    .venv/bin/python bench/playback_benchmark.py [--seeks 120] [--cache DIR] [--rebuild]

The hour is made once (cached): a 10 s 720p 25 fps H.264 clip (2 s GOP, no B-frames, 2 Mbit/s) fed
360 times through CameraRecorder.on_packet on a simulated clock, never dropping a GOP. Printed, never
asserted, with the machine's load: random seek to the first 720p RGB frame through Player (≥100
times), frame steps forward and back, a 10-minute span export as a multiple of real time, and the
baselines `ffmpeg -ss T -frames:v 1` per seek and PyAV decoding from the segment's start.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import av
import numpy as np

from app.domain.enums import SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace
from app.persistence import Database, upgrade_to_head
from app.persistence.repositories import RecordingRepository, WorkspaceRepository
from app.playback import Player, PlayerFrame, SegmentTimeline, export_span
from app.video.recorder import CameraRecorder
from app.video.recorder_settings import RecordingSettings
from app.video.segment_files import store_id

CAMERA_ID = 1
FPS = 25
GOP = 2 * FPS
CLIP_SECONDS = 10
TOTAL_FRAMES = 90_000
START = datetime(2026, 11, 2, 8, 0, 0)
CACHE_VERSION = "v1"


def make_clip(path: Path) -> None:
    """10 s of 720p H.264 from a scrolling texture (so P-frames carry real motion)."""
    rng = np.random.default_rng(7)
    texture = rng.integers(0, 255, (720 // 8, 1280 // 8, 3), dtype=np.uint8)
    texture = np.kron(texture, np.ones((8, 8, 1), dtype=np.uint8))  # 8-px blocks: compressible
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        stream.bit_rate = 2_000_000
        stream.codec_context.gop_size = GOP
        stream.codec_context.max_b_frames = 0
        stream.options = {
            "preset": "veryfast",
            "x264-params": f"keyint={GOP}:min-keyint={GOP}:scenecut=0:bframes=0",
        }
        for i in range(CLIP_SECONDS * FPS):
            picture = np.roll(texture, (i * 2, i * 3), axis=(0, 1))
            picture[20:80, 20 : 20 + 12 * (i % 100)] = 255  # a growing bar: frames differ visibly
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def seeded(url: str) -> Database:
    upgrade_to_head(url)
    database = Database(url)
    workspace = Workspace(
        City(1, "毕节市", "520500"),
        [County(1, 1, "七星关区", "520502")],
        [Site(1, 1, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE)],
        [Classroom(1, 1, "第一教室", 40)],
        [Camera(CAMERA_ID, 1, "bench", "file:///dev/null")],
    )
    with database.writing() as session:
        if WorkspaceRepository(session).is_empty():
            WorkspaceRepository(session).save_workspace(workspace)
    return database


def record_hour(cache: Path) -> None:
    """Feed 90,000 frames through the recorder's packet path (see the module docstring)."""
    clip = cache / "source-720p.mp4"
    if not clip.exists():
        make_clip(clip)
    database = seeded(f"sqlite:///{cache / 'index.sqlite3'}")
    root = cache / "recordings"
    simulated = [0.0]  # seconds since START, set by the feeder before each packet

    recorder = CameraRecorder(
        CAMERA_ID,
        root,
        database,
        store=store_id(root),
        settings=RecordingSettings(segment_seconds=60.0, idle_close_seconds=30.0),
        clock=lambda: START + timedelta(seconds=simulated[0]),
        monotonic=lambda: simulated[0],
    )
    recorder.start()
    began = time.perf_counter()
    with av.open(str(clip)) as source:
        stream = source.streams.video[0]
        assert stream.time_base is not None
        packets = [
            (bytes(p), int(p.pts), int(p.dts), int(p.duration or 0), bool(p.is_keyframe))
            for p in source.demux(stream)
            if p.pts is not None
        ]
        per_frame = round(1 / (FPS * stream.time_base))
        clip_ticks = per_frame * len(packets)
        fed = 0
        loop = 0
        while fed < TOTAL_FRAMES:
            for data, pts, dts, duration, keyframe in packets:
                if fed >= TOTAL_FRAMES:
                    break
                packet = av.Packet(data)
                packet.pts, packet.dts = pts + loop * clip_ticks, dts + loop * clip_ticks
                packet.duration = duration or per_frame
                packet.is_keyframe = keyframe
                packet.stream = stream
                simulated[0] = fed / FPS
                recorder.on_packet("bench", packet)
                fed += 1
                if fed % 200 == 0:
                    while recorder.stats().queued_packets > 1000:
                        time.sleep(0.005)
            loop += 1
        assert recorder.stop(120), "the recorder did not finish"
    stats = recorder.stats()
    assert stats.packets_dropped == 0, stats
    with database.reading() as session:
        rows = RecordingRepository(session).list_for_camera(CAMERA_ID, START, START + timedelta(hours=2))
    database.dispose()
    frames = sum(r.frames for r in rows)
    (cache / "recording.json").write_text(
        json.dumps(
            {
                "segments": len(rows),
                "frames": frames,
                "bytes": sum(r.size_bytes for r in rows),
                "record_seconds": round(time.perf_counter() - began, 1),
            }
        )
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(name: str, values: list[float], target: str = "") -> None:
    ms = [v * 1000 for v in values]
    print(
        f"  {name:<44} median {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 0.95):7.1f} ms"
        f"   (n={len(ms)}){'   target ' + target if target else ''}"
    )


class Shown:
    """on_frame: remembers the latest frame and wakes the measuring thread."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.frame: PlayerFrame | None = None

    def __call__(self, frame: PlayerFrame) -> None:
        self.frame = frame
        self.event.set()

    def wait(self, action: object) -> float:
        self.event.clear()
        began = time.perf_counter()
        assert callable(action)
        action()
        if not self.event.wait(10):
            raise RuntimeError("no frame within 10 s")
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeks", type=int, default=120)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / f"liangjiao-playback-bench-{CACHE_VERSION}",
    )
    parser.add_argument("--rebuild", action="store_true", help="record the hour again")
    args = parser.parse_args()
    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    made = cache / "recording.json"
    if args.rebuild or not made.exists():
        print(f"recording one hour (90,000 frames of 720p) through the recorder into {cache} ...", flush=True)
        record_hour(cache)
    info = json.loads(made.read_text())
    database = Database(f"sqlite:///{cache / 'index.sqlite3'}")
    with database.reading() as session:
        rows = RecordingRepository(session).list_for_camera(CAMERA_ID, START, START + timedelta(hours=2))
    database.dispose()
    timeline = SegmentTimeline(rows, cache / "recordings")
    assert timeline.start is not None and timeline.end is not None
    span = (timeline.end - timeline.start).total_seconds()
    print(
        f"recording: {info['segments']} segments, {info['frames']:,} frames, {span / 60:.1f} min, "
        f"{info['bytes'] / 1e6:.0f} MB (made by the recorder in {info['record_seconds']} s; cached)"
    )
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    rng = random.Random(20261129)
    times = [timeline.start + timedelta(seconds=rng.uniform(0, span - 1)) for _ in range(args.seeks)]

    shown = Shown()
    player = Player(shown, lambda status: None)
    try:
        shown.wait(lambda: player.set_timelines({CAMERA_ID: timeline}))
        seeks = []
        for at in times:
            seeks.append(shown.wait(lambda at=at: player.seek(at)))
            frame = shown.frame
            assert frame is not None and at - timedelta(milliseconds=40) < frame.wall_time <= at, (at, frame)
        steps_forward, steps_back_cold, steps_back_warm = [], [], []
        for at in times[:20]:
            shown.wait(lambda at=at: player.seek(at))
            for _ in range(10):
                steps_forward.append(shown.wait(lambda: player.step(1)))
            for _ in range(10):  # back over frames just decoded: kept by the seeker
                steps_back_warm.append(shown.wait(lambda: player.step(-1)))
        for at in times[20:40]:
            shown.wait(lambda at=at: player.seek(at))
            for _ in range(10):  # back from a seek: the first re-decodes from the keyframe
                steps_back_cold.append(shown.wait(lambda: player.step(-1)))
    finally:
        player.close()
    print("Player (720p RGB out, on_frame from the playback thread):")
    report("random seek → first frame decoded", seeks, "median ≤150 ms, p95 ≤300 ms")
    report("frame step forward", steps_forward, "≤40 ms")
    report("frame step back, 10 after a seek", steps_back_cold)
    report("frame step back over frames just stepped", steps_back_warm)

    print("Naive baselines, same recording, same run:")
    ffmpeg_times = []
    for at in times[:30]:
        position = timeline.locate(at)
        assert position is not None
        began = time.perf_counter()
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-threads",
                "1",
                "-ss",
                f"{position.offset_s:.3f}",
                "-i",
                str(timeline.path_of(position.recording)),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ffmpeg_times.append(time.perf_counter() - began)
    report("ffmpeg -ss T -i segment -frames:v 1 (a process)", ffmpeg_times)
    from_start = []
    for at in times[:10]:
        position = timeline.locate(at)
        assert position is not None
        began = time.perf_counter()
        with av.open(str(timeline.path_of(position.recording))) as container:
            stream = container.streams.video[0]
            assert stream.time_base is not None
            for frame in container.decode(stream):
                if frame.pts is not None and frame.pts * stream.time_base >= position.offset_s - 0.04:
                    frame.to_ndarray(format="rgb24")
                    break
        from_start.append(time.perf_counter() - began)
    report("PyAV decode from the segment start to T", from_start)

    print("Export (remux, no re-encoding):")
    out = cache / "export-10min.mp4"
    for label in ("first", "second"):
        begin = timeline.start + timedelta(seconds=rng.uniform(0, span - 600))
        began = time.perf_counter()
        result = export_span(timeline, begin, begin + timedelta(minutes=10), out)
        elapsed = time.perf_counter() - began
        print(
            f"  10-minute span ({label} run): {elapsed:.2f} s = {600 / elapsed:.0f}× real time, "
            f"{result.size_bytes / 1e6:.0f} MB, {result.packets} packets   target ≥50×"
        )
    out.unlink(missing_ok=True)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
