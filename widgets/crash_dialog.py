"""The unhandled-exception dialog and the hooks that show it (after qutebrowser's crash dialog).

`install_excepthook(app)` replaces sys.excepthook and threading.excepthook. The hooks run on the
thread that failed: they build the report there (app.crash_report, plain Python), log the exception
and hand the finished text to a `CrashHandler` living in the GUI thread through a queued signal.
Only that slot, on the GUI thread, creates widgets; a worker thread never touches one.

The dialog is shown with show(), not exec(): a nested event loop inside an exception hook could
re-enter the code that just failed, and show() keeps the dialog testable without blocking. It is
application-modal, so the officer sees it before carrying on.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.crash_report import build_report

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadingHook = Callable[[threading.ExceptHookArgs], object]

_SEPARATOR = "\n" + "-" * 72 + "\n"


class CrashDialog(QDialog):
    """Shows a crash report read-only, with Copy report, Close (carry on) and Quit."""

    quit_requested = Signal()

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(760, 560)

        intro = QLabel(
            self.tr(
                "The console ran into an unexpected error. The report below helps the developers "
                "find the cause; passwords and tokens have been removed from it.\n"
                "You can close this window and carry on, or quit and restart the console."
            )
        )
        intro.setWordWrap(True)

        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setPlainText(report)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.close_button = QPushButton(self.tr("Close"))
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)  # Enter must not quit the console by accident
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button.clicked.connect(self.reject)
        self.quit_button.clicked.connect(self._quit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)

    def report(self) -> str:
        return self.report_view.toPlainText()

    def add_report(self, report: str) -> None:
        """Append a further crash instead of stacking a second dialog on the first."""
        self.report_view.appendPlainText(_SEPARATOR + report)

    @Slot()
    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report())
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def _quit(self) -> None:
        self.quit_requested.emit()
        self.accept()


class CrashHandler(QObject):
    """Lives in the GUI thread; receives finished reports from any thread and shows the dialog."""

    # Carries only the report text across threads: widgets and traceback objects stay put.
    _report_ready = Signal(str)

    def __init__(self, app: QApplication, *, quit_app: Callable[[], None] | None = None) -> None:
        if QThread.currentThread() != app.thread():
            raise RuntimeError("install the crash handler from the GUI thread")
        super().__init__(app)  # parented to the app: lives in its thread, dies with it
        self._quit_app = quit_app if quit_app is not None else (lambda: app.exit(1))
        self.dialog: CrashDialog | None = None
        self._previous_excepthook: ExceptHook = sys.excepthook
        self._previous_threading_hook: ThreadingHook = threading.excepthook
        # Queued even on the GUI thread: shown from a clean loop turn, not the failing slot.
        self._report_ready.connect(self._show_report, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle_exception
        threading.excepthook = self._handle_thread_exception

    def uninstall(self) -> None:
        """Restore the hooks found at construction (tests; shutdown after the app is gone)."""
        if sys.excepthook == self.handle_exception:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._handle_thread_exception:
            threading.excepthook = self._previous_threading_hook

    def handle_exception(
        self,
        exc_type: type[BaseException],
        exc_value: BaseException,
        exc_tb: TracebackType | None,
        thread_name: str | None = None,
    ) -> None:
        """sys.excepthook; runs on the failing thread."""
        if issubclass(exc_type, KeyboardInterrupt):
            # Ctrl+C in a terminal is a request to stop, not a crash.
            self._previous_excepthook(exc_type, exc_value, exc_tb)
            return
        try:
            # Report first, then log: the log tail in the report should not repeat this traceback.
            report = build_report((exc_type, exc_value, exc_tb), thread_name=thread_name)
            log.critical("Unhandled exception", exc_info=(exc_type, exc_value, exc_tb))
            self._report_ready.emit(report)
        except Exception:
            # Qt side gone (shutting down) or the report failed: never lose the exception.
            self._previous_excepthook(exc_type, exc_value, exc_tb)

    def _handle_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook; runs on the failing worker thread."""
        if issubclass(args.exc_type, SystemExit):
            return  # the standard hook ignores SystemExit in threads too
        value = args.exc_value if args.exc_value is not None else RuntimeError(args.exc_type.__name__)
        name = args.thread.name if args.thread is not None else None
        self.handle_exception(args.exc_type, value, args.exc_traceback, thread_name=name)

    @Slot(str)
    def _show_report(self, report: str) -> None:
        # GUI thread only (queued connection to an object living in the GUI thread).
        if self.dialog is not None:
            self.dialog.add_report(report)
            self.dialog.raise_()
            return
        dialog = CrashDialog(report, QApplication.activeWindow())
        dialog.quit_requested.connect(self._quit_app)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    @Slot()
    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


def install_excepthook(app: QApplication, *, quit_app: Callable[[], None] | None = None) -> CrashHandler:
    """Show unhandled exceptions from any thread in a CrashDialog. Call once, on the GUI thread.

    `quit_app` runs when the officer presses Quit (default: leave the event loop with code 1).
    Returns the handler, whose uninstall() restores the previous hooks.
    """
    handler = CrashHandler(app, quit_app=quit_app)
    handler.install()
    return handler
