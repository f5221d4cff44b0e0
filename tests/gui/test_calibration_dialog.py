"""The calibration dialog: runs a (fake) calibration off the GUI thread with progress and cancel,
shows the distributions and figures, and saves the threshold."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from app.domain.named_call import NamedCall
from app.tasks import TaskRunner
from app.vision.calibration import calibrate_distances
from app.vision.calibration_process import CalibrationRequest, CalibrationRun
from widgets.calibration_dialog import CalibrationDialog

GENUINE = [0.25, 0.28, 0.31, 0.33, 0.36, 0.41]
IMPOSTOR = [0.38, 0.45, 0.5, 0.52, 0.55, 0.6, 0.62, 0.66]


def fake_calibrate(
    requests: list[CalibrationRequest], gate: threading.Event | None = None
) -> Callable[..., CalibrationRun]:
    def calibrate(
        request: CalibrationRequest, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> CalibrationRun:
        requests.append(request)
        for done in range(1, 5):
            progress(done, 4)
            while gate is not None and not gate.is_set():
                if cancelled():
                    raise InterruptedError("calibration cancelled")
                time.sleep(0.01)
        return CalibrationRun(
            calibrate_distances(GENUINE, IMPOSTOR, request.target_fmr, identities=3), "emb/1"
        )

    return calibrate


def test_calibrate_show_and_save(qtbot, tmp_path: Path) -> None:
    requests: list[CalibrationRequest] = []
    saved: list[CalibrationRun] = []
    tasks = TaskRunner()
    source = NamedCall("app.demo.classroom_calibration:calibrate_demo_classroom", (tmp_path,))
    dialog = CalibrationDialog(fake_calibrate(requests), saved.append, tasks, workspace_source=source)
    qtbot.addWidget(dialog)
    assert dialog.demo_choice.isChecked() and not dialog.save_button.isEnabled()
    dialog.target.setValue(15.0)  # clamped to the 10 % maximum
    dialog.start()
    qtbot.waitUntil(lambda: dialog.run is not None, timeout=5000)
    assert requests[0].folder is None and requests[0].source == source
    assert requests[0].target_fmr == 0.1
    result = dialog.run.result  # type: ignore[union-attr]
    assert f"{result.threshold:.3f}" in dialog.summary.text() and "FNMR" in dialog.summary.text()
    assert len(dialog.plot.getPlotItem().listDataItems()) == 2  # genuine and impostor histograms
    assert dialog.progress.value() == dialog.progress.maximum()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=5000)
    assert saved[0].embedding_id == "emb/1"
    qtbot.waitUntil(lambda: "Saved" in dialog.summary.text(), timeout=5000)
    tasks.shutdown(timeout_ms=3000)


def test_cancel_and_folder_choice(qtbot, tmp_path: Path) -> None:
    requests: list[CalibrationRequest] = []
    gate = threading.Event()
    tasks = TaskRunner()
    dialog = CalibrationDialog(fake_calibrate(requests, gate), lambda run: None, tasks)
    qtbot.addWidget(dialog)
    assert dialog.folder_choice.isChecked() and not dialog.demo_choice.isEnabled()  # no demo media
    dialog.start()
    assert "folder" in dialog.summary.text() and not requests  # nothing to calibrate on yet
    dialog.folder.setText(str(tmp_path))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 4, timeout=5000)  # progress reached the GUI
    assert not dialog.start_button.isEnabled()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=5000)
    assert "cancelled" in dialog.summary.text() and dialog.run is None
    assert requests[0].folder == tmp_path
    tasks.shutdown(timeout_ms=3000)
