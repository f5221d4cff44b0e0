"""Export a wall-clock span of recordings as one MP4, remuxed (packets copied, never re-encoded).

The clip starts at the keyframe at or before `start` (so it decodes from its first packet) and
ends with the last packet before `end`. Timestamps run on continuously across segment cuts: each
segment is placed right after the previous one's last packet, unless the recordings have a real
gap (more than GAP_S), which the clip then keeps. Packets are copied in decode order, and the
recorder's segments carry no B-frames, so "before `end`" is judged on pts.

The file is written as `<target>.partial` and only renamed onto the target when complete; a caller
that must audit it first passes `before_publish` (called with the complete `.partial` file; if it
raises, the partial file is removed and nothing is published). `replace=False` refuses an existing
target (ExportTargetExists), up front and again at the rename. A target whose name would not fit the
file system once ".partial" is added (NAME_MAX, 255 bytes of UTF-8: 85 Chinese characters) is
shortened first by `fitting_target`, keeping its extension; the result's path is the one written.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av

from app.playback.segment_timeline import SegmentTimeline, wall_time

__all__ = [
    "ExportCancelled",
    "ExportResult",
    "ExportTargetExists",
    "NothingToExport",
    "export_span",
    "fitting_target",
    "publish",
    "refuse_existing",
]

GAP_S = Fraction(1)
NAME_MAX = 255  # bytes in one file name: ext4, XFS, btrfs, tmpfs (NTFS: 255 UTF-16 units, more)
PARTIAL_SUFFIX = ".partial"
SHORTENED_MARK = "~"  # where a name was cut

ProgressCallback = Callable[[float], None]
CancelCheck = Callable[[], bool]
BeforePublish = Callable[[Path], None]


class ExportCancelled(Exception):
    """The export was cancelled; the partial output file has been removed."""


class NothingToExport(LookupError):
    """No recorded picture inside the asked span."""


class ExportTargetExists(FileExistsError):
    """The target file exists and replacing it was not asked for; nothing was written there.

    `path` is the target (the pane words the refusal; a file dialog's overwrite confirmation is
    what `replace=True` stands for)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, "the export target exists already", str(path))
        self.path = Path(path)


def fitting_target(target: Path) -> Path:
    """`target`, or the same path with its name cut (whole characters, before the extension, marked
    with "~") so that the name and ".partial" fit in NAME_MAX bytes of UTF-8. Callers write to and
    report the path returned: a 250-byte name used to fail only once ".partial" was added."""
    target = Path(target)
    budget = NAME_MAX - len(PARTIAL_SUFFIX)
    name = target.name
    if len(name.encode("utf-8")) <= budget:
        return target
    suffix = target.suffix if len(target.suffix.encode("utf-8")) <= 16 else ""
    stem = name[: len(name) - len(suffix)]
    room = budget - len(suffix.encode("utf-8")) - len(SHORTENED_MARK)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # no half character
    return target.with_name(cut + SHORTENED_MARK + suffix)


def refuse_existing(target: Path, *, replace: bool) -> None:
    if not replace and (target.exists() or target.is_symlink()):
        raise ExportTargetExists(target)


def publish(partial: Path, target: Path, *, replace: bool) -> None:
    """Rename the complete `partial` file onto `target`; without `replace` never over an existing file.

    With `replace` the old file goes only now, atomically, when the new one is complete. Without it a
    hard link claims the name atomically (it fails on an existing file); where the file system has no
    hard links, an existence check right before the rename has to do.
    """
    if replace:
        partial.replace(target)
        return
    try:
        os.link(partial, target)
    except FileExistsError:
        raise ExportTargetExists(target) from None
    except OSError:
        refuse_existing(target, replace=False)
        partial.replace(target)
        return
    with contextlib.suppress(OSError):
        partial.unlink()


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    clip_start: datetime  # wall time of the clip's first frame (the keyframe at or before `start`)
    clip_end: datetime  # wall time just after the clip's last frame
    packets: int
    duration_s: float
    size_bytes: int
    segment_ids: tuple[int, ...]


