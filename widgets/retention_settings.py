"""The settings dialog's "Recordings" group: how long recordings are kept and how much disk they use.

Loads from and saves to `Settings.retention` (app/settings.py); 0 switches the age limit or a quota
off, the emergency floor always applies. The recorder reads the values when the console starts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from app.settings import RetentionPreferences


class RetentionSettingsGroup(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.age_spin = QSpinBox(self)
        self.age_spin.setRange(0, 3650)
        self.quota_percent_spin = QSpinBox(self)
        self.quota_percent_spin.setRange(0, 100)
        self.quota_gb_spin = QDoubleSpinBox(self)
        self.quota_gb_spin.setRange(0, 1_000_000)
        self.quota_gb_spin.setDecimals(1)
        self.floor_spin = QSpinBox(self)
        self.floor_spin.setRange(0, 1_000_000)
        self.floor_spin.setSingleStep(100)
        self._age_label, self._percent_label = QLabel(self), QLabel(self)
        self._gb_label, self._floor_label = QLabel(self), QLabel(self)
        self._note = QLabel(self)
        self._note.setObjectName("mutedNote")
        self._note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self._age_label, self.age_spin)
        form.addRow(self._percent_label, self.quota_percent_spin)
        form.addRow(self._gb_label, self.quota_gb_spin)
        form.addRow(self._floor_label, self.floor_spin)
        form.addRow("", self._note)
        self.retranslate()

    def load(self, value: RetentionPreferences) -> None:
        self.age_spin.setValue(round(value.max_age_days or 0))
        self.quota_percent_spin.setValue(round(value.quota_percent or 0))
        self.quota_gb_spin.setValue(value.quota_gb or 0.0)
        self.floor_spin.setValue(round(value.floor_free_mb))

    def chosen(self) -> RetentionPreferences:
        return RetentionPreferences(
            max_age_days=float(self.age_spin.value()) or None,
            quota_gb=float(self.quota_gb_spin.value()) or None,
            quota_percent=float(self.quota_percent_spin.value()) or None,
            floor_free_mb=float(self.floor_spin.value()),
        )

    def retranslate(self) -> None:
        self.setTitle(self.tr("Recordings"))
        self._age_label.setText(self.tr("Keep recordings for (days):"))
        self._percent_label.setText(self.tr("Use at most (% of the disk):"))
        self._gb_label.setText(self.tr("Use at most (GB):"))
        self._floor_label.setText(self.tr("Always keep free (MB):"))
        off = self.tr("no limit")
        for spin in (self.age_spin, self.quota_percent_spin, self.quota_gb_spin):
            spin.setSpecialValueText(off)
        self._note.setText(
            self.tr(
                "The oldest recordings go first; evidence locks and recordings of undecided events "
                "are never deleted. The free-space floor is at most 5 % of a small disk. "
                "Applies at the next start."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
