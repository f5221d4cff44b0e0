"""The recording service: one recorder per camera, start-up recovery and periodic retention.

    service = RecordingService(database, root, settings)
    service.recover()                                   # start-up thread: settle what a crash left
    service.start_retention()                           # "video-retention" thread
    on_packet = service.packet_callback(camera.id)      # stable per camera, recording or not
    pool.open_stream(stream_id, source, on_packet=on_packet, ...)
    service.start(camera.id, stream_id); ...; service.shutdown()

DecoderPool takes `on_packet` only when a stream opens, so `packet_callback` returns a router to the
camera's current recorder: recording switches on and off without reopening the stream. `stop` joins
the writer until the open segment is closed (off the GUI thread, or with a small timeout); `recover`
and `run_retention` block on disk and database. `start` does not start the recorder's writer thread
itself: `Thread.start` waits until the new thread has run, 80–125 ms on the GUI thread with a wall
of decoders holding the GIL, so a "recorder-start" worker starts it while packets already queue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import av

from app.persistence import Database
from app.video.recorder import CameraRecorder, RecorderStats
from app.video.recorder_settings import RecordingSettings
from app.video.retention import (
    AuditAppend,
    DiskUsageFn,
    RetentionReport,
    RetentionRunner,
    apply_retention,
    real_disk_usage,
)
from app.video.segment_files import store_id
from app.video.segment_recovery import RecoveryReport, recover_store

log = logging.getLogger(__name__)

PacketCallback = Callable[[str, av.Packet], None]


class RecordingService:
    def __init__(
        self,
        database: Database,
        root: Path,
        settings: RecordingSettings | None = None,
        *,
        disk_usage: DiskUsageFn = real_disk_usage,
        clock: Callable[[], datetime] = datetime.now,
        audit: AuditAppend | None = None,  # what retention deleted goes to the audit chain through it
    ) -> None:
        self.database = database
        self.root = root
        self.settings = settings or RecordingSettings()
        self.store = store_id(root)  # creates the folder and its id on first use
        self._disk_usage = disk_usage
        self._clock = clock
        self._audit = audit
        self._lock = threading.Lock()  # guards _recorders and _routers
        self._recorders: dict[int, CameraRecorder] = {}
        self._routers: dict[int, PacketCallback] = {}
        self._stopping: list[threading.Thread] = []  # stop_soon's threads, joined by shutdown
        self._retention: RetentionRunner | None = None
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recorder-start")
        # Its worker exists before the first tile opens (created on the start-up thread).
        self._starter.submit(lambda: None)
        self._starts: dict[int, Future[None]] = {}  # camera id -> its recorder's thread start

    # ----- recording -----

    def packet_callback(self, camera_id: int) -> PacketCallback:
        """The `on_packet` to pass to DecoderPool.open_stream for this camera (the same object each time).

        Runs on the decoder thread: one dict lookup, then the recorder's non-blocking hand-off.
        """
        with self._lock:
            router = self._routers.get(camera_id)
            if router is None:
                recorders = self._recorders

                def router(stream_id: str, packet: av.Packet) -> None:
                    recorder = recorders.get(camera_id)  # a plain dict read: atomic under the GIL
                    if recorder is not None:
                        recorder.on_packet(stream_id, packet)

                self._routers[camera_id] = router
            return router

    def start(self, camera_id: int, pool_stream_id: str) -> PacketCallback:
        """Record the packets of pool stream `pool_stream_id` as camera `camera_id`.

        Returns the camera's `packet_callback`; if the stream was opened without it, reopen the
        stream with it (the pool's packet hook is fixed when a stream opens). Call start and stop
        from one thread (the GUI's or the composition root's).
        """
        callback = self.packet_callback(camera_id)
        with self._lock:
            current = self._recorders.get(camera_id)
        if current is not None:
            if current.stream_id == pool_stream_id:
                return callback  # already recording this stream
            self.stop(camera_id)  # the camera moved to another pool stream
        recorder = CameraRecorder(
            camera_id,
            self.root,
            self.database,
            store=self.store,
            settings=self.settings,
            stream_id=pool_stream_id,
            clock=self._clock,
        )
        with self._lock:
            self._recorders[camera_id] = recorder
            # Packets queue from now on; the writer drains them once its thread runs.
            try:
                self._starts[camera_id] = self._starter.submit(recorder.start)
            except RuntimeError:  # after shutdown: nobody is waiting on the GUI thread any more
                recorder.start()
        log.info("recording camera %s from stream %r", camera_id, pool_stream_id)
        return callback

    def stop(self, camera_id: int, timeout: float = 10.0) -> bool:
        """Stop recording a camera: the open segment is closed and indexed. True when finished."""
        with self._lock:
            recorder = self._recorders.pop(camera_id, None)
            started = self._starts.pop(camera_id, None)
        if recorder is None:
            return True
        _wait_started(started)
        finished = recorder.stop(timeout)
        if not finished:
            log.warning("recorder of camera %s did not finish within %.0f s", camera_id, timeout)
        return finished

    def stop_soon(self, camera_id: int) -> None:
        """Stop recording without waiting (GUI thread): the segment is closed on a short-lived thread.

        The recorder leaves the table at once, so a `start` right after (a tile switching from sub to
        main stream) begins a new recorder instead of racing with the old one's shutdown.
        """
        with self._lock:
            recorder = self._recorders.pop(camera_id, None)
            started = self._starts.pop(camera_id, None)
        if recorder is None:
            return

        def finish() -> None:
            _wait_started(started)  # a recorder stopped before its thread ran must still close
            if not recorder.stop(10.0):
                log.warning("recorder of camera %s did not finish within 10 s", camera_id)

        thread = threading.Thread(target=finish, name=f"recorder-stop-{camera_id}", daemon=True)
        with self._lock:
            self._stopping = [t for t in self._stopping if t.is_alive()]
            self._stopping.append(thread)
        thread.start()

    def cut(self, camera_id: int, timeout: float = 5.0) -> bool:
        """Make the camera's recording up to now playable: its open segment is closed at the next
        keyframe (CameraRecorder.cut). Blocks up to `timeout` s; True when done or not recording."""
        with self._lock:
            recorder = self._recorders.get(camera_id)
        return True if recorder is None else recorder.cut(timeout)

    def recording_cameras(self) -> list[int]:
        with self._lock:
            return sorted(self._recorders)

    def stats(self, camera_id: int) -> RecorderStats | None:
        with self._lock:
            recorder = self._recorders.get(camera_id)
        return None if recorder is None else recorder.stats()

    def open_segments(self) -> set[str]:
        """Relative paths being written right now (retention leaves them alone)."""
        with self._lock:
            recorders = list(self._recorders.values())
        return {path for path in (r.open_segment for r in recorders) if path is not None}

    # ----- recovery and retention -----

    def recover(self) -> RecoveryReport:
        """Start-up, before any recorder runs: trim or remove crashed segments, re-index lost files."""
        if self.recording_cameras():
            raise RuntimeError("recover() must run before recording starts")
        return recover_store(self.database, self.root, self.store, scan_days=self.settings.recover_scan_days)

    def run_retention(self) -> RetentionReport:
        """One retention pass now (any worker thread)."""
        return apply_retention(
            self.database,
            self.root,
            self.store,
            self.settings.retention,
            now=self._clock(),
            disk_usage=self._disk_usage,
            protected=self.open_segments(),
            audit=self._audit,
        )

    def start_retention(self, on_report: Callable[[RetentionReport], None] | None = None) -> None:
        """Run retention now and every `settings.retention.interval_seconds` on "video-retention"."""
        if self._retention is not None:
            return
        self._retention = RetentionRunner(
            self.run_retention, self.settings.retention.interval_seconds, on_report=on_report
        )
        self._retention.start()

    # ----- supervision (app/video/recording_supervision.py, the supervisor's thread) -----

    def crashed_cameras(self) -> list[int]:
        """Cameras whose recorder thread ended without being stopped."""
        with self._lock:
            return sorted(c for c, recorder in self._recorders.items() if recorder.crashed)

    def restart_crashed(self) -> None:
        """A new recorder, on the same stream, for each camera whose recorder crashed."""
        for camera_id in self.crashed_cameras():
            with self._lock:
                recorder = self._recorders.pop(camera_id, None)
            if recorder is not None and recorder.stream_id is not None:
                self.start(camera_id, recorder.stream_id)

    @property
    def retention_running(self) -> bool:
        return self._retention is None or self._retention.running

    def restart_retention(self) -> None:
        if self._retention is not None and not self._retention.running:
            on_report = self._retention.on_report
            self._retention = None
            self.start_retention(on_report)

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Stop retention and every recorder (closing their segments). True when all finished."""
        finished = True
        if self._retention is not None:
            finished = self._retention.stop(timeout)
            self._retention = None
        for camera_id in self.recording_cameras():
            finished = self.stop(camera_id, timeout) and finished
        with self._lock:
            stopping, self._stopping = self._stopping, []
        for thread in stopping:  # recorders handed to stop_soon: their segments must be indexed too
            thread.join(timeout)
            finished = finished and not thread.is_alive()
        self._starter.shutdown(wait=True)
        return finished


def _wait_started(started: Future[None] | None) -> None:
    """Until the recorder's thread has been started (or failed to): stopping one not yet started
    would return at once and leave its queued packets to a writer nobody waits for."""
    if started is not None:
        started.exception()  # waits; a thread that could not start leaves nothing to wait for
