"""The coordinator's handle on the face-analysis worker process: submit frames, collect results.

Used from ONE thread (the analysis coordinator, app/vision/analysis_service.py); not thread-safe.
Nothing here blocks for long: `submit` copies a frame into a free shared-memory buffer and sends a
small message, or drops the frame (counted) when every buffer is still in the worker; `poll` waits
at most its timeout for results. The worker runs in a "spawn" process so that it shares neither
the GIL nor any lock state with the GUI process.

Crashes: when the worker dies (or leaves a frame unanswered for `result_timeout_s`, i.e. hangs),
`poll` notices, takes back every buffer, starts a new worker (with backoff when it keeps dying)
and, once the new worker is ready, reports the blind span through `on_gap(AnalysisGap)`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import count
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TypedDict

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box
from app.vision.analysis_protocol import FrameJob, FrameResult, WorkerConfig, WorkerFailed, WorkerReady
from app.vision.analysis_worker import worker_main
from app.vision.frame_ring import FrameRing

log = logging.getLogger(__name__)

MAX_RESTART_DELAY_S = 30.0


@dataclass(frozen=True, slots=True)
class AnalysisGap:
    """A span in which frames were not analysed because the worker died or hung (naive local times)."""

    started_at: datetime
    ended_at: datetime
    reason: str
    lost_frames: int  # frames that were in the worker when it died
    exitcode: int | None


@dataclass(frozen=True, slots=True)
class ProcessCounters:
    submitted: int
    completed: int
    dropped_busy: int  # no free buffer (worker behind) or worker not ready
    lost_in_crash: int
    restarts: int
    in_flight: int


class JobOptions(TypedDict, total=False):
    """What `submit` takes besides the camera and its frame (FrameJob's fields; defaults there)."""

    captured_at: datetime | None
    skip_boxes: tuple[Box, ...]
    upsample: int
    max_embeddings: int
    track_boxes: tuple[Box, ...]
    full_frame: bool
    arrival_skip_boxes: tuple[Box, ...] | None


@dataclass(slots=True)
class _Pending:
    job: FrameJob
    sent_monotonic: float
    captured_at: datetime


def _now() -> datetime:
    return datetime.now()


class AnalysisProcess:
    def __init__(
        self,
        config: WorkerConfig | None = None,
        *,
        ring_slots: int = 4,
        slot_bytes: int = 640 * 640 * 3,
        result_timeout_s: float = 30.0,
        on_gap: Callable[[AnalysisGap], None] | None = None,
        job_ids: Iterator[int] | None = None,
    ) -> None:
        """`job_ids`: shared by the workers of a pool (app/vision/analysis_pool.py), so that a job id
        names one frame whichever worker has it."""
        self.config = config or WorkerConfig()
        self.result_timeout_s = result_timeout_s
        self.on_gap = on_gap
        self._context = multiprocessing.get_context("spawn")
        self._ring = FrameRing.create(ring_slots, slot_bytes)
        self._process: BaseProcess | None = None
        self._ending = threading.Lock()
        self._conn: Connection | None = None
        self._ready = False
        self._pending: dict[int, _Pending] = {}
        self._job_ids = job_ids or count(1)
        self._submitted = self._completed = self._dropped = self._lost = self._restarts = 0
        self._gap_started: datetime | None = None
        self._gap_reason = ""
        self._gap_lost = 0
        self._gap_exitcode: int | None = None
        self._restart_at = 0.0  # monotonic time before which no restart is tried
        self._restart_delay = 0.5
        self._stopped = False
        self.engine_id = ""
        self.embedding_id = ""
        self.pid: int | None = None
        self.failure = ""  # the last WorkerFailed message

    # ----- lifecycle -----

    def start(self, wait_ready: float = 0.0) -> bool:
        """Start the worker (once); with wait_ready > 0, wait that long for it to load its models."""
        if self._process is None:
            self._spawn()
        deadline = time.monotonic() + wait_ready
        while wait_ready > 0 and not self._ready and time.monotonic() < deadline:
            self.poll(min(0.1, max(0.0, deadline - time.monotonic())))
        return self._ready

    def _spawn(self) -> None:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=worker_main,
            args=(child, self._ring.names, self._ring.slot_bytes, self.config),
            name="vision-analysis-worker",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn, self._ready = process, parent, False
        log.info("analysis worker started (pid %s)", process.pid)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopped = True
        self._end_worker(timeout)
        with self._ending:
            self._ring.close()

    def restart(self, config: WorkerConfig, timeout: float = 2.0) -> None:
        """Replace the worker by one built with `config` (a new detector); frames in flight are
        dropped (counted as lost), not reported as a gap: nothing crashed."""
        self.config = config
        with self._ending:  # stop() waits for a restart under way, and no restart follows a stop
            if self._stopped:
                return
            self._end_worker_now(timeout)
            self._lost += len(self._pending)
            self._pending.clear()
            self._ring.release_all()
            self._ready = False
            self._spawn()

    def _end_worker(self, timeout: float) -> None:
        """Ask the worker to finish, kill it if it does not within `timeout`, close the pipe. One
        caller at a time: the restart supervisor and shutdown may stop the same worker together."""
        with self._ending:
            self._end_worker_now(timeout)

    def _end_worker_now(self, timeout: float) -> None:
        conn, process = self._conn, self._process
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join(1.0)
        if conn is not None:
            conn.close()
        self._conn = self._process = None

    def kill_worker(self) -> None:
        """Kill the worker as a crash would (tests, and the hang watchdog)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def connection(self) -> Connection | None:
        """The pipe to the worker (None while it restarts): a pool waits on all its workers' at once."""
        return self._conn

    @property
    def worker_alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def counters(self) -> ProcessCounters:
        return ProcessCounters(
            self._submitted, self._completed, self._dropped, self._lost, self._restarts, len(self._pending)
        )

    @property
    def has_free_buffer(self) -> bool:
        return self._ready and self._ring.free_count > 0

    # ----- frames -----

    def submit(
        self,
        camera_id: int,
        image: npt.NDArray[np.uint8],
        *,
        captured_at: datetime | None = None,
        skip_boxes: tuple[Box, ...] = (),
        upsample: int = 0,
        max_embeddings: int = 4,
        track_boxes: tuple[Box, ...] = (),
        full_frame: bool = True,
        arrival_skip_boxes: tuple[Box, ...] | None = None,
    ) -> int | None:
        """Send a frame to the worker; its job id, or None when dropped (worker behind or restarting)."""
        if not self._ready or self._conn is None:
            self._dropped += 1
            return None
        slot = self._ring.acquire()
        if slot is None:
            self._dropped += 1
            return None
        shape = self._ring.write(slot, np.ascontiguousarray(image, dtype=np.uint8))
        job = FrameJob(
            next(self._job_ids),
            camera_id,
            slot,
            shape,
            upsample,
            skip_boxes,
            max_embeddings,
            track_boxes,
            full_frame,
            arrival_skip_boxes,
        )
        try:
            self._conn.send(job)
        except OSError:
            self._ring.release(slot)
            self._dropped += 1
            return None
        self._pending[job.job_id] = _Pending(job, time.monotonic(), captured_at or _now())
        self._submitted += 1
        return job.job_id

    def pending_cameras(self) -> set[int]:
        return {p.job.camera_id for p in self._pending.values()}

    def pending_jobs(self) -> set[int]:
        """Jobs still in the worker (a crash or restart forgets them: they will never be answered)."""
        return set(self._pending)

    def poll(self, timeout: float = 0.0) -> list[FrameResult]:
        """Results that arrived (waiting at most `timeout` for the first); also supervises the worker."""
        results: list[FrameResult] = []
        conn = self._conn
        if conn is not None:
            try:
                wait = timeout
                while conn.poll(wait):
                    wait = 0.0
                    message = conn.recv()
                    if isinstance(message, FrameResult):
                        if self._finish(message):
                            results.append(message)
                    elif isinstance(message, WorkerReady):
                        self._on_ready(message)
                    elif isinstance(message, WorkerFailed):
                        self.failure = message.message
                        log.error("analysis worker failed to start:\n%s", message.message)
            except (EOFError, OSError):
                pass  # the worker died; supervise() below notices
        elif timeout > 0:
            time.sleep(min(timeout, 0.05))
        self._supervise()
        return results

    def _finish(self, result: FrameResult) -> bool:
        pending = self._pending.pop(result.job_id, None)
        if pending is None:
            return False  # a result from before a restart: its buffer was already taken back
        self._ring.release(result.slot)
        self._completed += 1
        if result.error:
            log.warning("analysis worker error on camera %s: %s", result.camera_id, result.error)
        return True

    def _on_ready(self, ready: WorkerReady) -> None:
        self._ready = True
        self.engine_id, self.embedding_id, self.pid = ready.engine_id, ready.embedding_id, ready.pid
        self._restart_delay = 0.5
        if self._gap_started is not None:
            gap = AnalysisGap(self._gap_started, _now(), self._gap_reason, self._gap_lost, self._gap_exitcode)
            self._gap_started = None
            log.warning("analysis worker back after %s", gap.ended_at - gap.started_at)
            if self.on_gap is not None:
                self.on_gap(gap)

    # ----- supervision -----

    def _supervise(self) -> None:
        if self._stopped:
            return
        if self._process is None:
            self._maybe_restart()
            return
        now = time.monotonic()
        if self._process.is_alive():
            oldest = min((p.sent_monotonic for p in self._pending.values()), default=now)
            if now - oldest <= self.result_timeout_s:
                return
            log.error("analysis worker unanswered for %.0f s: killing it", now - oldest)
            self._process.kill()
            self._process.join(2.0)
            reason = "hung"
        else:
            reason = "crashed"
        self._on_death(reason)

    def _on_death(self, reason: str) -> None:
        process = self._process
        exitcode = None if process is None else process.exitcode
        lost = len(self._pending)
        if self._gap_started is None:
            first_lost = min((p.captured_at for p in self._pending.values()), default=None)
            self._gap_started = first_lost or _now()
            self._gap_reason, self._gap_lost, self._gap_exitcode = reason, lost, exitcode
        else:
            self._gap_lost += lost
        self._lost += lost
        self._pending.clear()
        self._ring.release_all()
        if self._conn is not None:
            self._conn.close()
        self._conn, self._process, self._ready = None, None, False
        log.error("analysis worker %s (exit code %s, %d frames lost)", reason, exitcode, lost)
        self._restart_at = time.monotonic() + self._restart_delay
        self._restart_delay = min(MAX_RESTART_DELAY_S, self._restart_delay * 2)

    def _maybe_restart(self) -> None:
        """Start a new worker when one died and its backoff delay has passed."""
        if self._process is not None or time.monotonic() < self._restart_at:
            return
        self._restarts += 1
        self._spawn()
