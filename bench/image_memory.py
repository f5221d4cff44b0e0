#!/usr/bin/env python3
"""Peak memory of reading an oversized photo: plain OpenCV (what the photo scorer did) against the
console's reader, which checks the header first (app/vision/image_header.py).

    .venv/bin/python bench/image_memory.py [--side 30000] [--skip-opencv]

Writes a side×side black PNG (about 1 MB for 30000) to a temporary folder, then reads it in a fresh
process with each reader and prints the peak resident memory (ru_maxrss) and the time taken. At
30000 the OpenCV row needs about 5.4 GB of free memory; --skip-opencv leaves it out.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.large_images import decode_in_child, write_blank_png  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--side", type=int, default=30000)
    parser.add_argument("--skip-opencv", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_blank_png(Path(folder) / "huge.png", args.side, args.side)
        print(f"{args.side}×{args.side} PNG, {path.stat().st_size / 2**20:.1f} MB on disk")
        print(f"{'reader':<28} {'decoded':>8} {'peak RSS':>10} {'growth':>10} {'seconds':>8}")
        readers = ["console"] if args.skip_opencv else ["opencv", "console"]
        for reader in readers:
            started = time.monotonic()
            result = decode_in_child(path, reader)
            seconds = time.monotonic() - started
            peak = int(result["peak_kb"]) / 1024  # type: ignore[call-overload]
            grown = peak - int(result["before_kb"]) / 1024  # type: ignore[call-overload]
            name = "cv2.imdecode + cvtColor" if reader == "opencv" else "app.vision.enrolment.read_rgb"
            print(f"{name:<28} {result['decoded']!s:>8} {peak:>8.0f} MB {grown:>7.0f} MB {seconds:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
