"""Preferences: language, database URL, classroom rule thresholds, face analysis, notifications.

Values are written to Settings only when OK passes validation; `changed` then says what changed so
the window can switch language at once and remind that a new database URL needs a restart. Face
analysis settings are also handed to the running analysis (`analysis`, the console's LiveAnalysis),
which applies them without a restart; the verification threshold is shown, not edited (it comes
from calibration: File → Calibrate face verification…).
"""

from __future__ import annotations

import threading
from typing import Protocol

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.dashboard import DatabaseInfo
from app.domain.face_verdict import ThresholdSource, VerdictParameters
from app.settings import AnalysisPreferences, ClassroomRules, Settings, UrlProblem, database_url_problem
from app.url_masking import mask_url
from widgets.retention_settings import RetentionSettingsGroup


class AnalysisControl(Protocol):
    """What the dialog uses of app.vision.live_analysis.LiveAnalysis (attribute reads, one call that
    only queues the change: nothing here blocks the GUI thread)."""

    @property
    def active(self) -> bool: ...  # False: not running in this session (app.switched_off.AnalysisOff)

    @property
    def verdict(self) -> VerdictParameters | None: ...

    @property
    def ready(self) -> threading.Event: ...

    def reconfigure(
        self,
        *,
        enabled: bool | None = None,
        max_cameras: int | None = None,
        sample_fps: float | None = None,
        detector: str | None = None,
        upsample: int | None = None,
    ) -> None: ...


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        database: DatabaseInfo,
        parent: QWidget | None = None,
        *,
        analysis: AnalysisControl,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._settings = settings
        self._database = database
        self._analysis = analysis
        # filled by accept(): "language", "database_url", "rules", "analysis", "retention", "notifications"
        self.changed: set[str] = set()

        self._general = QGroupBox(self)
        self.language_combo = QComboBox(self)
        for code in ("system", "zh_CN", "en"):
            self.language_combo.addItem("", code)
        self._language_label = QLabel(self)
        general = QFormLayout(self._general)
        general.addRow(self._language_label, self.language_combo)

        self._db_group = QGroupBox(self)
        self.database_edit = QLineEdit(self)
        self.database_edit.setClearButtonEnabled(True)
        self.database_edit.textChanged.connect(self._clear_error)
        self._db_label = QLabel(self)
        self._db_in_use = QLabel(self)
        self._db_in_use.setObjectName("mutedNote")
        self._db_in_use.setWordWrap(True)
        self._db_note = QLabel(self)
        self._db_note.setObjectName("mutedNote")
        self._db_note.setWordWrap(True)
        db_form = QFormLayout(self._db_group)
        db_form.addRow(self._db_label, self.database_edit)
        db_form.addRow("", self._db_in_use)
        db_form.addRow("", self._db_note)

        self._rules_group = QGroupBox(self)
        self.absence_spin = _spin(ClassroomRules.ABSENCE_RANGE)
        self.leaves_spin = _spin(ClassroomRules.LEAVES_RANGE)
        self.late_early_spin = _spin(ClassroomRules.LATE_EARLY_RANGE)
        self._absence_label, self._leaves_label, self._late_label = QLabel(self), QLabel(self), QLabel(self)
        self._rules_note = QLabel(self)
        self._rules_note.setObjectName("mutedNote")
        self._rules_note.setWordWrap(True)
        rules_form = QFormLayout(self._rules_group)
        rules_form.addRow(self._absence_label, self.absence_spin)
        rules_form.addRow(self._leaves_label, self.leaves_spin)
        rules_form.addRow(self._late_label, self.late_early_spin)
        rules_form.addRow(
            self._rules_note
        )  # the whole row: wrapped under the spin boxes it stood 5 lines tall

        self._build_analysis_group()
        self.retention_group = RetentionSettingsGroup(self)

        self._notify_group = QGroupBox(self)
        self.desktop_check = QCheckBox(self)
        self.sound_check = QCheckBox(self)
        notify = QVBoxLayout(self._notify_group)
        notify.addWidget(self.desktop_check)
        notify.addWidget(self.sound_check)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        # Two columns: one stood 800 px tall on a 1366×768 laptop. Scrolls on smaller.
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        for groups, stretch in (
            ((self._general, self._db_group, self.retention_group, self._notify_group), 4),
            ((self._rules_group, self._analysis_group), 5),  # the long rule labels
        ):
            column = QVBoxLayout()
            for widget in groups:
                column.addWidget(widget)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        self._content = content = QWidget(self)
        content.setLayout(columns)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(content)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self._buttons)

        self._sized = False
        self._load()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            self._sized = True
            # Wrapped notes know their height only once laid out: fit again next loop turn.
            self.resize(self.sizeHint())
            QTimer.singleShot(0, lambda: self.resize(self.size().expandedTo(self.sizeHint())))
        super().showEvent(event)

    def sizeHint(self) -> QSize:
        """All of it without scrolling, if the screen has room (QScrollArea's own hint is small)."""
        content = self._content
        layout = self.layout()
        extra = QSize(0, 0)
        if layout is not None:
            margins = layout.contentsMargins()
            extra = QSize(
                margins.left() + margins.right(), margins.top() + margins.bottom() + 2 * layout.spacing()
            )
        wanted = content.sizeHint() + extra + QSize(0, self._buttons.sizeHint().height())
        if self.error_label.isVisible():
            wanted += QSize(0, self.error_label.sizeHint().height())
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:  # the window frame takes some: leave it room
            wanted = wanted.boundedTo(QSize(screen.width() - 40, screen.height() - 60))
        return wanted

    def _build_analysis_group(self) -> None:
        self._analysis_group = QGroupBox(self)
        self.analysis_check = QCheckBox(self)
        self.analysis_check.toggled.connect(self._enable_analysis_fields)
        self.cameras_spin = _spin(AnalysisPreferences.CAMERAS_RANGE)
        self.rate_spin = QDoubleSpinBox(self)
        self.rate_spin.setRange(*AnalysisPreferences.FPS_RANGE)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setSingleStep(0.1)
        self.detector_combo = QComboBox(self)
        for code in AnalysisPreferences.DETECTORS:
            self.detector_combo.addItem("", code)
        self.upsample_combo = QComboBox(self)
        low, high = AnalysisPreferences.UPSAMPLE_RANGE
        for times in range(low, high + 1):
            self.upsample_combo.addItem("", times)
        self.threshold_value = QLabel(self)
        self.threshold_value.setWordWrap(True)
        self._cameras_label, self._rate_label, self._detector_label = QLabel(self), QLabel(self), QLabel(self)
        self._upsample_label, self._threshold_label = QLabel(self), QLabel(self)
        self._analysis_note = QLabel(self)
        self._analysis_note.setObjectName("mutedNote")
        self._analysis_note.setWordWrap(True)
        form = QFormLayout(self._analysis_group)
        form.addRow(self.analysis_check)
        form.addRow(self._cameras_label, self.cameras_spin)
        form.addRow(self._rate_label, self.rate_spin)
        form.addRow(self._detector_label, self.detector_combo)
        form.addRow(self._upsample_label, self.upsample_combo)
        form.addRow(self._threshold_label, self.threshold_value)
        form.addRow(self._analysis_note)

    def _enable_analysis_fields(self, enabled: bool) -> None:
        for widget in (self.cameras_spin, self.rate_spin, self.detector_combo, self.upsample_combo):
            widget.setEnabled(enabled)

    def _chosen_analysis(self) -> AnalysisPreferences:
        return AnalysisPreferences(
            enabled=self.analysis_check.isChecked(),
            max_cameras=self.cameras_spin.value(),
            sample_fps=round(self.rate_spin.value(), 1),
            detector=str(self.detector_combo.currentData()),
            upsample=int(self.upsample_combo.currentData()),
        )

    def _load(self) -> None:
        s = self._settings
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        self.database_edit.setText(s.database_url)
        rules = s.classroom_rules
        self.absence_spin.setValue(rules.absence_minutes)
        self.leaves_spin.setValue(rules.max_leaves_per_day)
        self.late_early_spin.setValue(rules.late_early_minutes)
        analysis = s.analysis
        self.analysis_check.setChecked(analysis.enabled)
        self._enable_analysis_fields(analysis.enabled)
        self.cameras_spin.setValue(analysis.max_cameras)
        self.rate_spin.setValue(analysis.sample_fps)
        self.detector_combo.setCurrentIndex(max(0, self.detector_combo.findData(analysis.detector)))
        self.upsample_combo.setCurrentIndex(max(0, self.upsample_combo.findData(analysis.upsample)))
        self.desktop_check.setChecked(s.desktop_notifications)
        self.sound_check.setChecked(s.sound)
        self.retention_group.load(s.retention)

    def validation_error(self) -> str | None:
        """The message shown for the current input, or None when it can be saved."""
        problem = database_url_problem(self.database_edit.text())
        if problem is None:
            return None
        messages = {
            UrlProblem.MALFORMED: self.tr("The database URL is not a valid URL."),
            UrlProblem.SCHEME: self.tr(
                "The database URL must start with sqlite:/// or postgresql+psycopg://."
            ),
            UrlProblem.PASSWORD: self.tr(
                "Remove the password from the database URL; the console reads it from the system keyring."
            ),
            UrlProblem.NO_HOST: self.tr("The PostgreSQL URL needs a host name."),
            UrlProblem.NO_PATH: self.tr("The SQLite URL needs a file path."),
        }
        return messages[problem]

    def accept(self) -> None:
        error = self.validation_error()
        if error is not None:
            self.error_label.setText(error)
            self.error_label.show()
            self.database_edit.setFocus()
            return
        s = self._settings
        language = str(self.language_combo.currentData())
        url = self.database_edit.text().strip()
        rules = ClassroomRules(
            self.absence_spin.value(), self.leaves_spin.value(), self.late_early_spin.value()
        )
        notifications = (self.desktop_check.isChecked(), self.sound_check.isChecked())
        analysis = self._chosen_analysis()
        self.changed = set()
        if analysis != s.analysis:
            self.changed.add("analysis")
            s.analysis = analysis
            # Applied by the analysis' own threads, no restart (switched off: at the next start).
            self._analysis.reconfigure(
                enabled=analysis.enabled,
                max_cameras=analysis.max_cameras,
                sample_fps=analysis.sample_fps,
                detector=analysis.detector,
                upsample=analysis.upsample,
            )
        if language != s.language:
            self.changed.add("language")
        if url != s.database_url:
            self.changed.add("database_url")
        if rules != s.classroom_rules:
            self.changed.add("rules")
        retention = self.retention_group.chosen()
        if retention != s.retention:
            self.changed.add("retention")
            s.retention = retention
        if notifications != (s.desktop_notifications, s.sound):
            self.changed.add("notifications")
        s.language, s.database_url, s.classroom_rules = language, url, rules
        s.desktop_notifications, s.sound = notifications
        s.sync()
        super().accept()

    def _clear_error(self) -> None:
        self.error_label.hide()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self._general.setTitle(self.tr("General"))
        self._language_label.setText(self.tr("Language:"))
        # Language names stay in their own language so anyone can find theirs.
        for index, text in enumerate((self.tr("Follow the system"), "中文（简体）", "English")):
            self.language_combo.setItemText(index, text)
        self._db_group.setTitle(self.tr("Database"))
        self._db_label.setText(self.tr("Database URL:"))
        self.database_edit.setPlaceholderText(self.tr("Empty: the local SQLite file (default)"))
        self._db_in_use.setText(self.tr("In use now: %1").replace("%1", mask_url(self._database.display_url)))
        self._db_note.setText(
            self.tr(
                "A new URL takes effect after a restart. Passwords belong in the system keyring, not here."
            )
        )
        self._rules_group.setTitle(self.tr("Classroom rules"))
        self._absence_label.setText(self.tr("Away from the seat longer than:"))
        self._leaves_label.setText(self.tr("Leaving the room more often than:"))
        self._late_label.setText(self.tr("Arriving late or leaving early by more than:"))
        self.absence_spin.setSuffix(" " + self.tr("min"))
        self.leaves_spin.setSuffix(" " + self.tr("times a day"))
        self.late_early_spin.setSuffix(" " + self.tr("min"))
        self._rules_note.setText(
            self.tr("Breaking any of these rules cancels the learner's session for that day.")
        )
        self._retranslate_analysis()
        self._notify_group.setTitle(self.tr("Notifications"))
        self.desktop_check.setText(self.tr("Desktop notifications for new events"))
        self.sound_check.setText(self.tr("Sound the alarm for new high-severity events"))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if not self.error_label.isHidden():
            self.error_label.setText(self.validation_error() or "")

    def _retranslate_analysis(self) -> None:
        self._analysis_group.setTitle(self.tr("Face analysis"))
        self.analysis_check.setText(self.tr("Analyse faces on the wall's cameras"))
        self._cameras_label.setText(self.tr("Analyse at most:"))
        self.cameras_spin.setSuffix(" " + self.tr("cameras"))
        self._rate_label.setText(self.tr("Frames analysed per camera:"))
        self.rate_spin.setSuffix(" " + self.tr("per second"))
        self._detector_label.setText(self.tr("Face detector:"))
        self.detector_combo.setItemText(0, self.tr("HOG (fast; faces turned to the camera)"))
        self.detector_combo.setItemText(1, self.tr("CNN (more head poses; seconds per frame on this CPU)"))
        self._upsample_label.setText(self.tr("Small faces:"))
        self.upsample_combo.setItemText(0, self.tr("Not searched (fastest)"))
        self.upsample_combo.setItemText(1, self.tr("Half as big (about 4× the CPU)"))
        self.upsample_combo.setItemText(2, self.tr("A quarter as big (about 16× the CPU)"))
        self._threshold_label.setText(self.tr("Verification threshold:"))
        analysis = self._analysis
        verdict = analysis.verdict if analysis.ready.is_set() else None
        if verdict is None:
            self.threshold_value.setText(self.tr("Known once face analysis has started"))
        elif verdict.source is ThresholdSource.DEFAULT:
            self.threshold_value.setText(
                self.tr("%1 (dlib's default: this workspace is not calibrated)").replace(
                    "%1", f"{verdict.threshold:.3f}"
                )
            )
        elif verdict.calibrated_at is not None:
            self.threshold_value.setText(
                self.tr("%1 (calibrated for this workspace on %2)")
                .replace("%1", f"{verdict.threshold:.3f}")
                .replace("%2", verdict.calibrated_at.strftime("%Y-%m-%d"))
            )
        else:
            self.threshold_value.setText(
                self.tr("%1 (calibrated for this workspace)").replace("%1", f"{verdict.threshold:.3f}")
            )
        self._analysis_note.setText(
            self.tr("Changes apply to the running analysis at once.")
            if analysis.active
            else self.tr("Face analysis is not running in this session: changes apply at the next start.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _spin(bounds: tuple[int, int]) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*bounds)
    spin.setAccelerated(True)
    return spin
