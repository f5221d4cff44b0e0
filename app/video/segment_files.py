"""Where segment files live, how they are named, and how a crashed one is checked and trimmed.

Layout: `<root>/<camera_id>/<YYYY-MM-DD>/<camera_id>_<YYYYmmdd-HHMMSS>.mp4` (local time of the
segment's start), with `-1`, `-2`... appended when a reconnect starts two segments in one second.
While being written a segment is `<name>.mp4.partial`; it is renamed when closed (see recorder.py
for why). `<root>/.liangjiao-store` holds the id of this recordings folder (the `store` column).

Blocking file-system calls: run on a recorder's writer thread, the retention thread or the start-up
thread, never on a decoder or GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import av

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
STORE_FILE = ".liangjiao-store"
_NAME_TIME = "%Y%m%d-%H%M%S"


def store_id(root: Path) -> str:
    """The id of the recordings folder `root`, created on first use (a random UUID)."""
    marker = root / STORE_FILE
    try:
        text = marker.read_text(encoding="ascii").strip()
        if text:
            return text
    except FileNotFoundError:
        pass
    root.mkdir(parents=True, exist_ok=True)
    new_id = uuid.uuid4().hex
    # Exclusive create: two recorders starting at once must agree on one id.
    try:
        with marker.open("x", encoding="ascii") as handle:
            handle.write(new_id + "\n")
        return new_id
    except FileExistsError:
        return marker.read_text(encoding="ascii").strip()


def segment_relpath(camera_id: int, started_at: datetime, suffix: int = 0) -> PurePosixPath:
    """The index's `path` of a segment (relative to the root, POSIX separators on every OS)."""
    extra = f"-{suffix}" if suffix else ""
    name = f"{camera_id}_{started_at.strftime(_NAME_TIME)}{extra}.mp4"
    return PurePosixPath(str(camera_id), started_at.strftime("%Y-%m-%d"), name)


def new_segment_relpath(root: Path, camera_id: int, started_at: datetime) -> PurePosixPath:
    """A segment path not yet taken by a closed or partial file."""
    for suffix in range(1000):
        relpath = segment_relpath(camera_id, started_at, suffix)
        final = root / relpath
        if not final.exists() and not partial_of(final).exists():
            return relpath
    raise FileExistsError(f"no free segment name for camera {camera_id} at {started_at}")


