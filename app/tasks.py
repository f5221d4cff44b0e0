"""Run blocking work off the GUI thread and come back to it (after Picard's `run_task` / `to_main`).

Widgets never touch the database, files or the network themselves: they hand a callable to a
`TaskRunner`, which runs it on a QThreadPool worker and delivers the result (or the exception) to
callbacks on the GUI thread. Tests swap in a synchronous runner (tests/helpers) that does it inline.

Why the plumbing looks the way it does:
- Results cross threads through one QObject (`_Relay`) created on the GUI thread. Its signal carries
  only an int token; the result and the callbacks wait in a dict guarded by a lock: no Python object
  is marshalled through Qt (see docs/context.md, "Dependencies", on PySide6 6.12's emit bug).
- Cancellation is a flag: a task that has not started yet is skipped, a running one may poll
  `current_handle().is_cancelled`, and a cancelled task's callbacks are never called.
- A callback that is a bound method of a QObject already deleted by Qt is dropped instead of
  raising "Internal C++ object already deleted" (a pane closed while its query was running).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]

_local = threading.local()


class TaskHandle:
    """What `run` returns: a token and a cancellation flag shared with the worker (thread-safe)."""

    __slots__ = ("_cancelled", "_done", "token")

    def __init__(self, token: int) -> None:
        self.token = token
        self._cancelled = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        """Ask the task not to start (or to stop early) and not to call its callbacks."""
        self._cancelled.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def is_done(self) -> bool:
        """True once the callable has returned or raised (or was skipped because cancelled)."""
        return self._done.is_set()

    def _mark_done(self) -> None:
        self._done.set()


def current_handle() -> TaskHandle | None:
    """The handle of the task running on this worker thread, for long tasks that poll for cancel."""
    return getattr(_local, "handle", None)


@dataclass(slots=True)
class _Pending:
    handle: TaskHandle
    on_done: OnDone
    on_error: OnError | None
    ok: bool = False
    value: Any = None
    error: BaseException | None = None


class _Relay(QObject):
    """Lives on the GUI thread; its queued signal is how workers say "token N is finished"."""

    finished = Signal(int)

    def __init__(self, deliver: Callable[[int], None]) -> None:
        super().__init__()
        self._deliver_fn = deliver
        self.finished.connect(self._deliver)

    @Slot(int)
    def _deliver(self, token: int) -> None:
        # Runs on the GUI thread: the connection is queued because the emitter is a worker.
        self._deliver_fn(token)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], handle: TaskHandle, finish: Callable[..., None]) -> None:
        super().__init__()
        self._fn = fn
        self._handle = handle
        self._finish = finish

    def run(self) -> None:  # worker thread
        handle = self._handle
        if handle.is_cancelled:
            self._finish(handle.token, False, None, None)
            return
        _local.handle = handle
        try:
            value = self._fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self._finish(handle.token, False, None, exc)
        else:
            self._finish(handle.token, True, value, None)
        finally:
            _local.handle = None


def _callback_alive(callback: Callable[..., Any]) -> bool:
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class TaskRunner:
    """Runs callables on a thread pool; results come back to callbacks on the GUI thread.

    Construct it on the GUI thread (the relay object must live there). One runner serves the whole
    window; `shutdown` is for the composition root when the application quits.
    """

    def __init__(self, max_threads: int | None = None) -> None:
        self._lock = threading.Lock()
        self._pending: dict[int, _Pending] = {}
        self._tokens = itertools.count(1)
        self._pool = QThreadPool()
        if max_threads is not None:
            self._pool.setMaxThreadCount(max(1, max_threads))
        self._relay = _Relay(self._deliver)
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            log.warning("TaskRunner created off the GUI thread; callbacks will run on that thread")

    def run(self, fn: Callable[[], Any], on_done: OnDone, on_error: OnError | None = None) -> TaskHandle:
        """Start `fn()` on a worker. `on_done(result)` or `on_error(exc)` then runs on the GUI thread.

        Without `on_error`, failures are logged. Nothing is called once the handle is cancelled.
        """
        handle = TaskHandle(self._next_token())
        with self._lock:
            self._pending[handle.token] = _Pending(handle, on_done, on_error)
        self._pool.start(_Job(fn, handle, self._finish))
        return handle

    def pending_count(self) -> int:
        """Tasks started whose callbacks have not been delivered (or dropped) yet."""
        with self._lock:
            return len(self._pending)

    def cancel_all(self) -> None:
        with self._lock:
            handles = [p.handle for p in self._pending.values()]
        for handle in handles:
            handle.cancel()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel everything, drop queued jobs and wait for running ones. True if all finished."""
        self.cancel_all()
        self._pool.clear()
        finished = bool(self._pool.waitForDone(timeout_ms))
        with self._lock:
            self._pending.clear()
        return finished

    def _next_token(self) -> int:
        # The relay signal is Signal(int): keep tokens inside a C int, wrapping after ~2 billion.
        token = next(self._tokens) % 0x7FFFFFFF
        return token or next(self._tokens) % 0x7FFFFFFF

    def _finish(self, token: int, ok: bool, value: Any, error: BaseException | None) -> None:
        # Worker thread: park the outcome, then wake the GUI thread with the bare token.
        with self._lock:
            pending = self._pending.get(token)
            if pending is None:  # dropped by shutdown()
                return
            pending.ok, pending.value, pending.error = ok, value, error
            pending.handle._mark_done()
        try:
            self._relay.finished.emit(token)
        except RuntimeError:  # relay already deleted: the application is going away
            log.debug("task %d finished after the runner was torn down", token)

    def _deliver(self, token: int) -> None:
        # GUI thread.
        with self._lock:
            pending = self._pending.pop(token, None)
        if pending is None:
            return
        _call_back(pending)


def _call_back(pending: _Pending) -> None:
    """Invoke the right callback for a finished task; never lets an exception escape into Qt."""
    if pending.handle.is_cancelled:
        return
    try:
        if pending.ok:
            if _callback_alive(pending.on_done):
                pending.on_done(pending.value)
        elif pending.error is not None:
            if pending.on_error is None:
                log.error("background task failed", exc_info=pending.error)
            elif _callback_alive(pending.on_error):
                pending.on_error(pending.error)
    except Exception:
        log.exception("task callback raised")
