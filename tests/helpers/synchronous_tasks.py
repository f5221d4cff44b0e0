"""A task runner that runs each task inline, for widget tests that want no threads.

It reuses the threaded runner's delivery (`_call_back`) and current-handle slot, so a widget tested
with it sees the same contract as with app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.tasks import OnDone, OnError, TaskHandle, TaskRunner, _call_back, _local, _Pending


class SynchronousTaskRunner(TaskRunner):
    """Runs each task inline, callbacks included, before `run` returns. For tests only.

    It keeps the threaded runner's contract (exceptions go to `on_error`, cancelled handles call
    nothing) so code tested with it behaves the same with the real runner.
    """

    def __init__(self) -> None:
        super().__init__(max_threads=1)
        self.calls = 0  # how many tasks ran, for assertions

    def run(self, fn: Callable[[], Any], on_done: OnDone, on_error: OnError | None = None) -> TaskHandle:
        handle = TaskHandle(self._next_token())
        pending = _Pending(handle, on_done, on_error)
        self.calls += 1
        _local.handle = handle
        try:
            pending.value, pending.ok = fn(), True
        except Exception as exc:
            pending.error = exc
        finally:
            _local.handle = None
            handle._mark_done()
        _call_back(pending)
        return handle
