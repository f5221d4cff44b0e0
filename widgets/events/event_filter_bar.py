"""The Events pane's filter row: kind, state, period, severity and learner name → an EventFilter.

Only builds the filter (GUI thread); the model runs the query. Typing a name waits 300 ms after the
last key before `changed` fires, so one query runs per word typed, not one per character.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from app.domain.enums import EventKind, EventState, Severity
from app.domain.people import Scope
from app.persistence.repositories.event_filters import EventFilter
from widgets.labels import event_kind_label, event_state_label, severity_label

OPEN = "open"  # the state combo's "all open" entry; other entries carry an EventState or None
PERIODS = ("all", "today", "7d", "30d")


class EventFilterBar(QWidget):
    changed = Signal()
    TYPING_DELAY_MS = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("eventKindFilter")
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("eventStateFilter")
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("eventPeriodFilter")
        self.severity_combo = QComboBox(self)
        self.severity_combo.setObjectName("eventSeverityFilter")
        self.learner_edit = QLineEdit(self)
        self.learner_edit.setObjectName("eventLearnerFilter")
        self.learner_edit.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(self.TYPING_DELAY_MS)
        self._typing.timeout.connect(self.changed)
        self.learner_edit.textChanged.connect(lambda _text: self._typing.start())
        self.learner_edit.returnPressed.connect(self._apply_now)

        # Two rows (three filters, then severity and the name box): the pane docks beside the wall,
        # about 420 px wide.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.kind_combo, self.state_combo, self.period_combo)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.severity_combo, 1, 0)
        layout.addWidget(self.learner_edit, 1, 1, 1, 2)
        self._fill()
        for combo in self._combos():
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def event_filter(self, scope: Scope, now: datetime) -> EventFilter:
        """The filter for `scope` as the controls stand; `now` anchors the period."""
        kind = self.kind_combo.currentData()
        state = self.state_combo.currentData()
        period = self.period_combo.currentData()
        severity = self.severity_combo.currentData()
        started_from = None
        if period == "today":
            started_from = datetime.combine(now.date(), datetime.min.time())
        elif period in ("7d", "30d"):
            started_from = now - timedelta(days=7 if period == "7d" else 30)
        return EventFilter(
            scope=scope,
            kinds=frozenset({EventKind(kind)}) if kind else frozenset(),
            states=frozenset({EventState(state)}) if state and state != OPEN else frozenset(),
            severities=frozenset({Severity(severity)}) if severity else frozenset(),
            open_only=state == OPEN,
            started_from=started_from,
            learner_name=self.learner_edit.text().strip(),
        )

    def select(self, *, kind: EventKind | None = None, state: EventState | str | None = None) -> None:
        """Set the kind and state combos (tests, and a later "show open absences" link)."""
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind.value if kind else None)))
        value = state.value if isinstance(state, EventState) else state
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(value)))

    def set_period(self, period: str) -> None:
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(period)))

    def set_severity(self, severity: Severity | None) -> None:
        self.severity_combo.setCurrentIndex(
            max(0, self.severity_combo.findData(severity.value if severity else None))
        )

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.kind_combo, self.state_combo, self.period_combo, self.severity_combo)

    def _apply_now(self) -> None:
        self._typing.stop()
        self.changed.emit()

    def _fill(self) -> None:
        """(Re)fill the combos in the current language, keeping what is selected."""
        selected = [c.currentData() for c in self._combos()]
        for combo in self._combos():
            combo.blockSignals(True)
            combo.clear()
        self.kind_combo.addItem(self.tr("All events"), None)
        for kind in EventKind:
            self.kind_combo.addItem(event_kind_label(kind), kind.value)
        self.state_combo.addItem(self.tr("All states"), None)
        self.state_combo.addItem(self.tr("Open (not decided)"), OPEN)
        for state in EventState:
            self.state_combo.addItem(event_state_label(state), state.value)
        periods = {
            "all": self.tr("Any time"),
            "today": self.tr("Today"),
            "7d": self.tr("Last 7 days"),
            "30d": self.tr("Last 30 days"),
        }
        for key in PERIODS:
            self.period_combo.addItem(periods[key], key)
        self.severity_combo.addItem(self.tr("All severities"), None)
        for severity in sorted(Severity, key=list(Severity).index, reverse=True):  # high first
            self.severity_combo.addItem(severity_label(severity), severity.value)
        for combo, data in zip(self._combos(), selected, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.blockSignals(False)
        self.learner_edit.setPlaceholderText(self.tr("Learner name"))
        self.kind_combo.setToolTip(self.tr("Kind of event"))
        self.state_combo.setToolTip(self.tr("Triage state"))
        self.period_combo.setToolTip(self.tr("When the event started"))
        self.severity_combo.setToolTip(self.tr("Severity"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
