"""Image files that claim (and really hold) more pixels than a photo may have, made without ever
holding those pixels in memory, and a child process that reports what decoding one cost.

`write_blank_png` streams a valid grey PNG of any size: rows of zeros through zlib, a chunk at a
time (a 30000×30000 image is about 1 MB on disk and 0.9 GB of rows). `decode_in_child` runs one of
the console's readers on a file in a fresh interpreter and returns its peak resident memory.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_blank_png(path: Path, width: int, height: int) -> Path:
    """A complete, decodable 8-bit greyscale PNG of width×height black pixels."""
    compressor = zlib.compressobj(6)
    row = bytes(1 + width)  # filter byte 0, then the pixels
    rows_per_chunk = max(1, (4 << 20) // len(row))
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n")
        file.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)))
        done = 0
        while done < height:
            count = min(rows_per_chunk, height - done)
            data = compressor.compress(row * count)
            if data:
                file.write(_chunk(b"IDAT", data))
            done += count
        file.write(_chunk(b"IDAT", compressor.flush()))
        file.write(_chunk(b"IEND", b""))
    return path


_CHILD = """
import json, resource, sys
reader = sys.argv[1]
if reader == "opencv":  # what the scorer did before the header check: decode, then convert to RGB
    import cv2, numpy as np
    def read(path):
        image = cv2.imdecode(np.fromfile(path, dtype=np.uint8), cv2.IMREAD_COLOR)
        return None if image is None else cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
else:
    from app.vision.enrolment import read_rgb as read
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
image = read(sys.argv[2])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"decoded": image is not None, "before_kb": before, "peak_kb": after}))
"""


def decode_in_child(path: Path, reader: str = "console") -> dict[str, object]:
    """Run the console's `read_rgb` ("console") or plain OpenCV ("opencv") on `path` in a new
    Python process; returns {"decoded": bool, "before_kb": int, "peak_kb": int} (peak RSS)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, reader, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
