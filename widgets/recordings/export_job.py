"""Exporting a span in the background: a cancellable progress dialog, then where it went and a check.

The export itself runs on the TaskRunner (it reads segments and writes a file). Its progress callback
is called on that worker thread, so it only stores a number; a GUI timer moves the dialog's bar, and
Cancel sets an Event the export polls. After an evidence package, "Verify" re-hashes the zip and
checks its signature on a worker (app.playback.evidence_package.check_package), names any file that no
longer matches, and shows the signing key's fingerprint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.playback.evidence_package import PackageCheck, check_package
from app.playback.span_export import ExportCancelled
from app.tasks import TaskHandle, TaskRunner
from widgets.error_texts import error_text

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]
# The blocking export: (target, progress, cancelled) -> the written path. Runs on a worker thread.
ExportCall = Callable[[Path, Progress, Cancelled], Path]


class ExportKind(StrEnum):
    CLIP = "clip"  # one MP4, remuxed
    PACKAGE = "package"  # zip: clip, snapshots, manifest, SHA-256 sums


class ExportJob(QObject):
    """One export: progress dialog while it runs, a message box when it ends. GUI thread."""

    finished = Signal(object)  # the written Path, or None when cancelled or failed
    verified = Signal(
        object
    )  # list[str] of changed files, SHA256SUMS.sig for a bad signature (empty: intact)

    POLL_MS = 100

    def __init__(self, tasks: TaskRunner, kind: ExportKind, parent: QWidget) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._parent = parent
        self.kind = kind
        self._fraction = 0.0  # written by the worker, read by the timer (a float store is atomic)
        self._cancel = threading.Event()
        self._handle: TaskHandle | None = None
        self.result: Path | None = None
        self.chosen: Path | None = None  # the target asked for; the result's name may be shortened
        self.error: BaseException | None = None
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setRange(0, 1000)
        self.dialog.setMinimumDuration(300)  # quick exports never flash a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.message_box: QMessageBox | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._show_progress)

    def start(self, export: ExportCall, target: Path, label: str) -> None:
        self.chosen = Path(target)
        self.dialog.setLabelText(label)
        self.dialog.setValue(0)
        self._timer.start()

        def run() -> Path:
            if self._cancel.is_set():  # cancelled while queued behind other work: never start
                raise ExportCancelled(f"export to {target} cancelled before it started")
            return export(target, self._progress, self._cancel.is_set)

        self._handle = self._tasks.run(run, self._done, self._failed)

    @property
    def running(self) -> bool:
        return self._handle is not None and not self._handle.is_done

    @property
    def fraction(self) -> float:
        return self._fraction

    def cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    # -- worker thread

    def _progress(self, fraction: float) -> None:
        self._fraction = min(max(float(fraction), 0.0), 1.0)

    # -- GUI thread

    def _show_progress(self) -> None:
        if not self._cancel.is_set():
            self.dialog.setValue(round(self._fraction * 1000))

    def _finish_dialog(self) -> None:
        self._timer.stop()
        self.dialog.blockSignals(True)  # closing it must not count as pressing Cancel
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.blockSignals(False)

    def _done(self, path: Path) -> None:
        self._finish_dialog()
        self.result = Path(path)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"), "", parent=self._parent)
        if self.kind is ExportKind.PACKAGE:
            box.setText(self.tr("The evidence package was written to:\n%1").replace("%1", str(path)))
            verify = box.addButton(self.tr("Verify"), QMessageBox.ButtonRole.ActionRole)
            verify.clicked.disconnect()  # keep the box open while the check runs
            verify.clicked.connect(self.verify)
        else:
            box.setText(self.tr("The clip was written to:\n%1").replace("%1", str(path)))
        if self.chosen is not None and self.chosen.name != self.result.name:
            box.setText(
                box.text()
                + "\n\n"
                + self.tr(
                    "The name chosen was too long for the file system (255 bytes with the temporary "
                    "“.partial” ending) and was shortened."
                )
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = box
        box.open()
        self.finished.emit(self.result)

    def _failed(self, error: BaseException) -> None:
        self._finish_dialog()
        self.error = error
        if isinstance(error, ExportCancelled) or self._cancel.is_set():
            self.finished.emit(None)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export failed"),
            self.tr("The export failed: %1").replace("%1", error_text(error)),
            QMessageBox.StandardButton.Close,
            self._parent,
        )
        self.message_box = box
        box.open()
        self.finished.emit(None)

    def verify(self) -> None:
        """Check the written package's hashes and signature on a worker; the message box then says."""
        path = self.result
        if path is None:
            return
        self._tasks.run(lambda: check_package(path), self._verified, self._failed)

    def _verified(self, check: PackageCheck) -> None:
        problems = check.failures
        box = self.message_box
        if box is not None:
            if problems:
                text = self.tr("Verification FAILED — changed, missing or added: %1").replace(
                    "%1", ", ".join(problems)
                )
            else:
                text = self.tr(
                    "Verified: every file matches its SHA-256 and the signature is valid.\nSigning key: %1"
                ).replace("%1", check.signature.fingerprint or "")
            box.setInformativeText(text)
        self.verified.emit(problems)
