"""Asks why a high-severity event (替学) is confirmed or dismissed before the verdict is stored.

One stray key must not close such an alert: in the list, C or D only opens this dialog; here a
preset reason is chosen with its number key (1–9) or the mouse, or written in the text box,
and Enter confirms only once a reason is there (a preset, a text, or both: "preset — text"). Esc
cancels and nothing is stored. The pane opens it with `open()` (window-modal, no nested event loop)
and stores `reason()` as the state change's note, which also goes into the audit entry.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import EventState

DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class TriageReasonDialog(QDialog):
    def __init__(self, verdict: EventState, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triageReasonDialog")
        self.verdict = verdict
        self.setWindowTitle(
            self.tr("Confirm the violation")
            if verdict is EventState.CONFIRMED
            else self.tr("Dismiss the alert")
        )
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("sectionHeading")
        self.summary.setWordWrap(True)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.presets = QListWidget(self)
        self.presets.setObjectName("triageReasons")
        for number, text in enumerate(self.preset_texts(verdict)[:9], start=1):
            item = QListWidgetItem(f"{number}  {text}", self.presets)
            item.setData(Qt.ItemDataRole.UserRole, text)
        rows = self.presets.count()
        self.presets.setFixedHeight(self.presets.sizeHintForRow(0) * rows + 2 * self.presets.frameWidth() + 4)
        self.presets.setCurrentRow(-1)  # nothing chosen: Enter alone must not decide
        self.details = QLineEdit(self)
        self.details.setObjectName("triageReasonText")
        self.details.setClearButtonEnabled(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("paneStatus")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.presets.itemSelectionChanged.connect(self._update)
        self.details.textChanged.connect(lambda _text: self._update())
        for widget in (self.presets, self.details):
            widget.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.prompt)
        layout.addWidget(self.presets)
        layout.addWidget(self.details)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._retranslate()
        self._update()
        self.presets.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(460)

    def preset_texts(self, verdict: EventState) -> list[str]:
        if verdict is EventState.CONFIRMED:
            return [
                self.tr("The recording shows another person in the seat"),
                self.tr("The face matches another enrolled learner"),
                self.tr("Checked on site by the classroom staff"),
                self.tr("The learner admitted it when called"),
            ]
        return [
            self.tr("It is the learner (light, angle, glasses, mask)"),
            self.tr("The enrolment photo is outdated or unclear"),
            self.tr("Staff or instructor, not a learner"),
            self.tr("The learner changed seats"),
            self.tr("Duplicate of another event"),
        ]

    def reason(self) -> str:
        """The reason as stored: the preset, the text, or "preset — text"; "" when none is given."""
        item = self.presets.currentItem()
        preset = str(item.data(Qt.ItemDataRole.UserRole)) if item is not None and item.isSelected() else ""
        text = " ".join(self.details.text().split())
        return " — ".join(part for part in (preset, text) if part)

    def choose(self, number: int) -> None:
        """Choose preset `number` (1-based), as its number key does."""
        if 1 <= number <= self.presets.count():
            self.presets.setCurrentRow(number - 1)

    def accept(self) -> None:
        if not self.reason():
            self.hint.setText(
                self.tr("Choose a reason first (keys 1–%1) or write one.").replace(
                    "%1", str(self.presets.count())
                )
            )
            return
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is self.presets:
            assert isinstance(event, QKeyEvent)
            number = DIGITS.get(event.key())
            extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if number is not None and extra == Qt.KeyboardModifier.NoModifier:
                self.choose(number)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
            # Other keys would move the selection: a reason is chosen by number or mouse, never by accident.
            return event.key() not in (Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()  # refuses without a reason, whatever has the focus
            return
        number = DIGITS.get(event.key())
        if number is not None and not self.details.hasFocus():
            self.choose(number)
            return
        super().keyPressEvent(event)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))
        if self.reason():
            self.hint.clear()

    def _retranslate(self) -> None:
        count = self.presets.count()
        self.prompt.setText(
            self.tr("Why? Choose a reason with its number key (1–%1), or write one below.").replace(
                "%1", str(count)
            )
        )
        self.details.setPlaceholderText(self.tr("Other reason or details"))
        self.ok_button.setText(
            self.tr("Confirm violation") if self.verdict is EventState.CONFIRMED else self.tr("Dismiss")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
