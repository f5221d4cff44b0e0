"""抽查 Spot-check: draw a day's sample, then review claimed photos with the keyboard.

Reviewing starts on request (Start button or Enter), not when the window opens: a claim locks
photos away from colleagues, so only an officer who is actually reviewing should hold any.
GUI thread only; sampling and counting run on the TaskRunner.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.people import Scope, User
from app.domain.permissions import Action, may_at_all
from app.review.spot_check_sampling import SampleRecord, SamplingPolicy
from app.tasks import TaskRunner
from widgets.error_texts import error_text
from widgets.panes.pane import Pane
from widgets.review.review_view import ReviewView

log = logging.getLogger(__name__)


class SpotCheckPane(Pane):
    OBJECT_NAME = "spotCheckPane"
    ICON = "pane_spot_check"

    def __init__(
        self, context: AppContext, tasks: TaskRunner, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._review = context.review
        self._tasks = tasks
        self._user = user
        self.day_edit = QDateEdit(QDate.currentDate().addDays(-1), self)
        self.day_edit.setCalendarPopup(True)
        self.share_spin = QDoubleSpinBox(self)
        self.share_spin.setRange(0.0, 100.0)
        self.share_spin.setDecimals(1)
        self.share_spin.setValue(5.0)
        self.share_spin.setSuffix(" %")
        self.sample_button = QPushButton(self)
        self.start_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setObjectName("spotCheckStatus")
        self.status.setWordWrap(True)  # long messages must not widen the dock
        self._share_label = QLabel(self)
        # Settings on one row, actions on the next: fits a 1366-px screen.
        bar = QGridLayout()
        bar.addWidget(self.day_edit, 0, 0)
        bar.addWidget(self._share_label, 0, 1)
        bar.addWidget(self.share_spin, 0, 2)
        bar.addWidget(self.sample_button, 1, 0)
        bar.addWidget(self.start_button, 1, 1, 1, 2)
        bar.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self.view: ReviewView | None = None
        if self._review is not None:
            self.view = ReviewView(self._review.spot_checks, tasks, user, self)
            layout.addWidget(self.view, 1)
        else:
            layout.addStretch(1)
        # Drawing the sample is for those who give verdicts (APPROVE), reviewing starts with a claim.
        has_review = self._review is not None
        self.sample_button.setEnabled(has_review and may_at_all(user, Action.APPROVE))
        self.start_button.setEnabled(has_review and may_at_all(user, Action.CLAIM))
        self.sample_button.clicked.connect(self.sample_selected_day)
        self.start_button.clicked.connect(self.toggle_review)
        self.retranslate()

    def pane_title(self) -> str:
        return self.tr("Spot-check")

    def retranslate(self) -> None:
        self._share_label.setText(self.tr("Random share of unflagged photos:"))
        self.sample_button.setText(self.tr("Draw the day's sample"))
        running = self.view is not None and self.view.started
        self.start_button.setText(
            self.tr("Stop reviewing") if running else self.tr("Start reviewing (Enter)")
        )
        if self._review is None:
            self.status.setText(self.tr("No database: spot-checks are not available."))
        elif not may_at_all(self._user, Action.CLAIM):
            self.status.setText(self.tr("Your post reads spot-check results but does not review photos."))

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        if self.view is not None and self.view.started:
            self.view.start(scope)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.start_button.isEnabled():
            self.toggle_review()
        else:
            super().keyPressEvent(event)

    def toggle_review(self) -> None:
        if self.view is None:
            return
        if self.view.started:
            self.view.stop()
        else:
            self.view.start(self.scope)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()

    def stop(self) -> None:
        """At window close: hand back claimed photos."""
        if self.view is not None and self.view.started:
            self.view.stop()

    def sample_selected_day(self) -> None:
        if self._review is None:
            return
        day: date = self.day_edit.date().toPython()  # type: ignore[assignment]
        policy = SamplingPolicy(random_share=self.share_spin.value() / 100.0, seed=_seed_for(day))
        review, user = self._review, self._user
        self.status.setText(self.tr("Drawing the sample…"))
        self._tasks.run(lambda: review.sample_day(day, policy, user), self._sampled, self._sample_failed)

    def _sampled(self, record: SampleRecord) -> None:
        self.status.setText(
            self.tr("Sample of %1: %2 flagged and %3 random photos (seed %4, share %5 %)")
            .replace("%1", record.day)
            .replace("%2", str(record.flagged))
            .replace("%3", str(record.random))
            .replace("%4", str(record.seed))
            .replace("%5", f"{record.random_share * 100:.1f}")
        )

    def _sample_failed(self, error: BaseException) -> None:
        log.error("sampling failed", exc_info=error)
        self.status.setText(self.tr("Could not draw the sample: %1").replace("%1", error_text(error)))


def _seed_for(day: date) -> int:
    # Fresh but stored with the sample, so it can be reproduced later.
    import secrets

    return secrets.randbelow(2**31) ^ day.toordinal()
