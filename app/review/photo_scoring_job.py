"""Background photo scoring: runs app/review/photo_scoring_worker.py in a child process and watches it.

Started after the window is up (app/bootstrap.py) and stopped at shutdown, before the database is
disposed. The scoring (dlib holds the GIL) runs in a "spawn" child at lower CPU priority; the GUI
process only runs a small "photo-scoring" thread that reads its messages. `start` and `stop` are
called from one thread; the callbacks run on the "photo-scoring" thread and must not touch widgets.
A worker that dies unasked (killed, out of memory, ScorerFailed) is logged and restarted at once up
to `max_restarts` times (none by default), then `health()` says why; the RestartSupervisor
(app/restart_supervisor.py) calls `restart()` with backoff (1 s … 5 min), and the time without
scoring is a coverage gap. A worker silent for `hang_s` (it reports every photo and every pass) is
hung: `restart()` kills it. Each score commits on its own, so a crash loses at most one photo.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from app.restart_supervisor import RUNNING, Health
from app.review.photo_scoring_worker import (
    PassFinished,
    PhotoFailed,
    PhotoScored,
    ScorerFailed,
    ScorerNotice,
    ScorerReady,
    ScoringConfig,
    ScoringProgress,
    worker_main,
)

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]  # (scored in this pass, unscored when the pass started)


class PhotoScoringJob:
    def __init__(
        self,
        config: ScoringConfig,
        *,
        on_progress: ProgressFn | None = None,
        on_pass: Callable[[PassFinished], None] | None = None,
        on_photo: Callable[[PhotoScored], None] | None = None,
        max_restarts: int = 0,
        hang_s: float = 900.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.on_progress = on_progress
        self.on_pass = on_pass
        self.on_photo = on_photo
        self.max_restarts = max_restarts
        self.hang_s = hang_s
        self._monotonic = monotonic
        self._last_word = monotonic()  # the last message from the worker (its heartbeat)
        self.crashed = False  # the watch ended because the worker died, not because it was asked
        # Why the restarted worker was down, until it scores a photo or ends a pass.
        self._proving = ""
        self._context = multiprocessing.get_context("spawn")
        self._stop_flag = self._context.RawValue("b", 0)  # see photo_scoring_worker._StopOrOrphaned
        self._lock = threading.Lock()
        self._stopping = False
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._thread: threading.Thread | None = None
        self.ready: ScorerReady | None = None  # the running (or last) worker's engine and threshold
        self.passes: list[PassFinished] = []
        self.restarts = 0
        self._immediate_restarts = 0
        self.failure = ""  # the last crash, as logged
        self.scored = 0  # over the job's life

    # ----- lifecycle (caller's thread) -----

    def start(self) -> None:
        with self._lock:
            if self._thread is not None or self._stopping:
                return
            self._spawn()
            self._thread = threading.Thread(target=self._watch, name="photo-scoring", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to stop after the photo in hand; kill it if it has not within `timeout`."""
        deadline = time.monotonic() + timeout
        with self._lock:
            self._stopping = True
            self._stop_flag.value = 1
        thread = self._thread
        if thread is None:
            return
        # The watch thread alone joins the worker (two joiners race for its exit status).
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            process = self._process
            if process is not None and process.is_alive():
                log.warning("photo scoring worker (pid %s) did not stop in time: killed", process.pid)
                process.kill()
            thread.join(7.0)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the job to end on its own (a `once` or `limit` run); True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def pid(self) -> int | None:
        process = self._process
        return None if process is None else process.pid

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def kill_worker(self) -> None:
        """Kill the worker as a crash would (tests)."""
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    # ----- supervision (the "subsystem-supervisor" thread) -----

    def health(self) -> Health:
        """Down when the worker died and was not restarted, or hangs (no word for `hang_s`)."""
        with self._lock:
            if self._stopping or self._thread is None:
                return RUNNING
            if self.crashed:
                return Health(False, self.failure or "photo scoring worker died")
            proving = self._proving
        silent = self._monotonic() - self._last_word
        if self.running and silent > self.hang_s:
            return Health(False, f"photo scoring worker hung (no word for {silent:.0f} s)")
        if proving and self.running:  # restarted, but not scored or finished a pass yet: still a gap
            return Health(False, proving, restartable=False)
        return RUNNING

    def restart(self) -> None:
        """Start a new worker (killing a hung one first) and a new watch thread."""
        thread = self._thread
        reason = ""
        if thread is not None and thread.is_alive():
            reason = self.health().reason  # hung: say so until the new worker proves itself
            self.kill_worker()
            thread.join(10.0)
            if thread.is_alive():
                raise RuntimeError("the photo scoring watch thread did not end")
        with self._lock:
            if self._stopping:
                return
            self.restarts += 1
            self._proving = reason or self.failure or "photo scoring worker restarting"
            self.crashed = False
            self.failure = ""
            self._last_word = self._monotonic()
            self._spawn()
            self._thread = threading.Thread(target=self._watch, name="photo-scoring", daemon=True)
            self._thread.start()
        log.warning("photo scoring worker restarted (restart %d)", self.restarts)

    # ----- the "photo-scoring" thread -----

    def _spawn(self) -> None:  # with self._lock held
        parent, child = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=worker_main,
            args=(self.config, child, self._stop_flag),
            name="photo-scoring-worker",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent
        log.info("photo scoring worker started (pid %s)", process.pid)

    def _watch(self) -> None:
        while True:
            process, conn = self._process, self._conn
            assert process is not None and conn is not None
            self._drain(process, conn)
            conn.close()
            process.join(5.0)
            if process.is_alive():  # closed its pipe but hangs on the way out
                process.kill()
                process.join(1.0)
            exitcode = process.exitcode
            with self._lock:
                if self._stopping or exitcode == 0:
                    return
                self.failure = self.failure or f"exit code {exitcode}"
                if self._immediate_restarts >= self.max_restarts:
                    log.error(
                        "photo scoring worker (pid %s) died (%s): waiting for the supervisor to restart it",
                        process.pid,
                        self.failure,
                    )
                    self.crashed = True
                    return
                log.error("photo scoring worker (pid %s) died (%s): restarting it", process.pid, self.failure)
                self._immediate_restarts += 1
                self.restarts += 1
                self.failure = ""
                self._spawn()

    def _drain(self, process: BaseProcess, conn: Connection) -> None:
        """Handle messages until the worker's end of the pipe closes (it exited or was killed)."""
        while True:
            try:
                if not conn.poll(0.25):
                    if not process.is_alive() and not conn.poll(0):
                        return
                    continue
                message = conn.recv()
            except (EOFError, OSError):
                return
            try:
                self._handle(message)
            except Exception:  # a faulty callback must not end the watch
                log.exception("photo scoring: handling %s failed", type(message).__name__)

    def _handle(self, message: object) -> None:
        self._last_word = self._monotonic()
        if isinstance(message, ScoringProgress):
            if self.on_progress is not None:
                self.on_progress(message.scored, message.total)
        elif isinstance(message, PhotoScored):
            self._proving = ""
            self.scored += 1
            if self.on_photo is not None:
                self.on_photo(message)
        elif isinstance(message, PassFinished):
            self._proving = ""
            self.passes.append(message)
            rate = message.scored / message.seconds if message.seconds > 0 else 0.0
            if message.scored or message.failed:
                log.info(
                    "photo scoring pass: %d scored (%.2f/s), %d waiting for their files, %d failed",
                    message.scored,
                    rate,
                    message.missing,
                    message.failed,
                )
            if self.on_pass is not None:
                self.on_pass(message)
        elif isinstance(message, ScorerReady):
            self.ready = message
            log.info(
                "photo scoring with %s at threshold %.3f (%s%s), worker pid %s",
                message.engine_id,
                message.threshold,
                message.threshold_source,
                f" of {message.calibrated_at:%Y-%m-%d %H:%M}" if message.calibrated_at else "",
                message.pid,
            )
        elif isinstance(message, ScorerNotice):
            log.info("photo scoring: %s", message.text)
        elif isinstance(message, PhotoFailed):
            log.warning("photo scoring: photo %s could not be scored: %s", message.photo_id, message.error)
        elif isinstance(message, ScorerFailed):
            self.failure = _exception_line(message.message)
            log.error("photo scoring worker failed:\n%s", message.message)


def _exception_line(traceback_text: str) -> str:
    """The exception's own line of a traceback (not SQLAlchemy's "(Background on this error …)")."""
    lines = [line for line in traceback_text.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith((" ", "(")) and ": " in line:
            return line.strip()
    return lines[-1].strip() if lines else "failed"
