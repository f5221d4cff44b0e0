"""TaskRunner: work runs on a pool thread, results come back on the GUI thread, cancel is honoured."""

from __future__ import annotations

import functools
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel

from app.tasks import TaskRunner, current_handle
from tests.helpers.synchronous_tasks import SynchronousTaskRunner


def test_result_is_computed_off_and_delivered_on_the_gui_thread(qtbot, threaded_tasks: TaskRunner) -> None:
    main = threading.get_ident()
    worker_threads: list[int] = []
    delivered: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        app = QApplication.instance()
        assert app is not None
        delivered.append((value, QThread.currentThread() is app.thread()))

    handle = threaded_tasks.run(work, done)
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert delivered == [(42, True)]
    assert worker_threads and worker_threads[0] != main
    assert handle.is_done and threaded_tasks.pending_count() == 0


def test_exception_goes_to_on_error(qtbot, threaded_tasks: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("database is down")

    threaded_tasks.run(fail, lambda _v: errors.append(AssertionError("on_done called")), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "database is down"


def test_cancelled_task_calls_nothing(qtbot, threaded_tasks: TaskRunner) -> None:
    gate = threading.Event()
    called: list[object] = []
    handle = threaded_tasks.run(lambda: gate.wait(5), called.append, called.append)
    handle.cancel()
    gate.set()
    qtbot.waitUntil(lambda: threaded_tasks.pending_count() == 0, timeout=5000)
    assert called == []


def test_running_task_can_poll_for_cancel(qtbot, threaded_tasks: TaskRunner) -> None:
    started = threading.Event()
    saw_cancel: list[bool] = []

    def long_task() -> None:
        handle = current_handle()
        assert handle is not None
        started.set()
        for _ in range(500):
            if handle.is_cancelled:
                saw_cancel.append(True)
                return
            threading.Event().wait(0.01)

    handle = threaded_tasks.run(long_task, lambda _v: None)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: saw_cancel == [True], timeout=5000)


def test_callback_of_deleted_widget_is_dropped(qtbot, threaded_tasks: TaskRunner) -> None:
    label = QLabel()
    gate = threading.Event()
    threaded_tasks.run(lambda: gate.wait(5) and "late", label.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label), timeout=5000)
    gate.set()
    # Must not raise "Internal C++ object already deleted" inside Qt's event loop.
    qtbot.waitUntil(lambda: threaded_tasks.pending_count() == 0, timeout=5000)


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_ten_thousand_tasks_round_trip(qtbot, threaded_tasks: TaskRunner) -> None:
    """Each task costs one cross-thread Signal.emit: 10,000 would abort under PySide6 6.12.0."""
    results: list[int] = []
    for n in range(10_000):
        threaded_tasks.run(functools.partial(int, n), results.append)
    qtbot.waitUntil(lambda: len(results) == 10_000, timeout=60_000)
    assert sorted(results) == list(range(10_000))


class _Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot(int)
    def on_tick(self, _value: int) -> None:
        self.count += 1


class _Emitter(QObject):
    tick = Signal(int)
    flag = Signal(bool)


def test_ten_thousand_emits_across_threads(qtbot) -> None:
    """The pin check of docs/context.md: PySide6 6.12.0 drops a reference to True on every emit and
    aborts ("bool_dealloc") after ~550; a fixed release survives this, so the pin can be lifted."""
    counter = _Counter()
    emitter = _Emitter()
    emitter.tick.connect(counter.on_tick)  # queued: emitted from another thread
    flags: list[bool] = []
    emitter.flag.connect(flags.append)

    def pump() -> None:
        for n in range(10_000):
            emitter.tick.emit(n)
            emitter.flag.emit(n % 2 == 0)

    thread = threading.Thread(target=pump)
    thread.start()
    thread.join(60)
    qtbot.waitUntil(lambda: counter.count == 10_000 and len(flags) == 10_000, timeout=60_000)
    assert flags.count(True) == 5_000


def test_synchronous_runner_runs_inline_with_the_same_contract() -> None:
    runner = SynchronousTaskRunner()
    main = threading.get_ident()
    seen: list[object] = []
    handle = runner.run(lambda: threading.get_ident(), seen.append)
    assert seen == [main] and handle.is_done

    def fail() -> None:
        raise RuntimeError("boom")

    runner.run(fail, seen.append, seen.append)
    assert isinstance(seen[-1], RuntimeError)
    assert runner.calls == 2


def test_shutdown_waits_and_drops_callbacks(qtbot) -> None:
    runner = TaskRunner(max_threads=1)
    gate = threading.Event()
    called: list[object] = []
    runner.run(lambda: gate.wait(5), called.append)
    runner.run(lambda: 1, called.append)  # queued behind the first; shutdown drops it
    gate.set()
    assert runner.shutdown(5000)
    qtbot.wait(50)
    assert called == []