def partial_of(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


def final_of(partial: Path) -> Path:
    return partial.with_name(partial.name.removesuffix(PARTIAL_SUFFIX))


def started_at_from_name(path: Path) -> datetime | None:
    """The start time in a segment's file name (to re-index a file the index lost), else None."""
    stem = path.name.removesuffix(PARTIAL_SUFFIX).removesuffix(".mp4")
    stamp = stem.split("_", 1)[-1][: len("YYYYmmdd-HHMMSS")]
    try:
        return datetime.strptime(stamp, _NAME_TIME)
    except ValueError:
        return None


def sync_file(path: Path) -> None:
    """fsync a closed file, so a power cut after the rename cannot leave a renamed but empty file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_dir(folder: Path) -> None:
    """fsync a folder so a rename in it is durable (not supported everywhere: best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True, slots=True)
class FragmentLayout:
    """Where the whole parts of a fragmented MP4 lie: its header (`ftyp`+`moov`, bytes [0, init_end))
    and each whole `moof`+`mdat` fragment as (start, end). `damaged`: bytes between or inside
    fragments had to be skipped to find the next whole one."""

    init_end: int
    fragments: tuple[tuple[int, int], ...]
    damaged: bool


_FRAGMENT_SCAN_LIMIT = 64 * 1024 * 1024  # how far past damage to look for the next fragment


def _box_at(handle: BinaryIO, offset: int, size: int) -> tuple[int, bytes] | None:
    """(size, type) of a whole box at `offset`, or None when none fits there."""
    if offset + 8 > size:
        return None
    handle.seek(offset)
    header = handle.read(16)
    box_size, box_type = struct.unpack(">I4s", header[:8])
    if box_size == 1 and len(header) == 16:
        box_size = struct.unpack(">Q", header[8:16])[0]
    elif box_size == 0:
        box_size = size - offset
    if box_size < 8 or offset + box_size > size or not box_type.isalnum():
        return None
    return box_size, box_type


def _fragment_at(handle: BinaryIO, offset: int, size: int) -> int | None:
    """End of a whole `moof` followed by a whole `mdat` at `offset`, or None."""
    moof = _box_at(handle, offset, size)
    if moof is None or moof[1] != b"moof":
        return None
    mdat = _box_at(handle, offset + moof[0], size)
    if mdat is None or mdat[1] != b"mdat":
        return None
    return offset + moof[0] + mdat[0]


def _next_fragment(handle: BinaryIO, offset: int, size: int) -> int | None:
    """The start of the next whole fragment after damage at `offset` (resync on a `moof` box)."""
    position = offset
    limit = min(size, offset + _FRAGMENT_SCAN_LIMIT)
    while position < limit:
        handle.seek(position)
        chunk = handle.read(min(1024 * 1024, limit - position) + 3)
        found = chunk.find(b"moof")
        while found != -1:
            start = position + found - 4  # the size field precedes the type
            if start >= offset and _fragment_at(handle, start, size) is not None:
                return start
            found = chunk.find(b"moof", found + 1)
        position += max(len(chunk) - 3, 1)
    return None


def fragment_layout(path: Path) -> FragmentLayout | None:
    """Read the header and every whole fragment of a fragmented MP4, resyncing past damage.

    None when the header itself is missing or damaged: without `moov` no fragment can be played.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        offset, init_end = 0, 0
        while init_end == 0:
            box = _box_at(handle, offset, size)
            if box is None or box[1] in (b"moof", b"mdat"):
                return None
            offset += box[0]
            if box[1] == b"moov":
                init_end = offset
        fragments: list[tuple[int, int]] = []
        damaged = False
        while offset < size:
            end = _fragment_at(handle, offset, size)
            if end is not None:
                fragments.append((offset, end))
                offset = end
                continue
            box = _box_at(handle, offset, size)
            if box is not None and box[1] not in (b"moof", b"mdat"):
                offset += box[0]  # sidx, free, mfra...: whole boxes between fragments are harmless
                continue
            resumed = _next_fragment(handle, offset + 1, size)
            if resumed is None:
                break  # the torn last fragment (or damage with nothing whole after it)
            damaged = True
            offset = resumed
    return FragmentLayout(init_end, tuple(fragments), damaged)


@dataclass(frozen=True, slots=True)
class SegmentProbe:
    """What a segment file holds, read by demuxing it (no decoding except the first frame)."""

    frames: int
    duration_s: float
    codec: str
    width: int
    height: int
    starts_with_keyframe: bool


def probe_segment(path: Path, *, timeout: float = 10.0) -> SegmentProbe | None:
    """Probe a segment file; None when it cannot be opened or has no decodable first frame."""
    try:
        with av.open(str(path), format="mp4", timeout=timeout) as container:
            if not container.streams.video:
                return None
            stream = container.streams.video[0]
            stream.codec_context.thread_count = 1  # no frame-thread delay: the first frame comes at once
            frames = 0
            first_key = False
            end = 0
            first_decoded = False
            for packet in container.demux(stream):
                if packet.pts is None or not packet.size:
                    continue
                if frames == 0:
                    first_key = bool(packet.is_keyframe)
                if not first_decoded and frames < 50:
                    # Decoding up to the first picture proves the parameters and the data are sound.
                    first_decoded = bool(packet.decode())
                frames += 1
                end = max(end, packet.pts + (packet.duration or 0))
            if frames == 0 or not first_decoded:
                return None
            codec = stream.codec_context
            duration = float(end * stream.time_base) if stream.time_base else 0.0
            return SegmentProbe(frames, duration, codec.name, codec.width, codec.height, first_key)
    except (av.FFmpegError, OSError, ValueError) as error:
        log.debug("probing %s failed: %s", path, error)
        return None
