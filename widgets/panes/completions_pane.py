"""结业审核 Completions: pending requests with their evidence and blockers; approve, reject, batch-approve,
reverse a decision, export.

GUI thread only. The list (widgets/review/completion_list.py) loads and keeps itself live; deciding
and exporting run on the TaskRunner. A decision is shown as "Saving…" until its transaction has
committed, and a failed or refused decision leaves the row (and the selection) as it was, with a
message saying why. The service judges every approval again inside its transaction; what this pane
shows only helps the officer choose.

Keys (in the table): A approve (asks first, naming the learner, masked ID and class), R reject
(asks for a reason), Ctrl+Shift+A approve every clean candidate. Under "Decided" the supervisory
post reverses a decision, with a reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFileDialog, QGridLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.context import AppContext
from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.people import Scope, User
from app.domain.permissions import Action, may_at_all
from app.review.completion_service import BatchOutcome, CompletionCandidate
from app.tasks import TaskRunner
from widgets.error_texts import error_text
from widgets.panes.pane import Pane
from widgets.review import completion_dialogs
from widgets.review.completion_list import CompletionList
from widgets.review.completion_words import batch_outcome_text, blocker_text, refusal_text, who_text

log = logging.getLogger(__name__)


class CompletionsPane(Pane):
    OBJECT_NAME = "completionsPane"
    ICON = "pane_completions"
    POLL_MS = 5_000  # how often the list asks again for events and decisions made elsewhere

    def __init__(
        self,
        context: AppContext,
        tasks: TaskRunner,
        user: User,
        parent: QWidget | None = None,
        *,
        rules: Callable[[], ClassroomRules] | None = None,
    ) -> None:
        super().__init__(parent)
        self._review = context.review
        # The classroom thresholds are settings; read at each load and decision so a change applies.
        self._rules = rules or (lambda: DEFAULT_CLASSROOM_RULES)
        self._tasks = tasks
        self._user = user
        self.list = CompletionList(context, tasks, lambda: self._rules(), self, poll_ms=self.POLL_MS)
        self.model, self.table, self.status = self.list.model, self.list.table, self.list.status
        self.list.saving = self.model.is_saving
        self.approve_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.batch_button = QPushButton(self)
        self.reverse_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        # Decisions on one row, exports on the next: fits a 1366-px screen.
        buttons = QGridLayout()
        for column, button in enumerate((self.approve_button, self.reject_button, self.batch_button)):
            buttons.addWidget(button, 0, column)
        # Under "Decided" the decisions are hidden and reversing takes their place (one cell, one shown).
        buttons.addWidget(self.reverse_button, 0, 0, 1, 2)
        buttons.addWidget(self.export_button, 1, 0)
        buttons.addWidget(self.csv_button, 1, 1)
        buttons.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

        # Keys on the table, not as shortcuts: A and R must not fire while typing elsewhere.
        self.table.installEventFilter(self)
        self.approve_button.clicked.connect(self.approve_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.batch_button.clicked.connect(self.approve_clean)
        self.reverse_button.clicked.connect(self.reverse_current)
        self.export_button.clicked.connect(self.export_evidence)
        self.csv_button.clicked.connect(self.export_day_csv)
        self.list.mode_changed.connect(self._mode_changed)
        self._can_decide = self._review is not None and may_at_all(user, Action.APPROVE)
        self._can_reverse = self._review is not None and may_at_all(user, Action.REVERSE)
        self.export_button.setEnabled(self._review is not None)
        self.csv_button.setEnabled(self._review is not None)
        self._mode_changed()
        self.retranslate()

    @property
    def showing_decided(self) -> bool:
        return self.list.showing_decided

    def _mode_changed(self) -> None:
        decided = self.showing_decided
        for button in (self.approve_button, self.reject_button, self.batch_button):
            button.setVisible(not decided)
            button.setEnabled(self._can_decide)
        self.reverse_button.setVisible(decided)
        self.reverse_button.setEnabled(self._can_reverse)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._can_decide:
            assert isinstance(event, QKeyEvent)
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            batch = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            if not self.showing_decided:
                if event.key() == Qt.Key.Key_A and modifiers == batch:
                    self.approve_clean()
                    return True
                if event.key() == Qt.Key.Key_A and modifiers == Qt.KeyboardModifier.NoModifier:
                    self.approve_current()
                    return True
                if event.key() == Qt.Key.Key_R and modifiers == Qt.KeyboardModifier.NoModifier:
                    self.reject_current()
                    return True
        return super().eventFilter(watched, event)

    def pane_title(self) -> str:
        return self.tr("Completions")

    def retranslate(self) -> None:
        self.list.retranslate()
        self.approve_button.setText(self.tr("&Approve (A)…"))
        self.reject_button.setText(self.tr("&Reject (R)…"))
        self.batch_button.setText(self.tr("Approve all clean (Ctrl+Shift+A)…"))
        self.reverse_button.setText(self.tr("Re&verse decision…"))
        self.reverse_button.setToolTip(self.tr("Supervisory post only; needs a reason; audited."))
        self.export_button.setText(self.tr("Export evidence…"))
        self.csv_button.setText(self.tr("Today's decisions as CSV…"))
        if self._review is None:
            self.status.setText(self.tr("No database: completions are not available."))

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        self.list.set_scope(scope)

    def reload(self) -> None:
        self.list.reload()

    def poll(self) -> None:
        """Ask again for the list and merge it in place (the live refresh does this on its own)."""
        self.list.poll()

    def stop(self) -> None:
        self.list.stop()

    def current(self) -> CompletionCandidate | None:
        return self.list.current()

    # -- decisions

    def approve_current(self) -> None:
        candidate = self.current()
        if candidate is None or self.showing_decided or self.model.is_saving(candidate.completion.id):
            return
        if not candidate.evidence.approvable:
            # The service would refuse too; say why now, then refresh (the list may be stale).
            lines = "\n".join(blocker_text(b) for b in candidate.evidence.blockers)
            self.show_error(
                self.tr("%1 cannot be approved:\n%2").replace("%1", who_text(candidate)).replace("%2", lines)
            )
            self.poll()
            return
        if self.confirm_approval(candidate):
            self._decide(candidate, approve=True, reason="")

    def confirm_approval(self, candidate: CompletionCandidate) -> bool:
        """Modal: names the learner, masked ID and class. Tests replace it."""
        return completion_dialogs.confirm_approval(self, candidate)

    def reject_current(self) -> None:
        candidate = self.current()
        if candidate is None or self.showing_decided or self.model.is_saving(candidate.completion.id):
            return
        reason = self.ask_reason(candidate)
        if reason:
            self._decide(candidate, approve=False, reason=reason)

    def ask_reason(self, candidate: CompletionCandidate) -> str:
        """Modal; tests replace it."""
        return completion_dialogs.ask_rejection_reason(self, candidate)

    def _decide(self, candidate: CompletionCandidate, *, approve: bool, reason: str) -> None:
        assert self._review is not None
        service, user, completion_id = self._review.completions, self._user, candidate.completion.id
        rules = self._rules()
        self.model.set_saving(completion_id, True)
        self._tasks.run(
            lambda: service.decide(user, completion_id, approve=approve, reason=reason, rules=rules),
            lambda _decided: self._decided(completion_id, approve),
            lambda error: self._decision_failed(completion_id, error),
        )

    def _decided(self, completion_id: int, approved: bool) -> None:
        self.list.remove_keeping_place(completion_id)
        self.status.setText(self.tr("Approved and saved.") if approved else self.tr("Rejected and saved."))

    def _decision_failed(self, completion_id: int, error: BaseException) -> None:
        # The row stays pending: nothing shows as decided that is not on disk.
        self.model.set_saving(completion_id, False)
        log.warning("deciding completion %d failed: %s", completion_id, error)
        self.show_error(refusal_text(error))
        self.poll()  # the evidence changed under the officer: show it

    def show_error(self, text: str) -> None:
        """Modal; tests replace it."""
        self.status.setText(text)
        QMessageBox.warning(self, self.tr("Completions"), text)

    def approve_clean(self) -> None:
        if self._review is None or self.showing_decided:
            return
        clean = [
            c
            for c in self.model.candidates()
            if c.evidence.clean and not self.model.is_saving(c.completion.id)
        ]
        if not clean or not self.confirm_batch(clean):
            return
        service, user, rules = self._review.completions, self._user, self._rules()
        ids = [c.completion.id for c in clean]
        for completion_id in ids:
            self.model.set_saving(completion_id, True)
        self._tasks.run(
            lambda: service.approve_many(user, ids, rules),
            self._batch_done,
            lambda error: self._batch_failed(ids, error),
        )

    def confirm_batch(self, clean: list[CompletionCandidate]) -> bool:
        """Modal: says how many and which. Tests replace it."""
        return completion_dialogs.confirm_batch(self, clean)

    def _batch_done(self, outcome: BatchOutcome) -> None:
        names = {c.completion.id: who_text(c) for c in self.model.candidates()}
        for completion_id in outcome.approved:
            self.model.remove(completion_id)
        for completion_id in outcome.not_approved:
            self.model.set_saving(completion_id, False)
        text = batch_outcome_text(outcome, names)
        if outcome.not_approved:
            self.show_error(text)
            self.poll()  # the refused rows show their blockers
        else:
            self.status.setText(text)

    def _batch_failed(self, ids: list[int], error: BaseException) -> None:
        for completion_id in ids:
            self.model.set_saving(completion_id, False)
        self.show_error(self.tr("The batch approval stopped: %1").replace("%1", error_text(error)))
        self.reload()  # some may have been saved before the failure: show the truth

    # -- reversal (the supervisory post)

    def reverse_current(self) -> None:
        candidate = self.current()
        if (
            candidate is None
            or self._review is None
            or not self.showing_decided
            or self.model.is_saving(candidate.completion.id)
        ):
            return
        reason = self.ask_reversal_reason(candidate)
        if not reason:
            self.status.setText(self.tr("Not reversed: a reason is required."))
            return
        service, user, completion_id = self._review.completions, self._user, candidate.completion.id
        self.model.set_saving(completion_id, True)
        self._tasks.run(
            lambda: service.reverse(user, completion_id, reason),
            lambda _reopened: self._reversed(completion_id),
            lambda error: self._decision_failed(completion_id, error),
        )

    def ask_reversal_reason(self, candidate: CompletionCandidate) -> str:
        """Modal; tests replace it."""
        return completion_dialogs.ask_reversal_reason(self, candidate)

    def _reversed(self, completion_id: int) -> None:
        self.list.remove_keeping_place(completion_id)
        self.status.setText(self.tr("Decision reversed and saved: the completion is pending again."))

    # -- exports

    def ask_path(self, suggestion: str, filters: str) -> Path | None:
        """Modal; tests replace it."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export"), suggestion, filters)
        return Path(path) if path else None

    def export_evidence(self) -> None:
        candidate = self.current()
        if candidate is None or self._review is None:
            return
        target = self.ask_path(
            f"evidence-{candidate.completion.learner_id}.pdf", self.tr("PDF (*.pdf);;HTML (*.html)")
        )
        if target is None:
            return
        review, user, learner_id = self._review, self._user, candidate.completion.learner_id
        self.status.setText(self.tr("Exporting…"))
        self._tasks.run(
            lambda: review.export_evidence(user, learner_id, target),
            lambda path: self.status.setText(self.tr("Exported to %1").replace("%1", str(path))),
            lambda error: self.show_error(self.tr("Export failed: %1").replace("%1", error_text(error))),
        )

    def export_day_csv(self) -> None:
        if self._review is None:
            return
        day = date.today()
        target = self.ask_path(f"decisions-{day.isoformat()}.csv", self.tr("CSV (*.csv)"))
        if target is None:
            return
        review, user = self._review, self._user
        self._tasks.run(
            lambda: review.export_approvals(user, day, target),
            lambda rows: self.status.setText(
                self.tr("%1 decisions exported to %2").replace("%1", str(rows)).replace("%2", str(target))
            ),
            lambda error: self.show_error(self.tr("Export failed: %1").replace("%1", error_text(error))),
        )
