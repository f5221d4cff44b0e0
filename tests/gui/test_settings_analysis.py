"""The settings dialog's face analysis section: saved, handed to the running analysis, threshold shown."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import Qt

from app.domain.face_verdict import ThresholdSource, VerdictParameters
from app.settings import AnalysisPreferences, Settings
from app.switched_off import AnalysisOff
from tests.helpers.dialogs import ok_button
from widgets.settings_dialog import SettingsDialog


class FakeAnalysis:
    """Stands in for LiveAnalysis: the verdict parameters, a ready flag and the reconfigure calls."""

    def __init__(self, threshold: float, ready: bool = True, calibrated_at: datetime | None = None) -> None:
        self.threshold = threshold
        source = ThresholdSource.DEFAULT if threshold == 0.6 else ThresholdSource.CALIBRATION
        self.verdict = VerdictParameters(threshold, source, calibrated_at, "emb")
        self.ready = threading.Event()
        if ready:
            self.ready.set()
        self.calls: list[dict[str, object]] = []
        self.active = True

    def reconfigure(self, **changes: object) -> None:
        self.calls.append(changes)


def test_analysis_settings_are_saved_and_applied_without_a_restart(
    qtbot, context, settings: Settings
) -> None:
    analysis = FakeAnalysis(0.397, calibrated_at=datetime(2026, 11, 20, 9, 30))
    dialog = SettingsDialog(settings, context.database, analysis=analysis)
    qtbot.addWidget(dialog)
    assert dialog.analysis_check.isChecked() and dialog.cameras_spin.value() == 16
    assert dialog.rate_spin.value() == 1.0 and dialog.detector_combo.currentData() == "hog"
    shown = dialog.threshold_value.text()
    assert "0.397" in shown and "calibrated" in shown and "2026-11-20" in shown
    assert "at once" in dialog._analysis_note.text()

    dialog.cameras_spin.setValue(8)
    dialog.rate_spin.setValue(0.5)
    dialog.upsample_combo.setCurrentIndex(dialog.upsample_combo.findData(1))
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.changed == {"analysis"}
    assert analysis.calls == [
        {"enabled": True, "max_cameras": 8, "sample_fps": 0.5, "detector": "hog", "upsample": 1}
    ]
    assert Settings(settings.file_name).analysis == AnalysisPreferences(True, 8, 0.5, "hog", 1)

    again = SettingsDialog(settings, context.database, analysis=analysis)
    qtbot.addWidget(again)
    assert again.cameras_spin.value() == 8 and again.upsample_combo.currentData() == 1
    qtbot.mouseClick(ok_button(again), Qt.MouseButton.LeftButton)
    assert again.changed == set() and len(analysis.calls) == 1  # nothing changed: nothing re-applied


def test_switching_analysis_off_disables_its_fields(qtbot, context, settings: Settings) -> None:
    analysis = FakeAnalysis(0.6)
    dialog = SettingsDialog(settings, context.database, analysis=analysis)
    qtbot.addWidget(dialog)
    assert "not calibrated" in dialog.threshold_value.text()
    dialog.analysis_check.setChecked(False)
    assert not dialog.rate_spin.isEnabled() and not dialog.detector_combo.isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert analysis.calls[-1]["enabled"] is False
    assert settings.analysis.enabled is False


def test_without_running_analysis_the_dialog_says_when_changes_apply(
    qtbot, context, settings: Settings
) -> None:
    dialog = SettingsDialog(settings, context.database, analysis=AnalysisOff())
    qtbot.addWidget(dialog)
    assert "next start" in dialog._analysis_note.text()
    assert "started" in dialog.threshold_value.text()
    starting = SettingsDialog(settings, context.database, analysis=FakeAnalysis(0.4, ready=False))
    qtbot.addWidget(starting)
    assert "started" in starting.threshold_value.text()  # enrolment still running: no threshold yet


def test_the_dialog_fits_a_laptop_screen_without_squeezing_a_row(qtbot, context, settings: Settings) -> None:
    """1366×768 with a 40-px task bar and a title bar leaves about 700 px: the face-analysis rows
    (the lowest but one group) were squeezed to half their height, their text cut through."""
    dialog = SettingsDialog(settings, context.database, analysis=AnalysisOff())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().height() <= 700 and dialog.sizeHint().width() <= 1366
    dialog.resize(dialog.sizeHint())
    qtbot.wait(10)
    fields = (dialog.cameras_spin, dialog.rate_spin, dialog.detector_combo, dialog.upsample_combo)
    for field in (*fields, dialog.threshold_value, dialog.analysis_check):
        wraps = field.hasHeightForWidth()  # the threshold's words: its height follows its width
        needed = field.heightForWidth(field.width()) if wraps else field.sizeHint().height()
        assert field.height() >= needed, field
        assert dialog.rect().contains(field.mapTo(dialog, field.rect().bottomRight()))
