"""Waiting in tests for something to become true, instead of sleeping a fixed time and hoping.

`wait_until` polls a condition until it holds or a timeout passes. On the GUI thread of a running
QApplication it keeps Qt's event loop turning while it waits, so queued signals and timers fire.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    condition: Callable[[], T],
    timeout: float = 5.0,
    *,
    interval: float = 0.02,
    message: str | None = None,
) -> T:
    """Poll `condition()` every `interval` s until it returns something truthy, and return that.

    Fails the test (AssertionError) when it is still falsy after `timeout` seconds; `message` says
    what was awaited.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            what = message or getattr(condition, "__qualname__", repr(condition))
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what} (last value: {value!r})")
        _pause(min(interval, remaining))


def _pause(seconds: float) -> None:
    """Sleep, turning Qt's event loop meanwhile if this is the GUI thread of a QApplication."""
    if "PySide6.QtCore" in sys.modules:  # never import Qt into a test that does not use it
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QThread

        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            end = QDeadlineTimer(max(1, round(seconds * 1000)))
            while not end.hasExpired():
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
                time.sleep(min(0.005, max(0.0, end.remainingTime() / 1000)))
            return
    time.sleep(seconds)
