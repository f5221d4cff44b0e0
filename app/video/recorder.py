"""One camera's recorder: the decoder's demuxed packets remuxed into ~1-minute MP4 segments.

    recorder = CameraRecorder(camera_id=7, root=root, database=db, store=store_id(root), settings=s)
    recorder.start(); pool.open_stream("cam-7", source, on_packet=recorder.on_packet); recorder.stop()

`on_packet` runs on the decoder thread and never blocks or touches the disk: it copies the packet
into a bounded queue; when full (a disk slower than the camera) the rest of the GOP is dropped and
recording resumes at a keyframe, so no frame references a missing one (counted in `stats()`). The
"video-record-<camera>" thread does the rest: segment files (segment_writer.py), timestamps
(segment_timing.py) and index rows through the event journal (segment_index.py). A segment starts at
a keyframe and is cut at the first keyframe after `segment_seconds`; a reconnect, a dropped GOP or
`idle_close_seconds` without packets closes it, leaving a gap in the index. A segment starts when its
first packet arrived (or where the previous ended, within `_CONTINUITY`) and ends at start + its media
duration, so start + offset is the wall time of any frame in it.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import av

from app.persistence import Database
from app.persistence.repositories import Recording
from app.video.recorder_settings import RecordingSettings
from app.video.segment_files import new_segment_relpath, partial_of
from app.video.segment_index import SegmentIndex
from app.video.segment_recovery import salvage_partial
from app.video.segment_timing import Placed, SegmentClock, SessionTimeline
from app.video.segment_writer import SegmentWriter, StreamSnapshot, snapshot_stream

log = logging.getLogger(__name__)

_CONTINUITY = timedelta(seconds=2)  # a cut within one connection keeps segments back to back
_DROP_LOG_INTERVAL = 30.0


@dataclass(frozen=True, slots=True)
class _QueuedPacket:
    snapshot: StreamSnapshot  # identifies the connection the packet came from
    data: bytes
    pts: int | None
    dts: int | None
    duration: int | None
    keyframe: bool
    arrived: datetime  # naive local wall clock
    arrived_mono: float
    after_drop: bool  # the first packet after dropped GOPs: start a new segment


@dataclass(frozen=True, slots=True)
class RecorderStats:
    camera_id: int
    recording: bool
    open_segment: str | None  # relative path of the segment being written
    segments_closed: int
    packets_written: int
    packets_dropped: int  # dropped because the writer fell behind (whole GOPs)
    gops_dropped: int
    write_errors: int
    index_pending: int  # index rows waiting for the database
    queued_packets: int


@dataclass
class _OpenSegment:
    writer: SegmentWriter
    clock: SegmentClock
    recording: Recording


class CameraRecorder:
    def __init__(
        self,
        camera_id: int,
        root: Path,
        database: Database,
        *,
        store: str,
        settings: RecordingSettings | None = None,
        stream_id: str | None = None,
        clock: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.camera_id = camera_id
        self.root = root
        self.store = store
        self.settings = settings or RecordingSettings()
        self.stream_id = stream_id  # when set, packets of other streams are ignored
        self._clock = clock
        self._monotonic = monotonic
        self._index = SegmentIndex(database, retry_interval=self.settings.index_retry_seconds)
        self._queue: queue.Queue[_QueuedPacket] = queue.Queue(maxsize=self.settings.queue_packets)
        self._stop = threading.Event()
        self._cut = threading.Event()  # close the open segment at the next keyframe (see `cut`)
        self._thread = threading.Thread(target=self._run, name=f"video-record-{camera_id}", daemon=True)
        # Decoder-thread state.
        self._input_stream: av.VideoStream | None = None
        self._snapshot: StreamSnapshot | None = None
        self._dropping = False
        self._bytes_lock = threading.Lock()  # queued byte count, shared by both threads
        self._queued_bytes = 0
        self._last_drop_log = -_DROP_LOG_INTERVAL
        self.packets_dropped = 0
        self.gops_dropped = 0
        # Writer-thread state.
        self._segment: _OpenSegment | None = None
        self._timeline: SessionTimeline | None = None
        self._timeline_of: StreamSnapshot | None = None
        self._last_arrival = 0.0
        self.segments_closed = 0
        self.packets_written = 0
        self.write_errors = 0
        self._write_failing = False

    # ----- control (any thread) -----

    def start(self) -> None:
        self._thread.start()

    @property
    def crashed(self) -> bool:
        """The writer thread ended without being asked to (a bug, an unexpected error)."""
        return self._thread.ident is not None and not self._thread.is_alive() and not self._stop.is_set()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop taking packets, write what is queued, close the open segment. True when finished."""
        self._stop.set()
        if not self._thread.is_alive():
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def cut(self, timeout: float = 5.0) -> bool:
        """Close the open segment at the next keyframe, so that what was recorded until now can be
        played (an alarm opened in Recordings: the open segment is not playable yet); the keyframe
        begins the next segment. Blocks until the segment is closed and indexed, at most `timeout`
        seconds (call it off the GUI thread). True when nothing was open or it was closed in time."""
        if self._segment is None or not self._thread.is_alive():
            return True
        closed_before = self.segments_closed
        self._cut.set()
        deadline = self._monotonic() + timeout
        while self._monotonic() < deadline:
            if self.segments_closed > closed_before or self._segment is None:
                # Its row goes through the event journal: wait until the database has it too.
                return self._index.wait_delivered(max(0.0, deadline - self._monotonic()))
            time.sleep(0.02)
        return False

    @property
    def open_segment(self) -> str | None:
        """Relative path of the segment being written (retention must leave it alone)."""
        segment = self._segment
        return None if segment is None else segment.recording.path

    def stats(self) -> RecorderStats:
        return RecorderStats(
            camera_id=self.camera_id,
            recording=self._thread.is_alive() and not self._stop.is_set(),
            open_segment=self.open_segment,
            segments_closed=self.segments_closed,
            packets_written=self.packets_written,
            packets_dropped=self.packets_dropped,
            gops_dropped=self.gops_dropped,
            write_errors=self.write_errors,
            index_pending=self._index.pending,
            queued_packets=self._queue.qsize(),
        )

    # ----- the packet hook (decoder thread) -----

    def on_packet(self, stream_id: str, packet: av.Packet) -> None:
        """DecoderPool's `on_packet`: queue a copy of a video packet; never blocks, never raises."""
        if self._stop.is_set() or (self.stream_id is not None and stream_id != self.stream_id):
            return
        try:
            self._take(packet)
        except Exception:  # the pool would unhook us for good; one bad packet must not end recording
            log.exception("recorder of camera %s could not take a packet", self.camera_id)

    def _take(self, packet: av.Packet) -> None:
        stream = packet.stream
        if stream.type != "video":
            return  # audio is not recorded yet (G.711 from cameras does not go into MP4 as is)
        if stream is not self._input_stream:
            previous = self._input_stream
            if previous is not None and stream.container is previous.container:
                return  # a second video stream of the same connection
            self._input_stream = stream
            try:
                self._snapshot = snapshot_stream(stream)  # a new connection: new codec parameters
            except (av.FFmpegError, ValueError) as error:  # e.g. a codec MP4 cannot hold
                self._snapshot = None  # skip this connection's packets, and say so once
                log.error("camera %s: this stream cannot be recorded: %s", self.camera_id, error)
        snapshot = self._snapshot
        if snapshot is None:
            return
        keyframe = bool(packet.is_keyframe)
        if self._dropping and not keyframe:
            self.packets_dropped += 1
            return
        data = bytes(packet)  # a copy: the decoder keeps using the packet object meanwhile
        item = _QueuedPacket(
            snapshot,
            data,
            packet.pts,
            packet.dts,
            packet.duration,
            keyframe,
            self._clock(),
            self._monotonic(),
            self._dropping,
        )
        with self._bytes_lock:
            fits = self._queued_bytes + len(data) <= self.settings.queue_bytes
            if fits:
                self._queued_bytes += len(data)
        if fits:
            try:
                self._queue.put_nowait(item)
                self._dropping = False
                return
            except queue.Full:
                with self._bytes_lock:
                    self._queued_bytes -= len(data)
        # The rest of this GOP goes too: each refusal costs one GOP, or its tail.
        self.packets_dropped += 1
        self.gops_dropped += 1
        if not self._dropping:
            self._dropping = True
            now = self._monotonic()
            if now - self._last_drop_log >= _DROP_LOG_INTERVAL:
                self._last_drop_log = now
                log.warning(
                    "recorder of camera %s is behind (disk too slow?): dropping until the next keyframe "
                    "(%d GOPs, %d packets dropped so far)",
                    self.camera_id,
                    self.gops_dropped,
                    self.packets_dropped,
                )

    # ----- the writer (writer thread) -----

    def _run(self) -> None:
        try:
            while True:
                try:
                    item = self._queue.get(timeout=0.25)
                except queue.Empty:
                    if self._stop.is_set():
                        break  # on_packet takes nothing once stopped, so the queue stays empty
                    self._close_if_idle()
                else:
                    with self._bytes_lock:
                        self._queued_bytes -= len(item.data)
                    self._handle(item)
                self._index.flush()
        except Exception:
            log.exception("recorder of camera %s crashed", self.camera_id)
        finally:
            self._close_segment("recording stopped")
            self._index.flush(force=True)
            if self._index.pending:
                log.error(
                    "camera %s: %d recording index rows wait in the event journal for the database",
                    self.camera_id,
                    self._index.pending,
                )

    def _handle(self, item: _QueuedPacket) -> None:
        if self._timeline_of is not item.snapshot:
            self._close_segment("new connection")
            self._timeline = SessionTimeline(item.snapshot.time_base)
            self._timeline_of = item.snapshot
        assert self._timeline is not None
        placed = self._timeline.place(item.pts, item.dts, item.duration)
        self._last_arrival = item.arrived_mono
        if item.after_drop:
            self._close_segment("packets dropped")
        segment = self._segment
        if segment is None:
            if not item.keyframe:
                return  # a segment must start with a keyframe to play on its own
            segment = self._open_segment(item, placed, continue_from=None)
        elif item.keyframe and (
            self._cut.is_set() or segment.clock.elapsed(placed) >= self.settings.segment_seconds
        ):
            cut = self._cut.is_set()
            self._cut.clear()
            ended = self._close_segment("cut to be played" if cut else None)
            segment = self._open_segment(item, placed, continue_from=ended)
        if segment is None:
            return
        try:
            segment.writer.write(segment.clock.rebase(placed), item.data, item.keyframe)
            self.packets_written += 1
        except (av.FFmpegError, OSError, ValueError) as error:
            self._fail(segment, error)

    def _open_segment(
        self, item: _QueuedPacket, placed: Placed, *, continue_from: datetime | None
    ) -> _OpenSegment | None:
        started = item.arrived
        if continue_from is not None and abs(started - continue_from) <= _CONTINUITY:
            started = continue_from
        snapshot = item.snapshot
        try:
            relpath = new_segment_relpath(self.root, self.camera_id, started).as_posix()
            writer = SegmentWriter(partial_of(self.root / relpath), snapshot)
        except (av.FFmpegError, OSError, ValueError) as error:
            self.write_errors += 1
            if not self._write_failing:  # once per failure episode, not once per keyframe
                log.error("camera %s: cannot start a recording segment: %s", self.camera_id, error)
            self._write_failing = True
            return None
        self._write_failing = False
        recording = Recording(
            0,
            self.camera_id,
            self.store,
            started,
            None,
            relpath,
            codec=snapshot.codec,
            width=snapshot.width,
            height=snapshot.height,
        )
        self._segment = _OpenSegment(writer, SegmentClock(placed, snapshot.time_base), recording)
        self._index.save(recording)
        log.debug("camera %s: segment %s opened", self.camera_id, relpath)
        return self._segment

    def _close_segment(self, reason: str | None) -> datetime | None:
        """Finish the open segment, if any; returns its wall-clock end."""
        segment = self._segment
        if segment is None:
            return None
        try:
            _, size = segment.writer.close()
        except (av.FFmpegError, OSError, ValueError) as error:
            self._fail(segment, error)
            return None
        clock = segment.clock
        ended = segment.recording.started_at + timedelta(seconds=clock.duration)
        closed = dataclasses.replace(
            segment.recording, ended_at=ended, size_bytes=size, frames=clock.frames, duration_s=clock.duration
        )
        self._index.save(closed)
        self.segments_closed += 1
        # Cleared last: until the row says "closed", the segment stays protected from retention.
        self._segment = None
        if reason is not None:
            log.info("camera %s: segment %s closed (%s)", self.camera_id, closed.path, reason)
        return ended

    def _fail(self, segment: _OpenSegment, error: Exception) -> None:
        """A write failed (disk full, I/O error): keep what the file holds, like after a crash."""
        self.write_errors += 1
        self._segment = None
        log.error("camera %s: writing segment %s failed: %s", self.camera_id, segment.recording.path, error)
        segment.writer.abandon()
        salvaged = salvage_partial(segment.writer.partial)
        if salvaged is None:
            self._index.forget(segment.recording)
            return
        final, probe = salvaged
        try:
            size = final.stat().st_size
        except OSError:
            size = 0
        self._index.save(
            dataclasses.replace(
                segment.recording,
                ended_at=segment.recording.started_at + timedelta(seconds=probe.duration_s),
                size_bytes=size,
                frames=probe.frames,
                duration_s=probe.duration_s,
            )
        )

    def _close_if_idle(self) -> None:
        segment = self._segment
        if segment is not None and self._monotonic() - self._last_arrival > self.settings.idle_close_seconds:
            self._close_segment(f"no packets for {self.settings.idle_close_seconds:.0f} s")
