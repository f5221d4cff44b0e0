"""Fail a test that leaves threads, active QTimers, top-level widgets or child processes behind.

Registered for the whole suite in tests/conftest.py, these hooks note what is alive before each
test's setup and check again once all its fixtures are torn down. What is still alive after a short
grace period, and was not there before, fails the test. Session fixtures that start something meant
to outlive the test that first asks for them (a server process) say so with `outlives_the_test`.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.waiting import wait_until

GRACE_S = 3.0  # a stopped thread or process may take a moment to end after its stop returned

# Threads the process keeps for good, whichever test first starts them (name prefix → why). None yet.
PROCESS_WIDE_THREADS: dict[str, str] = {}

_kept_pids: dict[int, str] = {}


_kept_threads: dict[int, str] = {}


def outlives_the_test(pid: int, reason: str) -> None:
    """Let child process `pid`, started by a session fixture, outlive the test that started it."""
    _kept_pids[pid] = reason


def thread_outlives_the_test(thread: threading.Thread, reason: str) -> None:
    """Let `thread`, started by a module or session fixture, outlive the test that started it."""
    assert thread.ident is not None, "start the thread first"
    _kept_threads[thread.ident] = reason


@dataclass(frozen=True)
class Alive:
    """What was alive at one moment: thread idents, QTimer and top-level widget ids, child pids."""

    threads: frozenset[int] = frozenset()
    timers: frozenset[int] = frozenset()
    widgets: frozenset[int] = frozenset()
    children: frozenset[int] = frozenset()


@dataclass
class Leaks:
    threads: list[str] = field(default_factory=list)
    timers: list[str] = field(default_factory=list)
    widgets: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.threads or self.timers or self.widgets or self.children)

    def report(self) -> str:
        parts = [
            f"{what}: {', '.join(found)}"
            for what, found in (
                ("threads", self.threads),
                ("active QTimers", self.timers),
                ("top-level widgets", self.widgets),
                ("child processes", self.children),
            )
            if found
        ]
        return "the test left behind " + "; ".join(parts)


def _thread_running(thread: threading.Thread) -> bool:
    if isinstance(thread, threading._DummyThread):  # a foreign (Qt) thread that ran Python code once
        return thread.native_id is not None and Path(f"/proc/self/task/{thread.native_id}").exists()
    return thread.is_alive()


def _threads() -> dict[int, threading.Thread]:
    return {
        t.ident: t
        for t in threading.enumerate()
        if t.ident is not None and t is not threading.main_thread() and _thread_running(t)
    }


def _qt_objects() -> tuple[dict[int, str], dict[int, str]]:
    """Active QTimers (of the application and of top-level widgets) and top-level widgets, by id."""
    if "PySide6.QtWidgets" not in sys.modules:
        return {}, {}
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    app = QCoreApplication.instance()
    if app is None:
        return {}, {}
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() asked
    widgets = {
        shiboken6.getCppPointer(w)[0]: f"{type(w).__name__}({w.objectName()!r}, visible={w.isVisible()})"
        for w in (QApplication.topLevelWidgets() if isinstance(app, QApplication) else [])
        if shiboken6.isValid(w)
    }
    owners = [app, *(w for w in QApplication.topLevelWidgets())] if isinstance(app, QApplication) else [app]
    timers: dict[int, str] = {}
    for owner in owners:
        for timer in owner.findChildren(QTimer):
            if shiboken6.isValid(timer) and timer.isActive():
                parent = timer.parent()
                timers[shiboken6.getCppPointer(timer)[0]] = (
                    f"QTimer({timer.objectName()!r}, {timer.interval()} ms, of {type(parent).__name__})"
                )
    return timers, widgets


def _children() -> dict[int, str]:
    """Live child processes of this process (zombies count as ended), pid → command name."""
    multiprocessing.active_children()  # reaps finished multiprocessing children
    pids: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            pids.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    found: dict[int, str] = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        name, state = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2]
        if state != "Z":
            found[pid] = name
    return found


def alive() -> Alive:
    timers, widgets = _qt_objects()
    return Alive(frozenset(_threads()), frozenset(timers), frozenset(widgets), frozenset(_children()))


def _process_wide_children() -> set[int]:
    """Children the process keeps for good: multiprocessing's resource tracker, started by the
    first test that makes shared memory, lives until the interpreter exits."""
    from multiprocessing import resource_tracker

    pid = getattr(resource_tracker._resource_tracker, "_pid", None)
    return {pid} if pid is not None else set()


def leaks_since(before: Alive) -> Leaks:
    threads = _threads()
    timers, widgets = _qt_objects()
    children = _children()
    kept = _process_wide_children()
    return Leaks(
        threads=[
            f"{t.name} ({'daemon' if t.daemon else 'non-daemon'})"
            for ident, t in threads.items()
            if ident not in before.threads
            and ident not in _kept_threads
            and t.name.split("-")[0] not in PROCESS_WIDE_THREADS
        ],
        timers=[text for key, text in timers.items() if key not in before.timers],
        widgets=[text for key, text in widgets.items() if key not in before.widgets],
        children=[
            f"{name} (pid {pid})"
            for pid, name in children.items()
            if pid not in before.children and pid not in _kept_pids and pid not in kept
        ],
    )


def check_no_leaks(before: Alive, grace_s: float = GRACE_S) -> None:
    """Fail unless nothing new is still alive once the grace period has passed."""
    if not leaks_since(before):
        return
    gc.collect()  # a widget or timer only Python still held goes now
    try:
        wait_until(lambda: not leaks_since(before), grace_s, interval=0.05)
        return
    except AssertionError:
        pass
    pytest.fail(leaks_since(before).report(), pytrace=False)


_before = pytest.StashKey[Alive]()
_call_failed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    item.stash[_before] = alive()  # before any of the test's fixtures
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_call_failed] = report.failed
    return report


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """After every fixture's teardown: what the test started must have ended."""
    result = yield
    before = item.stash.get(_before, None)
    if before is None or item.stash.get(_call_failed, False):
        return result  # a failed test's traceback keeps its objects alive: its failure says enough
    # pytest drops the fixture values only after this hook; what they hold must be able to go now.
    if isinstance(item, pytest.Function):
        item.funcargs.clear()
    check_no_leaks(before)
    return result
