"""Decode throughput of the decoder pool against FFmpeg's own command line, on the same clip.

    .venv/bin/python bench/decode_throughput.py [--streams 2] [--seconds 8] [--size 320x180] [--clip F]

Both sides decode unpaced, one thread per stream (`thread_count=1` / `ffmpeg -threads 1`), N streams
at once. The pool also converts every frame to --size RGB (what a tile costs), so the ratio shows
what PyAV, swscale and the Python loop add on top of bare decoding. Prints figures; asserts nothing
(benchmarks are never asserted in tests). Keep runs short on a shared machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.video import DecoderPool, StreamSource, StreamState


def make_clip(path: Path, seconds: float) -> Path:
    """640×360 25 fps H.264, keyframe every 2 s, no B-frames: like a classroom camera's sub stream."""
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size=640x360:rate=25:duration={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-g",
            "50",
            "-bf",
            "0",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_pool(clip: Path, streams: int, size: tuple[int, int] | None) -> tuple[int, float, float]:
    """(frames, wall seconds, CPU seconds) for `streams` unpaced decodes of `clip` through the pool."""
    source = StreamSource.for_file(clip, loop=False, realtime=False)
    cpu0, start = cpu_seconds(resource.RUSAGE_SELF), time.monotonic()
    with DecoderPool(max_streams=streams) as pool:
        for index in range(streams):
            pool.open_stream(f"bench-{index}", source, target_size=size)
        while not all(s.state is StreamState.ENDED for s in pool.all_stats().values()):
            time.sleep(0.01)
        wall = time.monotonic() - start
        frames = sum(s.frames_decoded for s in pool.all_stats().values())
    return frames, wall, cpu_seconds(resource.RUSAGE_SELF) - cpu0


def run_ffmpeg(clip: Path, streams: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for `streams` parallel `ffmpeg -threads 1 -i clip -f null -`."""
    cpu0, start = cpu_seconds(resource.RUSAGE_CHILDREN), time.monotonic()
    processes = [
        subprocess.Popen(["ffmpeg", "-v", "error", "-threads", "1", "-i", str(clip), "-f", "null", "-"])
        for _ in range(streams)
    ]
    for process in processes:
        process.wait()
    return time.monotonic() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--streams", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the generated clip")
    parser.add_argument("--size", default="320x180", help="pool target size WxH, or 'source'")
    parser.add_argument("--clip", type=Path, help="use this clip instead of generating one")
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        sys.exit("ffmpeg (the command line tool) is needed for the comparison")
    size = None if args.size == "source" else tuple(int(v) for v in args.size.split("x"))

    with tempfile.TemporaryDirectory() as tmp:
        clip = args.clip or make_clip(Path(tmp) / "bench.mp4", args.seconds)
        frames, pool_wall, pool_cpu = run_pool(clip, args.streams, size)  # type: ignore[arg-type]
        ffmpeg_wall, ffmpeg_cpu = run_ffmpeg(clip, args.streams)

    pool_rate, pool_ms = frames / pool_wall, pool_cpu / frames * 1e3
    ffmpeg_rate, ffmpeg_ms = frames / ffmpeg_wall, ffmpeg_cpu / frames * 1e3
    print(f"clip {clip.name}: {frames / args.streams:.0f} frames per stream, {args.streams} streams")
    print(f"pool (to {args.size} RGB): {pool_rate:7.1f} frames/s, {pool_ms:.2f} ms CPU/frame")
    print(f"ffmpeg -f null:        {ffmpeg_rate:7.1f} frames/s, {ffmpeg_ms:.2f} ms CPU/frame")
    print(f"ratio pool/ffmpeg: throughput {pool_rate / ffmpeg_rate:.2f}, CPU/frame {pool_ms / ffmpeg_ms:.2f}")
    # Caveats: Debian's ffmpeg 5.1 vs PyAV's own 8.x; CLI figures include process start-up.


if __name__ == "__main__":
    main()
