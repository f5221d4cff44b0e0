"""Preferences: language, database URL, classroom rule thresholds, notifications.

Values are written to Settings only when OK passes validation; `changed` then says what changed so
the window can switch language at once and remind that a new database URL needs a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import DatabaseInfo
from app.settings import ClassroomRules, Settings, UrlProblem, database_url_problem
from app.url_masking import mask_url


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, database: DatabaseInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._settings = settings
        self._database = database
        self.changed: set[str] = (
            set()
        )  # filled by accept(): "language", "database_url", "rules", "notifications"

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
        rules_form.addRow("", self._rules_note)

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

        layout = QVBoxLayout(self)
        for widget in (self._general, self._db_group, self._rules_group, self._notify_group):
            layout.addWidget(widget)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        self._load()
        self.retranslate()
        self.setMinimumWidth(560)  # room for the longest rule label in either language

    def _load(self) -> None:
        s = self._settings
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        self.database_edit.setText(s.database_url)
        rules = s.classroom_rules
        self.absence_spin.setValue(rules.absence_minutes)
        self.leaves_spin.setValue(rules.max_leaves_per_day)
        self.late_early_spin.setValue(rules.late_early_minutes)
        self.desktop_check.setChecked(s.desktop_notifications)
        self.sound_check.setChecked(s.sound)

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
        self.changed = set()
        if language != s.language:
            self.changed.add("language")
        if url != s.database_url:
            self.changed.add("database_url")
        if rules != s.classroom_rules:
            self.changed.add("rules")
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
        self._db_in_use.setText(
            self.tr("In use now: %1").replace("%1", mask_url(self._database.display_url))
        )
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
        self._notify_group.setTitle(self.tr("Notifications"))
        self.desktop_check.setText(self.tr("Desktop notifications for new events"))
        self.sound_check.setText(self.tr("Play a sound for new events"))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if not self.error_label.isHidden():
            self.error_label.setText(self.validation_error() or "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _spin(bounds: tuple[int, int]) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*bounds)
    spin.setAccelerated(True)
    return spin