def _seconds(delta: timedelta) -> Fraction:
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return Fraction(micros, 1_000_000)


def export_span(
    timeline: SegmentTimeline,
    start: datetime,
    end: datetime,
    out_path: Path,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    *,
    before_publish: BeforePublish | None = None,
    replace: bool = True,
) -> ExportResult:
    if end <= start:
        raise ValueError(f"empty span {start.isoformat()} .. {end.isoformat()}")
    segments = timeline.overlapping(start, end)
    if not segments:
        raise NothingToExport(f"nothing recorded between {start.isoformat()} and {end.isoformat()}")
    chosen = Path(out_path)
    out_path = fitting_target(chosen)
    replace = replace and out_path == chosen  # replacing was agreed for the name chosen only
    refuse_existing(out_path, replace=replace)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + PARTIAL_SUFFIX)
    total = _seconds(end - start)
    packets = 0
    clip_start: datetime | None = None
    clip_end_s = Fraction(0)  # clip time just after the last packet written
    last_interval = Fraction(1, 25)
    try:
        with av.open(str(partial), "w", format="mp4") as output:
            out_stream = None
            for index, recording in enumerate(segments):
                with av.open(str(timeline.path_of(recording))) as source:
                    stream = source.streams.video[0]
                    time_base: Fraction = stream.time_base or Fraction(1, 90000)
                    if out_stream is None:
                        out_stream = output.add_stream_from_template(stream)
                    if index == 0:
                        target = max(_seconds(start - recording.started_at), Fraction(0))
                        source.seek(
                            math.floor(target / time_base), backward=True, any_frame=False, stream=stream
                        )
                    # Seconds to add to this segment's pts to get clip time.
                    shift: Fraction | None = None
                    keyframe_seen = False
                    previous_pts: int | None = None
                    stop = False
                    for packet in source.demux(stream):
                        if cancelled is not None and cancelled():
                            raise ExportCancelled(f"export to {out_path} cancelled")
                        if packet.pts is None or packet.dts is None:
                            continue  # the demuxer's flush packet
                        if not keyframe_seen:
                            if not packet.is_keyframe:
                                continue
                            keyframe_seen = True
                        offset = packet.pts * time_base
                        wall = wall_time(recording.started_at, offset)
                        if wall >= end:
                            stop = True
                            break
                        if shift is None:
                            if clip_start is None:
                                clip_start = wall
                                shift = -offset
                            else:
                                by_wall = _seconds(recording.started_at - clip_start)
                                shift = by_wall if by_wall - clip_end_s > GAP_S else clip_end_s
                        if previous_pts is not None and packet.pts > previous_pts:
                            last_interval = (packet.pts - previous_pts) * time_base
                        previous_pts = packet.pts
                        duration = (packet.duration or 0) * time_base or last_interval
                        ticks = round(shift / time_base)
                        packet.pts += ticks
                        packet.dts += ticks
                        packet.stream = out_stream
                        output.mux(packet)
                        packets += 1
                        clip_end_s = max(clip_end_s, offset + shift + duration)
                        if progress is not None and total > 0:
                            done = _seconds(wall - start) if wall > start else Fraction(0)
                            progress(float(min(done / total, Fraction(1))))
                if stop:
                    break
        if packets == 0 or clip_start is None:
            raise NothingToExport(f"no picture between {start.isoformat()} and {end.isoformat()}")
        if before_publish is not None:
            before_publish(partial)
        publish(partial, out_path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    if progress is not None:
        progress(1.0)
    return ExportResult(
        path=out_path,
        clip_start=clip_start,
        clip_end=wall_time(clip_start, clip_end_s),
        packets=packets,
        duration_s=float(clip_end_s),
        size_bytes=out_path.stat().st_size,
        segment_ids=tuple(r.id for r in segments),
    )
