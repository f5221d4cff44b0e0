"""An image file's width and height read from its header, so that no decoder is handed a photo that
would take gigabytes: the guard every place that decodes a user's or the platform's image calls first.

Why: decoders trust the header. OpenCV's own limit is 2^30 pixels, so a 30000×30000 PNG of a few
megabytes (it compresses to almost nothing) was decoded into 2.7 GB, converted to RGB into another
2.7 GB, and the photo scorer peaked at 5.4 GB. Qt refuses images over 256 MB of pixels, but quietly.
`decode_refusal` reads at most a few kilobytes and says in words why a file must not be decoded:
more than `MAX_IMAGE_PIXELS` pixels, a file larger than `MAX_IMAGE_BYTES`, or a format whose size
cannot be read here (the console's photos are JPEG or PNG; BMP, GIF and WebP are read too).

Threads: blocking file reads; call it where the decoding happens (a worker, the scoring process).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

__all__ = ["MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS", "decode_refusal", "image_dimensions"]

MAX_IMAGE_PIXELS = 50_000_000  # a 48-megapixel phone photo (8000×6000) passes; 150 MB once decoded
MAX_IMAGE_BYTES = 200 * 1024 * 1024  # the file itself is read into memory before decoding
_JPEG_SIZE_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOF0..SOF15 but DHT/JPG/DAC


class _Unreadable(Exception):
    """The header is cut short or malformed."""


def _read(file: BinaryIO, size: int) -> bytes:
    data = file.read(size)
    if len(data) != size:
        raise _Unreadable
    return data


def _jpeg_dimensions(file: BinaryIO) -> tuple[int, int]:
    """Walk the markers after SOI up to the frame header (SOFn), skipping APPn/EXIF and tables."""
    file.seek(2)
    while True:
        byte = _read(file, 1)
        if byte != b"\xff":
            raise _Unreadable
        marker = _read(file, 1)[0]
        while marker == 0xFF:  # fill bytes
            marker = _read(file, 1)[0]
        if marker in (0x01, *range(0xD0, 0xD8)):  # TEM, RSTn: no length
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan before any frame header
            raise _Unreadable
        (length,) = struct.unpack(">H", _read(file, 2))
        if length < 2:
            raise _Unreadable
        if marker in _JPEG_SIZE_MARKERS:
            height, width = struct.unpack(">xHH", _read(file, 5))
            return width, height
        file.seek(length - 2, os.SEEK_CUR)


def _webp_dimensions(head: bytes) -> tuple[int, int]:
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    raise _Unreadable


def _dimensions(file: BinaryIO) -> tuple[int, int] | None:
    head = file.read(32)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR" and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return width, height
    if head.startswith(b"\xff\xd8"):
        return _jpeg_dimensions(file)
    if head.startswith(b"BM") and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return abs(width), abs(height)  # a negative height is a top-down bitmap
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        width, height = struct.unpack("<HH", head[6:10])
        return width, height
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp_dimensions(head)
    return None


def image_dimensions(path: Path | str) -> tuple[int, int] | None:
    """(width, height) from the header of a JPEG, PNG, BMP, GIF or WebP file; None for another
    format or a header cut short. Raises OSError when the file cannot be opened."""
    with open(path, "rb") as file:
        try:
            return _dimensions(file)
        except (_Unreadable, struct.error):
            return None


def decode_refusal(path: Path | str, max_pixels: int = MAX_IMAGE_PIXELS) -> str | None:
    """Why the image at `path` must not be decoded, in words; None when it may be.

    A missing file is not refused here (the caller tells "not there yet" from "unreadable")."""
    try:
        size = os.stat(path).st_size
        if size > MAX_IMAGE_BYTES:
            limit = MAX_IMAGE_BYTES // 2**20
            return f"the file is {size / 2**20:.0f} MB, more than the {limit} MB a photo may be"
        dimensions = image_dimensions(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"the file cannot be read: {error.strerror or error}"
    if dimensions is None:
        return "not a JPEG, PNG, BMP, GIF or WebP image, or its header is damaged"
    width, height = dimensions
    if width * height > max_pixels:
        return (
            f"the image is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), more than "
            f"the {max_pixels / 1e6:.0f} megapixels a photo may have: not decoded"
        )
    if width == 0 or height == 0:
        return f"the header says the image is {width}×{height} pixels"
    return None
