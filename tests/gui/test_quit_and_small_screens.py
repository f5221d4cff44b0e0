"""Leaving the console, and fitting a laptop: Ctrl+Q asks while recording runs, SIGTERM and
--quit-after do not; at 1366×768 the Dashboard keeps only its row of figures."""

from __future__ import annotations

import dataclasses
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.domain.enums import Post
from app.persistence import Database
from app.settings import Settings
from app.shutdown_signals import ShutdownSignals
from app.video.recorder_service import RecordingService
from tests.helpers.event_world import create_database
from tests.helpers.small_city import user
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.quit_guard import running_work


@pytest.fixture
def recording(tmp_path: Path) -> Iterator[RecordingService]:
    database: Database = create_database(f"sqlite:///{tmp_path / 'rec.sqlite3'}")
    service = RecordingService(database, tmp_path / "recordings")
    yield service
    assert service.shutdown(timeout=10)
    database.dispose()


def test_quitting_while_recording_asks_first(qtbot, make_window, context: AppContext, recording) -> None:
    recording.start(1, "camera-1-sub")  # a real recorder, waiting for its stream's packets
    context = dataclasses.replace(context, recording=recording)
    window = make_window(given=context)
    try:
        _ask_before_quitting(qtbot, window, context, recording)
    finally:
        window._quit_confirmed = True  # a failure must not leave qtbot's close waiting for an answer


def _ask_before_quitting(qtbot, window, context: AppContext, recording: RecordingService) -> None:
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.video_wall.tiles_opening() == 0, timeout=5000)  # one per turn
    cameras = len(recording.recording_cameras())  # camera 1, and the wall's own cameras
    assert cameras >= 1
    work = [f"recording of {cameras} camera(s)"]
    assert running_work(context) == work

    asked: list[list[str]] = []

    def keep_running(work: list[str]) -> bool:
        asked.append(work)
        return False

    window.confirm_quit = keep_running
    window.quit_action.trigger()  # Ctrl+Q
    assert asked == [work] and window.isVisible()

    # The real question: "Keep running" is the default, "Quit" closes.
    del window.confirm_quit
    answers: list[str] = []

    def answer(button_text: str) -> None:
        # Never raises: an exception here would leave the question waiting for ever.
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            answers.append(f"no question but {box!r}")
            return
        answers.append(f"{box.objectName()}: {box.text()} [{box.defaultButton().text()}]")
        buttons = [b for b in box.buttons() if b.text() == button_text]
        buttons[0].click() if buttons else box.reject()

    QTimer.singleShot(50, lambda: answer("Keep running"))
    window.close()
    question = f"quitConfirmation: Quitting stops {work[0]}. [Keep running]"
    assert window.isVisible() and answers == [question]
    QTimer.singleShot(50, lambda: answer("Quit"))
    window.close()
    assert not window.isVisible() and answers == [question, question]


def test_nothing_running_or_the_os_quitting_does_not_ask(qtbot, make_window, context, recording) -> None:
    window = make_window()
    window.show()
    window.confirm_quit = lambda work: pytest.fail(f"asked with nothing running: {work}")
    window.close()
    assert not window.isVisible()

    recording.start(1, "camera-1-sub")
    other = make_window(given=dataclasses.replace(context, recording=recording))
    other.show()
    other.confirm_quit = lambda work: pytest.fail(f"asked although the OS quits: {work}")
    other.quit_without_asking()
    assert not other.isVisible()


def test_sigterm_reaches_the_event_loop(qtbot) -> None:
    """The handler only wakes Qt's loop; `requested` then fires on the GUI thread (console_startup
    connects it to the orderly close)."""
    signals = ShutdownSignals()
    try:
        with qtbot.waitSignal(signals.requested, timeout=5000) as blocker:
            os.kill(os.getpid(), signal.SIGTERM)
        assert blocker.args == [signal.SIGTERM] and signals.received == [signal.SIGTERM]
    finally:
        signals.uninstall()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_laptop_screen_collapses_the_dashboard(qtbot, make_window, settings: Settings) -> None:
    window = make_window(user(Post.SUPERVISOR), SynchronousTaskRunner())
    window.resize(1366, 728)  # 1366×768 under a 40-px task bar
    window.show()
    qtbot.waitExposed(window)
    pane = window.dashboard
    qtbot.waitUntil(lambda: pane.compact, timeout=3000)
    qtbot.waitUntil(lambda: pane.height() <= pane.compact_height() + 4, timeout=3000)
    assert pane.hour_chart is None  # collapsed from the start: pyqtgraph was never needed
    assert window.video_wall.height() > 728 * 0.6  # the wall has the room
    assert pane.collapse_button.text() == "Show charts"

    pane.collapse_button.click()  # the officer wants the charts after all
    qtbot.waitUntil(lambda: not pane.compact and pane.hour_chart is not None, timeout=3000)
    assert pane.height() >= pane.COMPACT_BELOW
    pane.collapse_button.click()
    qtbot.waitUntil(lambda: pane.compact, timeout=3000)
