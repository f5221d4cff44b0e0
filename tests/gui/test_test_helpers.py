"""The suite's own helpers: wait_until waits (turning Qt's event loop), and the leak check sees each
kind of leftover (a thread, an active QTimer, a top-level widget, a child process) and its end."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from tests.helpers.leaks import alive, leaks_since
from tests.helpers.waiting import wait_until


def test_wait_until_returns_the_first_truthy_value() -> None:
    values = iter([0, None, "", "ready", "later"])
    assert wait_until(lambda: next(values), 1.0, interval=0.001) == "ready"


def test_wait_until_fails_after_the_timeout_saying_what_it_waited_for() -> None:
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"timed out after 0\.2 s waiting for the moon"):
        wait_until(lambda: False, 0.2, message="the moon")
    assert 0.2 <= time.monotonic() - started < 1.0


def test_wait_until_turns_the_event_loop_so_timers_fire(qapp) -> None:
    fired: list[bool] = []
    QTimer.singleShot(20, lambda: fired.append(True))
    assert wait_until(lambda: fired, 2.0)


def test_the_leak_check_sees_a_thread_until_it_ends() -> None:
    before = alive()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="left-running", daemon=True)
    thread.start()
    try:
        assert leaks_since(before).threads == ["left-running (daemon)"]
    finally:
        stop.set()
        thread.join()
    assert not leaks_since(before)


def test_the_leak_check_sees_an_active_timer_of_the_application(qapp) -> None:
    before = alive()
    timer = QTimer(QCoreApplication.instance())
    timer.setObjectName("forgotten")
    timer.start(1000)
    try:
        assert [t for t in leaks_since(before).timers if "forgotten" in t]
    finally:
        timer.stop()
        timer.deleteLater()
    assert not leaks_since(before)


def test_the_leak_check_sees_a_top_level_widget_until_it_is_deleted(qapp) -> None:
    before = alive()
    widget = QWidget()
    widget.setObjectName("orphan")
    try:
        assert [w for w in leaks_since(before).widgets if "orphan" in w]
    finally:
        widget.deleteLater()
        del widget
    assert not leaks_since(before)


def test_the_leak_check_sees_a_child_process_until_it_ends() -> None:
    before = alive()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert [c for c in leaks_since(before).children if f"pid {child.pid}" in c]
    finally:
        child.kill()
        child.wait()
    assert not leaks_since(before)
