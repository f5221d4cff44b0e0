"""One segment file being written: packets remuxed (never re-encoded) into a fragmented MP4.

Crash safety: fragmented MP4 (`frag_keyframe+empty_moov+default_base_moof`) writes the header first
and flushes every GOP as a self-contained fragment, so a crash leaves a file playable up to its last
complete fragment (recovery cuts the torn one); a plain MP4 writes its index last and loses the whole
segment. The file is `.partial` until closed by one atomic rename after fsync, so no reader takes a
half-written file for a finished one and recovery finds exactly what a crash interrupted.
`flush_packets=1` hands each fragment to the kernel at once: a killed process loses at most the GOP
being buffered; fsync is paid once per segment. The closed file's `mfra` index speeds seeking.
`snapshot_stream` runs on the decoder thread; everything else on the recorder's writer thread.
"""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.container

from app.video.segment_files import final_of, sync_dir, sync_file
from app.video.segment_timing import Placed

log = logging.getLogger(__name__)

MP4_OPTIONS = {
    "movflags": "frag_keyframe+empty_moov+default_base_moof",
    "flush_packets": "1",
}


@dataclass(frozen=True, eq=False, slots=True)
class StreamSnapshot:
    """The codec parameters of one connection's video stream, independent of its input container.

    The decoder thread closes the input container on a reconnect while the writer thread may still
    be draining that connection's packets, so the writer must not touch the input stream. The
    snapshot copies its parameters into a stream of a never-written in-memory container, which
    `add_stream_from_template` accepts like any stream. Identity (`is`) tells sessions apart.
    """

    template: av.VideoStream
    holder: av.container.OutputContainer  # keeps `template` alive; never started, never written
    codec: str
    width: int
    height: int
    time_base: Fraction


def snapshot_stream(stream: av.VideoStream) -> StreamSnapshot:
    """Decoder thread: copy `stream`'s parameters (cheap: no I/O, a few allocations per connection)."""
    holder = av.open(io.BytesIO(), "w", format="mp4")
    template = holder.add_stream_from_template(stream)
    codec = stream.codec_context
    time_base = stream.time_base or Fraction(1, 90000)
    return StreamSnapshot(template, holder, codec.name, codec.width, codec.height, time_base)


class SegmentWriter:
    """Writes one `.partial` file; `close()` finishes it and renames it to its final name."""

    def __init__(self, partial: Path, snapshot: StreamSnapshot) -> None:
        self.partial = partial
        self.snapshot = snapshot
        partial.parent.mkdir(parents=True, exist_ok=True)
        self._container = av.open(str(partial), "w", format="mp4", options=dict(MP4_OPTIONS))
        try:
            self._stream = self._container.add_stream_from_template(snapshot.template)
        except Exception:
            self._container.close()
            raise
        self._closed = False

    def write(self, placed: Placed, data: bytes, keyframe: bool) -> None:
        packet = av.Packet(data)
        packet.pts, packet.dts, packet.duration = placed.pts, placed.dts, placed.duration
        packet.time_base = self.snapshot.time_base  # the muxer rescales to its own time base
        packet.is_keyframe = keyframe
        packet.stream = self._stream
        self._container.mux(packet)

    def close(self) -> tuple[Path, int]:
        """Write the trailer, fsync, rename to the final name; returns (final path, size in bytes)."""
        self._closed = True
        self._container.close()
        sync_file(self.partial)
        final = final_of(self.partial)
        self.partial.replace(final)
        sync_dir(final.parent)
        return final, final.stat().st_size

    def abandon(self) -> None:
        """Stop after a write error, leaving the `.partial` for recovery to trim (or remove)."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):  # the disk already failed us; nothing more to report
            self._container.close()
