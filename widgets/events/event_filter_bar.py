"""The Events pane's filter row: kind, state, period, severity and learner name → an EventFilter.

Only builds the filter (GUI thread); the model runs the query. Typing a name waits 300 ms after the
last key before `changed` fires, so one query runs per word typed, not one per character.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QToolButton, QWidget

from app.domain.enums import EventKind, EventState, Severity
from app.domain.event_paging import EventFilter
from app.domain.people import Scope
from widgets.labels import event_kind_label, event_state_label, severity_label
from widgets.resources import icon

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
        # The Dashboard's extra conditions (an hour, a severity): a button clears them, as does the period.
        self._hour: int | None = None
        self._severities: frozenset[Severity] = frozenset()
        self.narrowing_button = QToolButton(self)
        self.narrowing_button.setObjectName("eventNarrowing")
        self.narrowing_button.setIcon(icon("clear"))
        self.narrowing_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.narrowing_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the × after the text
        self.narrowing_button.clicked.connect(self._clear_narrowing)
        self.narrowing_button.hide()

        # Two rows: docked beside the wall the pane is about 420 px wide.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.kind_combo, self.state_combo, self.period_combo)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.severity_combo, 1, 0)
        layout.addWidget(self.learner_edit, 1, 1, 1, 2)
        layout.addWidget(self.narrowing_button, 2, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        self._fill()
        for combo in (self.kind_combo, self.state_combo):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.severity_combo.currentIndexChanged.connect(self._severity_changed)

    def event_filter(self, scope: Scope, now: datetime) -> EventFilter:
        """The filter for `scope` as the controls stand; `now` anchors the period."""
        kind = self.kind_combo.currentData()
        state = self.state_combo.currentData()
        period = self.period_combo.currentData()
        severity = self.severity_combo.currentData()
        started_from = started_before = None
        if period == "today":
            started_from = datetime.combine(now.date(), datetime.min.time())
        elif period in ("7d", "30d"):
            started_from = now - timedelta(days=7 if period == "7d" else 30)
        if self._hour is not None:
            started_from = datetime.combine(now.date(), time(self._hour))
            started_before = started_from + timedelta(hours=1)
        return EventFilter(
            scope=scope,
            kinds=frozenset({EventKind(kind)}) if kind else frozenset(),
            states=frozenset({EventState(state)}) if state and state != OPEN else frozenset(),
            # One of the two at a time: choosing a severity clears the Dashboard's, and back.
            severities=frozenset({Severity(severity)}) if severity else self._severities,
            open_only=state == OPEN,
            started_from=started_from,
            started_before=started_before,
            learner_name=self.learner_edit.text().strip(),
        )

    def show_only(
        self,
        *,
        kind: EventKind | None = None,
        state: EventState | str | None = None,
        period: str = "all",
        hour: int | None = None,
        severities: frozenset[Severity] = frozenset(),
    ) -> None:
        """Set every filter at once and query once (the Dashboard's figures and bars): `hour`, an
        hour of today the events started in; `severities`, only these. The name box is cleared."""
        controls = (
            self.kind_combo,
            self.state_combo,
            self.period_combo,
            self.severity_combo,
            self.learner_edit,
        )
        for control in controls:
            control.blockSignals(True)
        self.select(kind=kind, state=state)
        self.set_period("today" if hour is not None else period)
        self.set_severity(None)
        self.learner_edit.clear()
        for control in controls:
            control.blockSignals(False)
        self._typing.stop()
        self._hour, self._severities = hour, frozenset(severities)
        self._show_narrowing()
        self.changed.emit()

    def _period_changed(self) -> None:
        if self._hour is not None or self._severities:
            self._clear_narrowing()  # emits changed
        else:
            self.changed.emit()

    def _severity_changed(self) -> None:
        if self._severities and self.severity_combo.currentData():
            self._severities = frozenset()  # the combo's severity replaces the Dashboard's
            self._show_narrowing()
        self.changed.emit()

    def _clear_narrowing(self) -> None:
        self._hour, self._severities = None, frozenset()
        self._show_narrowing()
        self.changed.emit()

    def _show_narrowing(self) -> None:
        parts = [] if self._hour is None else [f"{self._hour:02d}:00–{(self._hour + 1) % 24:02d}:00"]
        parts += [severity_label(severity) for severity in Severity if severity in self._severities]
        self.narrowing_button.setText(" · ".join(parts))
        self.narrowing_button.setToolTip(
            self.tr("Only these events (set on the Dashboard); click to show all")
        )
        self.narrowing_button.setVisible(bool(parts))

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
        for severity in reversed(Severity):  # high first
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
            self._show_narrowing()
        super().changeEvent(event)
