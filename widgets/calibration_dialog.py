"""Calibrate face verification: genuine/impostor distances → the threshold for a target false-match rate.

The calibration itself blocks for seconds to minutes (dlib, in a child process: app/vision/
calibration_process.py) and runs as a TaskRunner task; its progress is written by that worker into
a lock-guarded pair and read here by a GUI timer (no cross-thread payload signals). Cancel stops the
child. Saving the threshold is a short database write, also on the TaskRunner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.named_call import NamedCall
from app.tasks import TaskHandle, TaskRunner
from app.vision.calibration import CalibrationResult
from app.vision.calibration_process import CalibrationRequest, CalibrationRun
from widgets.error_texts import error_text

# (request, progress(done, total), cancelled()) → run; blocking, called on a TaskRunner worker.
Calibrate = Callable[[CalibrationRequest, Callable[[int, int], None], Callable[[], bool]], CalibrationRun]
SaveThreshold = Callable[[CalibrationRun], None]  # blocking database write


class CalibrationDialog(QDialog):
    def __init__(
        self,
        calibrate: Calibrate,
        save: SaveThreshold,
        tasks: TaskRunner,
        *,
        workspace_source: NamedCall | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self._calibrate, self._save, self._tasks = calibrate, save, tasks
        self._workspace_source = workspace_source  # the demo's synthetic classroom faces
        self._lock = threading.Lock()  # guards _progress (written by the worker)
        self._progress = (0, 0)
        self._cancel = threading.Event()
        self._handle: TaskHandle | None = None
        self.run: CalibrationRun | None = None
        self.setWindowTitle(self.tr("Calibrate face verification"))

        self.demo_choice = QRadioButton(self.tr("This demo workspace (synthetic classroom faces)"))
        self.folder_choice = QRadioButton(self.tr("A folder of enrolment photos and labelled captures"))
        group = QButtonGroup(self)
        group.addButton(self.demo_choice)
        group.addButton(self.folder_choice)
        self.demo_choice.setEnabled(workspace_source is not None)
        (self.demo_choice if workspace_source is not None else self.folder_choice).setChecked(True)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("Folder with enrolled/ and probes/<name>/"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.target = QDoubleSpinBox()
        self.target.setRange(0.01, 10.0)
        self.target.setDecimals(2)
        self.target.setSuffix(" %")
        self.target.setValue(1.0)

        form = QFormLayout()
        form.addRow(self.demo_choice)
        form.addRow(self.folder_choice)
        form.addRow(folder_row)
        form.addRow(self.tr("Target false-match rate"), self.target)

        self.start_button = QPushButton(self.tr("Run calibration"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)

        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(180)
        self.plot.setBackground("w")
        self.plot.setLabel("bottom", self.tr("Distance"))
        self.plot.setLabel("left", self.tr("Share of pairs"))
        self.plot.addLegend()
        self.summary = QLabel(self.tr("Run a calibration to see the distributions."))
        self.summary.setWordWrap(True)

        self.save_button = QPushButton(self.tr("Save as the workspace threshold"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_threshold)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self.resize(560, 520)

    # -- running (GUI thread)

    def request(self) -> CalibrationRequest | None:
        fmr = self.target.value() / 100.0
        if self.demo_choice.isChecked():
            return CalibrationRequest(None, self._workspace_source, fmr)
        text = self.folder.text().strip()
        return CalibrationRequest(Path(text), None, fmr) if text else None

    @Slot()
    def start(self) -> None:
        request = self.request()
        if request is None:
            self.summary.setText(self.tr("Choose a folder first."))
            return
        self._cancel.clear()
        with self._lock:
            self._progress = (0, 0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.summary.setText(self.tr("Calibrating…"))
        self._timer.start()
        calibrate, cancel = self._calibrate, self._cancel

        def work() -> CalibrationRun:  # TaskRunner worker
            return calibrate(request, self._report, cancel.is_set)

        self._handle = self._tasks.run(work, self._finished, self._failed)

    def _report(self, done: int, total: int) -> None:  # worker thread
        with self._lock:
            self._progress = (done, total)

    @Slot()
    def _show_progress(self) -> None:
        with self._lock:
            done, total = self._progress
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.summary.setText(self.tr("Cancelling…"))

    def _stopped(self) -> None:
        self._timer.stop()
        self._handle = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)

    def _finished(self, run: CalibrationRun) -> None:
        self._stopped()
        self.progress.setValue(1)
        self.run = run
        self._show(run.result)
        self.save_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._stopped()
        self.progress.setValue(0)
        if isinstance(error, InterruptedError) or self._cancel.is_set():
            self.summary.setText(self.tr("Calibration cancelled."))
        else:
            self.summary.setText(self.tr("Calibration failed: %1").replace("%1", error_text(error)))

    def _show(self, result: CalibrationResult) -> None:
        self.plot.clear()
        genuine = np.asarray(result.genuine, dtype=np.float64)
        impostor = np.asarray(result.impostor, dtype=np.float64)
        values = np.concatenate([genuine, impostor]) if genuine.size + impostor.size else np.zeros(1)
        edges = np.linspace(float(values.min()), float(values.max()) + 1e-6, 41)
        for data, colour, name in (
            (genuine, (46, 139, 87), self.tr("Genuine")),
            (impostor, (200, 60, 60), self.tr("Impostor")),
        ):
            if data.size:
                counts, _ = np.histogram(data, bins=edges)
                shares = counts / data.size
                self.plot.plot(
                    edges, shares, stepMode="center", fillLevel=0, brush=(*colour, 90), pen=colour, name=name
                )
        self.plot.addItem(pg.InfiniteLine(result.threshold, angle=90, pen=pg.mkPen((30, 30, 30), width=2)))
        self.summary.setText(
            self.tr(
                "Threshold %1 for a target FMR of %2: FMR %3, FNMR %4 "
                "(%5 genuine and %6 impostor pairs, %7 identities)."
            )
            .replace("%1", f"{result.threshold:.3f}")
            .replace("%2", f"{result.target_fmr:.2%}")
            .replace("%3", f"{result.fmr:.2%}")
            .replace("%4", f"{result.fnmr:.2%}")
            .replace("%5", str(result.genuine_count))
            .replace("%6", str(result.impostor_count))
            .replace("%7", str(result.identities))
        )

    # -- saving

    @Slot()
    def save_threshold(self) -> None:
        run = self.run
        if run is None:
            return
        self.save_button.setEnabled(False)
        save = self._save
        self._tasks.run(lambda: save(run), self._saved, self._save_failed)

    def _saved(self, _value: object) -> None:
        self.summary.setText(
            self.summary.text()
            + " "
            + self.tr("Saved as the workspace threshold; it applies from the next start of face analysis.")
        )

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.summary.setText(self.tr("Saving failed: %1").replace("%1", error_text(error)))

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of labelled faces"))
        if folder:
            self.folder.setText(folder)
            self.folder_choice.setChecked(True)

    def done(self, result: int) -> None:
        if self._handle is not None:
            self._cancel.set()  # the worker's child process is terminated; its result is dropped
            self._handle.cancel()
        self._timer.stop()
        super().done(result)
