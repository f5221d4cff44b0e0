"""结业审核 Completions: pending requests with their evidence; approve, reject, batch-approve, export.

GUI thread only. Loading, deciding and exporting run on the TaskRunner; a decision is shown as
"Saving…" until its transaction has committed, and a failed commit leaves the row (and the
selection) exactly as it was, with a message saying what went wrong.
Keys: A approve, R reject (asks for a reason), Ctrl+Shift+A approve every clean candidate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.people import Scope, User
from app.review.completion_service import BatchOutcome, CompletionCandidate, RequirementNotMetError
from app.review.permissions import PermissionDeniedError, may_decide_at_all
from app.tasks import TaskHandle, TaskRunner
from widgets.panes.pane import Pane
from widgets.review.completion_table_model import CompletionTableModel

log = logging.getLogger(__name__)
BATCH_NAMES_SHOWN = 15


class CompletionsPane(Pane):
    OBJECT_NAME = "completionsPane"
    ICON = "pane_completions"

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
        self._load: TaskHandle | None = None
        self.model = CompletionTableModel(context.workspace)
        self.table = QTableView(self)
        self.table.setObjectName("completionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        self.status.setObjectName("completionsStatus")
        self.status.setWordWrap(True)  # long messages (export paths) must not widen the dock
        self.approve_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.batch_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        # Decisions on the first row, exports on the second: the pane must fit a 1366-px screen.
        buttons = QGridLayout()
        for column, button in enumerate((self.approve_button, self.reject_button, self.batch_button)):
            buttons.addWidget(button, 0, column)
        buttons.addWidget(self.export_button, 1, 0)
        buttons.addWidget(self.csv_button, 1, 1)
        buttons.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        # Keys are read from the table (where the officer works down the list), not as window
        # shortcuts: A and R must not fire while typing in another pane.
        self.table.installEventFilter(self)
        self.approve_button.clicked.connect(self.approve_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.batch_button.clicked.connect(self.approve_clean)
        self.export_button.clicked.connect(self.export_evidence)
        self.csv_button.clicked.connect(self.export_day_csv)
        can_decide = self._review is not None and may_decide_at_all(user)
        for widget in (self.approve_button, self.reject_button, self.batch_button):
            widget.setEnabled(can_decide)
        self._can_decide = can_decide
        self.export_button.setEnabled(self._review is not None)
        self.csv_button.setEnabled(self._review is not None)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._can_decide:
            assert isinstance(event, QKeyEvent)
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            batch = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
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
        self.approve_button.setText(self.tr("&Approve (A)"))
        self.reject_button.setText(self.tr("&Reject (R)…"))
        self.batch_button.setText(self.tr("Approve all clean (Ctrl+Shift+A)…"))
        self.export_button.setText(self.tr("Export evidence…"))
        self.csv_button.setText(self.tr("Today's decisions as CSV…"))
        if self._review is None:
            self.status.setText(self.tr("No database: completions are not available."))

    # -- loading

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        self.reload()

    def reload(self) -> None:
        if self._review is None:
            return
        if self._load is not None:
            self._load.cancel()
        service, scope, rules = self._review.completions, self.scope, self._rules()
        self.status.setText(self.tr("Loading…"))
        self._load = self._tasks.run(lambda: service.pending(scope, rules), self._loaded, self._load_failed)

    def _loaded(self, candidates: list[CompletionCandidate]) -> None:
        self._load = None
        self.model.set_candidates(candidates)
        clean = sum(1 for c in candidates if c.evidence.clean)
        self.status.setText(
            self.tr("%1 requests awaiting review, %2 clean")
            .replace("%1", str(len(candidates)))
            .replace("%2", str(clean))
        )
        if candidates and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _load_failed(self, error: BaseException) -> None:
        self._load = None
        log.error("loading completions failed", exc_info=error)
        self.status.setText(self.tr("Could not load the completions: %1").replace("%1", str(error)))

    # -- decisions

    def current(self) -> CompletionCandidate | None:
        index = self.table.currentIndex()
        return self.model.candidate(index.row()) if index.isValid() else None

    def approve_current(self) -> None:
        candidate = self.current()
        if candidate is not None and not self.model.is_saving(candidate.completion.id):
            self._decide(candidate, approve=True, reason="")

    def reject_current(self) -> None:
        candidate = self.current()
        if candidate is None or self.model.is_saving(candidate.completion.id):
            return
        reason = self.ask_reason(candidate)
        if reason:
            self._decide(candidate, approve=False, reason=reason)

    def ask_reason(self, candidate: CompletionCandidate) -> str:
        """Modal; tests replace it."""
        reasons = [
            self.tr("Online study photo is not the learner"),
            self.tr("On-site study not continuous for more than three hours"),
            self.tr("Study record irregular; study again"),
        ]
        text, ok = QInputDialog.getItem(
            self,
            self.tr("Reject completion"),
            self.tr("Reason for rejecting %1:").replace("%1", candidate.learner_name),
            reasons,
            0,
            True,
        )
        return text.strip() if ok else ""

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
        row = self.model.row_of(completion_id)
        self.model.remove(completion_id)
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        self.status.setText(self.tr("Approved and saved.") if approved else self.tr("Rejected and saved."))

    def _decision_failed(self, completion_id: int, error: BaseException) -> None:
        # The row stays, pending, where it was: nothing is shown as decided that is not on disk.
        self.model.set_saving(completion_id, False)
        log.error("deciding completion %d failed", completion_id, exc_info=error)
        if isinstance(error, PermissionDeniedError):
            text = self.tr("You may not decide this completion (post or county).")
        elif isinstance(error, RequirementNotMetError):
            text = self.tr("The learner no longer meets the requirement; the evidence has changed.")
        else:
            text = self.tr("The decision was NOT saved: %1").replace("%1", str(error))
        self.show_error(text)

    def show_error(self, text: str) -> None:
        """Modal; tests replace it."""
        self.status.setText(text)
        QMessageBox.warning(self, self.tr("Completions"), text)

    def approve_clean(self) -> None:
        if self._review is None:
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
        names = "、".join(c.learner_name for c in clean[:BATCH_NAMES_SHOWN])
        if len(clean) > BATCH_NAMES_SHOWN:
            names += self.tr(" and %1 more").replace("%1", str(len(clean) - BATCH_NAMES_SHOWN))
        text = (
            self.tr("Approve %1 clean completions?\n\n%2").replace("%1", str(len(clean))).replace("%2", names)
        )
        answer = QMessageBox.question(self, self.tr("Approve all clean"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _batch_done(self, outcome: BatchOutcome) -> None:
        for completion_id in outcome.approved:
            self.model.remove(completion_id)
        for completion_id in outcome.failed:
            self.model.set_saving(completion_id, False)
        text = self.tr("%1 approved and saved.").replace("%1", str(len(outcome.approved)))
        if outcome.failed:
            self.show_error(
                text + " " + self.tr("%1 could not be approved.").replace("%1", str(len(outcome.failed)))
            )
        else:
            self.status.setText(text)

    def _batch_failed(self, ids: list[int], error: BaseException) -> None:
        for completion_id in ids:
            self.model.set_saving(completion_id, False)
        self.show_error(self.tr("The batch approval stopped: %1").replace("%1", str(error)))
        self.reload()  # some may have been saved before the failure: show the truth

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
            lambda error: self.show_error(self.tr("Export failed: %1").replace("%1", str(error))),
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
            lambda error: self.show_error(self.tr("Export failed: %1").replace("%1", str(error))),
        )
