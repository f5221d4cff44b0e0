"""The Recordings pane's top row: camera, one view or 2×2, the day (recorded days marked), go to time."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QWidget,
)

from app.domain.geography import Camera


class ReviewToolbar(QWidget):
    camera_chosen = Signal(int)  # camera id picked in the combo
    grid_chosen = Signal(int)  # 1 or 4 views
    day_chosen = Signal(object)  # datetime.date
    go_to_time = Signal(object)  # datetime.time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera_combo = QComboBox(self)
        self.camera_combo.setObjectName("recordingsCamera")
        # At least 10 characters wide, else a long camera name sets the pane's width (popup shows all).
        self.camera_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.camera_combo.setMinimumContentsLength(10)
        self.camera_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.camera_combo.setMaximumWidth(420)
        self.camera_combo.activated.connect(self._camera_activated)
        self.single_button = QPushButton(self)
        self.grid_button = QPushButton("2×2", self)
        self._grid_group = QButtonGroup(self)
        for size, button in ((1, self.single_button), (4, self.grid_button)):
            button.setCheckable(True)
            self._grid_group.addButton(button, size)
        self.single_button.setChecked(True)
        self._grid_group.idClicked.connect(self.grid_chosen)
        self.day_label = QLabel(self)
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("recordingsDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(QDate.currentDate())
        self.day_edit.dateChanged.connect(lambda d: self.day_chosen.emit(d.toPython()))
        self.time_label = QLabel(self)
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("recordingsGoToTime")
        self.time_edit.setDisplayFormat("HH:mm:ss")
        # editingFinished also fires when focus just leaves: only a changed time means "go there".
        self.time_edit.editingFinished.connect(lambda: self._go(only_if_changed=True))
        self._shown_time = QTime(0, 0)
        self.go_button = QPushButton(self)
        self.go_button.clicked.connect(lambda: self._go(only_if_changed=False))

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        widgets: tuple[QWidget, ...] = (
            self.camera_combo,
            self.single_button,
            self.grid_button,
        )
        for widget in widgets:
            row.addWidget(widget, 3 if widget is self.camera_combo else 0)
        row.addSpacing(12)
        widgets = (self.day_label, self.day_edit, self.time_label, self.time_edit, self.go_button)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        self.setStyleSheet("QPushButton { padding: 4px 8px; }")  # a compact row: it sets the pane's width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self._show_tip()
        self.single_button.setText(self.tr("Single"))
        self.single_button.setToolTip(self.tr("Play one camera"))
        self.grid_button.setToolTip(self.tr("Play up to four cameras in sync"))
        self.day_label.setText(self.tr("Day"))
        self.day_edit.setToolTip(self.tr("Days with recordings of this camera are shown in bold green"))
        self.time_label.setText(self.tr("Go to"))
        self.go_button.setText(self.tr("Go"))
        self.time_edit.setToolTip(self.tr("Type a time (HH:MM:SS) and press Enter"))

    # -- filled by the pane

    def set_cameras(self, cameras: list[tuple[Camera, str]], current: int | None) -> None:
        """(camera, label) pairs of the scope; keeps `current` selected without emitting."""
        self.camera_combo.blockSignals(True)
        self.camera_combo.clear()
        for camera, label in cameras:
            self.camera_combo.addItem(label, camera.id)
        index = self.camera_combo.findData(current) if current is not None else -1
        self.camera_combo.setCurrentIndex(max(index, 0) if cameras else -1)
        self.camera_combo.blockSignals(False)
        metrics = self.camera_combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(label) for _camera, label in cameras), default=0)
        self.camera_combo.view().setMinimumWidth(widest + 40)  # the popup shows whole names
        self._show_tip()

    def offer_camera(self, camera_id: int, label: str) -> None:
        """Add a camera outside the scope's list (an event's camera played from elsewhere)."""
        if self.camera_combo.findData(camera_id) < 0:
            self.camera_combo.addItem(label, camera_id)

    def _show_tip(self) -> None:
        # No label beside the combo (the row stays narrow): the tooltip names it.
        title = self.tr("Camera")
        self.camera_combo.setToolTip(f"{title}\n{self.camera_combo.currentText()}")

    def show_camera(self, camera_id: int | None) -> None:
        self.camera_combo.blockSignals(True)
        self.camera_combo.setCurrentIndex(self.camera_combo.findData(camera_id))
        self.camera_combo.blockSignals(False)
        self._show_tip()

    def set_grid(self, size: int) -> None:
        button = self._grid_group.button(size)
        if button is not None:
            button.setChecked(True)

    def set_day(self, day: date) -> None:
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(day.year, day.month, day.day))
        self.day_edit.blockSignals(False)

    def set_time(self, at: datetime) -> None:
        if not self.time_edit.hasFocus():  # never overwrite what the user is typing
            self._shown_time = QTime(at.hour, at.minute, at.second)
            self.time_edit.setTime(self._shown_time)

    def mark_recorded_days(self, days: list[date]) -> None:
        calendar = self.day_edit.calendarWidget()
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears every format
        recorded = QTextCharFormat()
        recorded.setFontWeight(QFont.Weight.Bold)
        recorded.setForeground(QColor("#2f8f5b"))
        for day in days:
            calendar.setDateTextFormat(QDate(day.year, day.month, day.day), recorded)

    # -- helpers

    def _camera_activated(self, index: int) -> None:
        camera_id = self.camera_combo.itemData(index)
        self._show_tip()
        if isinstance(camera_id, int):
            self.camera_chosen.emit(camera_id)

    def _go(self, only_if_changed: bool) -> None:
        if only_if_changed and self.time_edit.time() == self._shown_time:
            return
        self._shown_time = self.time_edit.time()
        value = self._shown_time.toPython()
        assert isinstance(value, time)
        self.go_to_time.emit(value)
