"""The completions pane's list: pending requests or recent decisions, with their blockers, kept live.

GUI thread; every query runs on the TaskRunner. `reload` replaces the rows (scope or tab changed);
`poll` asks again and merges the answer into the rows in place (CompletionTableModel.update_candidates),
so new events, spot-check verdicts and other officers' decisions show without moving the selection.
It polls every `poll_ms` while shown, and at once when this console's live analysis stored events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import CompletionState
from app.domain.people import Scope
from app.review.completion_service import CompletionCandidate
from app.tasks import TaskHandle, TaskRunner
from widgets.error_texts import error_text
from widgets.review.completion_table_model import CompletionTableModel
from widgets.review.live_refresh import LiveRefresh

log = logging.getLogger(__name__)
PENDING_TAB, DECIDED_TAB = 0, 1


class CompletionList(QWidget):
    LIVE_MS = 1_000
    DECIDED_DAYS = 30

    mode_changed = Signal()  # the officer switched between "Pending" and "Decided"

    def __init__(
        self,
        context: AppContext,
        tasks: TaskRunner,
        rules: Callable[[], ClassroomRules],
        parent: QWidget | None = None,
        *,
        poll_ms: int = 5_000,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._review = context.review
        self._tasks = tasks
        self._rules = rules
        self._scope = Scope.city()
        self._load: TaskHandle | None = None
        self._loading = False  # set before asking: a synchronous runner answers inside run()
        self._refreshing = False  # one live refresh at a time
        self._generation = 0  # a reload makes answers to older questions stale
        self.saving: Callable[[int], bool] = lambda _id: False  # the pane says which rows it commits
        self.clock: Callable[[], datetime] = datetime.now
        self.model = CompletionTableModel(context.workspace)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("completionsModeTabs")
        self.tabs.addTab("")
        self.tabs.addTab("")
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.live = LiveRefresh(self, self.poll, self._live_stored, interval_ms=poll_ms, live_ms=self.LIVE_MS)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(PENDING_TAB, self.tr("Pending"))
        days = str(self.DECIDED_DAYS)
        self.tabs.setTabText(DECIDED_TAB, self.tr("Decided (last %1 days)").replace("%1", days))

    @property
    def showing_decided(self) -> bool:
        return self.tabs.currentIndex() == DECIDED_TAB

    def current(self) -> CompletionCandidate | None:
        index = self.table.currentIndex()
        return self.model.candidate(index.row()) if index.isValid() else None

    def remove_keeping_place(self, completion_id: int) -> None:
        """Drop a row just decided and select the one that took its place."""
        row = self.model.row_of(completion_id)
        self.model.remove(completion_id)
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))

    def _tab_changed(self, _index: int) -> None:
        self.mode_changed.emit()
        self.reload()

    # -- asking

    def set_scope(self, scope: Scope) -> None:
        self._scope = scope
        self.reload()

    def _query(self) -> Callable[[], list[CompletionCandidate]]:
        assert self._review is not None
        service, scope, rules = self._review.completions, self._scope, self._rules()
        if self.showing_decided:
            since = self.clock() - timedelta(days=self.DECIDED_DAYS)
            return lambda: service.decided(scope, since, rules)
        return lambda: service.pending(scope, rules)

    def reload(self) -> None:
        """Ask again from scratch: the rows are replaced."""
        if self._review is None:
            return
        if self._load is not None:
            self._load.cancel()
        self._generation += 1
        self._refreshing = False
        self._loading = True
        self.status.setText(self.tr("Loading…"))
        self._load = self._tasks.run(self._query(), self._loaded, self._load_failed)
        self.live.start()

    def poll(self) -> None:
        """Ask again and merge the answer into the rows (skipped while hidden or already asking)."""
        if self._review is None or self._loading or self._refreshing or not self.isVisible():
            return
        self.live.asked()
        generation = self._generation
        self._refreshing = True
        self._tasks.run(
            self._query(),
            lambda candidates: self._refreshed(candidates, generation),
            self._refresh_failed,
        )

    def stop(self) -> None:
        """No more queries (the window closes; the database goes away)."""
        self.live.stop()
        if self._load is not None:
            self._load.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.poll)  # hidden behind another tab, it did not follow

    def _live_stored(self) -> int | None:
        return self._context.analysis.stored_events

    # -- answers

    def _loaded(self, candidates: list[CompletionCandidate]) -> None:
        self._loading = False
        self.model.set_candidates(candidates)
        self.show_counts()
        if candidates and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _refreshed(self, candidates: list[CompletionCandidate], generation: int) -> None:
        self._refreshing = False
        if generation != self._generation:
            return
        # A row being decided stays until its own answer (this one may predate the commit).
        fresh = {c.completion.id for c in candidates}
        kept = [
            c
            for c in self.model.candidates()
            if self.saving(c.completion.id) and c.completion.id not in fresh
        ]
        merged = sorted([*candidates, *kept], key=self._order_key)
        self.model.update_candidates(merged)
        self.show_counts()
        if merged and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _order_key(self, candidate: CompletionCandidate) -> tuple[float, int]:
        # The service's orders: pending by request (oldest first), decided by decision (newest first).
        completion = candidate.completion
        if self.showing_decided:
            decided_at = completion.decided_at
            return (-decided_at.timestamp() if decided_at else 0.0, -completion.id)
        return (completion.requested_at.timestamp(), completion.id)

    def _refresh_failed(self, error: BaseException) -> None:
        self._refreshing = False
        log.warning("refreshing the completions failed", exc_info=error)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.error("loading completions failed", exc_info=error)
        self.status.setText(self.tr("Could not load the completions: %1").replace("%1", error_text(error)))

    def show_counts(self) -> None:
        candidates = self.model.candidates()
        if self.showing_decided:
            contradicted = sum(
                1
                for c in candidates
                if c.completion.state is CompletionState.APPROVED and not c.evidence.approvable
            )
            self.status.setText(
                self.tr("%1 decisions in the last %2 days; %3 approvals now contradicted by the evidence")
                .replace("%1", str(len(candidates)))
                .replace("%2", str(self.DECIDED_DAYS))
                .replace("%3", str(contradicted))
            )
            return
        clean = sum(1 for c in candidates if c.evidence.clean)
        blocked = sum(1 for c in candidates if not c.evidence.approvable)
        self.status.setText(
            self.tr("%1 requests awaiting review: %2 clean, %3 blocked")
            .replace("%1", str(len(candidates)))
            .replace("%2", str(clean))
            .replace("%3", str(blocked))
        )
