"""The crash dialog and the exception hooks that show it, from the GUI thread and from workers."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.crash_report import ExcInfo, build_report
from widgets.crash_dialog import CrashDialog, CrashHandler, install_excepthook

SECRET = "Pa55-word"


def exc_info_of(error: BaseException) -> ExcInfo:
    try:
        raise error
    except BaseException:
        exc_type, exc_value, exc_tb = sys.exc_info()
        assert exc_type is not None and exc_value is not None
        return exc_type, exc_value, exc_tb


@pytest.fixture
def quits() -> list[str]:
    return []


@pytest.fixture
def handler(qapp: QApplication, quits: list[str]) -> Iterator[CrashHandler]:
    installed = install_excepthook(qapp, quit_app=lambda: quits.append("quit"))
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()
    installed.deleteLater()


def test_dialog_shows_report_read_only_and_copies_it(qtbot: QtBot) -> None:
    report = build_report(exc_info_of(ValueError("seat map is empty")))
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.report() == report
    assert "Traceback (most recent call last):" in dialog.report()
    assert "ValueError: seat map is empty" in dialog.report()
    assert dialog.report_view.isReadOnly()

    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == report


def test_quit_button_asks_to_quit(qtbot: QtBot) -> None:
    dialog = CrashDialog("report")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.quit_requested, timeout=1000):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_unhandled_exception_on_gui_thread_opens_the_dialog(
    qtbot: QtBot, handler: CrashHandler, caplog: pytest.LogCaptureFixture
) -> None:
    assert sys.excepthook == handler.handle_exception
    sys.excepthook(*exc_info_of(RuntimeError(f"lost rtsp://admin:{SECRET}@cam/1")))
    # Queued: nothing is shown from inside the hook itself.
    assert handler.dialog is None
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=2000)
    assert handler.dialog is not None
    text = handler.dialog.report()
    assert "RuntimeError: lost rtsp://admin:***@cam/1" in text
    assert SECRET not in text
    assert any(r.levelname == "CRITICAL" and r.exc_info for r in caplog.records)


def test_worker_thread_exception_is_shown_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, handler: CrashHandler
) -> None:
    def work() -> None:
        raise KeyError("track 17")

    worker = threading.Thread(target=work, name="decoder-worker")
    worker.start()
    worker.join(timeout=5)
    qtbot.waitUntil(lambda: handler.dialog is not None, timeout=2000)
    assert handler.dialog is not None
    assert handler.dialog.thread() == qapp.thread()
    assert "Thread: decoder-worker" in handler.dialog.report()
    assert "KeyError: 'track 17'" in handler.dialog.report()


def test_second_crash_is_appended_to_the_open_dialog(qtbot: QtBot, handler: CrashHandler) -> None:
    handler.handle_exception(*exc_info_of(ValueError("first")))
    qtbot.waitUntil(lambda: handler.dialog is not None, timeout=2000)
    first_dialog = handler.dialog
    handler.handle_exception(*exc_info_of(ValueError("second")))
    qtbot.waitUntil(lambda: "ValueError: second" in (handler.dialog.report() if handler.dialog else ""))
    assert handler.dialog is first_dialog


def test_closing_forgets_the_dialog_and_quit_calls_quit_app(
    qtbot: QtBot, handler: CrashHandler, quits: list[str]
) -> None:
    handler.handle_exception(*exc_info_of(ValueError("boom")))
    qtbot.waitUntil(lambda: handler.dialog is not None, timeout=2000)
    assert handler.dialog is not None
    qtbot.mouseClick(handler.dialog.quit_button, Qt.MouseButton.LeftButton)
    assert quits == ["quit"]
    assert handler.dialog is None


def test_keyboard_interrupt_goes_to_the_previous_hook(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: seen.append(t))
    installed = install_excepthook(qapp)
    try:
        sys.excepthook(*exc_info_of(KeyboardInterrupt()))
        assert seen == [KeyboardInterrupt]
        assert installed.dialog is None
    finally:
        installed.uninstall()
        installed.deleteLater()


def test_uninstall_restores_previous_hooks(qapp: QApplication) -> None:
    before = (sys.excepthook, threading.excepthook)
    installed = install_excepthook(qapp)
    assert (sys.excepthook, threading.excepthook) != before
    installed.uninstall()
    installed.deleteLater()
    assert (sys.excepthook, threading.excepthook) == before
