"""审计 Audit log: the duty manager's list of every verdict, approval, rejection, state change and
sign-in, with filters and a verification of the SHA-256 chain.

GUI thread only: listing and verifying run on the TaskRunner (verifying reads every row, which on a
long-lived database takes seconds). Reading it is AUDIT of the permission matrix (the duty manager
and the supervisory post); the service enforces it, this pane only greys out and words a refusal.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.casework import AuditEntry
from app.domain.people import User
from app.domain.permissions import Action, PermissionDenied, may_at_all
from app.review.audit_values import AuditQuery, ChainReport, ProblemKind
from app.tasks import TaskHandle, TaskRunner
from widgets.audit_texts import action_text, subject_text
from widgets.error_texts import error_text
from widgets.panes.pane import Pane
from widgets.permission_texts import refusal_text

log = logging.getLogger(__name__)
ACTION_PREFIXES = ("", "login", "completion.", "spot_check.", "event.", "export.")


class AuditPane(Pane):
    OBJECT_NAME = "auditPane"
    ICON = "pane_dashboard"

    def __init__(
        self, context: AppContext, tasks: TaskRunner, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._allowed = may_at_all(user, Action.AUDIT)
        self._review = context.review
        self._user = user
        self._tasks = tasks
        self._users = {u.id: u.display_name for u in context.users}
        self._load: TaskHandle | None = None
        self._verify: TaskHandle | None = None
        self.action_box = QComboBox(self)
        self.subject_edit = QLineEdit(self)
        self.refresh_button = QPushButton(self)
        self.verify_button = QPushButton(self)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("auditTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.action_box)
        bar.addWidget(self.subject_edit, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        for prefix in ACTION_PREFIXES:
            self.action_box.addItem("", prefix)
        self.action_box.currentIndexChanged.connect(self.reload)
        self.subject_edit.returnPressed.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        for widget in (self.action_box, self.subject_edit, self.refresh_button, self.verify_button):
            widget.setEnabled(self._allowed)
        self.retranslate()

    def pane_title(self) -> str:
        return self.tr("Audit log")

    def retranslate(self) -> None:
        labels = [
            self.tr("All actions"),
            self.tr("Sign-ins"),
            self.tr("Completions"),
            self.tr("Spot-checks"),
            self.tr("Events"),
            self.tr("Exports"),
        ]
        for index, label in enumerate(labels):
            self.action_box.setItemText(index, label)
        self.subject_edit.setPlaceholderText(self.tr("Subject contains, e.g. completion:12"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.verify_button.setText(self.tr("Verify chain"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Time"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Subject"),
                self.tr("Detail"),
            ]
        )
        if not self._allowed:
            self.status.setText(self.tr("Only the duty manager and the supervisory post read the audit log."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._allowed and self.table.rowCount() == 0 and (self._load is None or self._load.is_done):
            self.reload()

    def reload(self) -> None:
        if not self._allowed:
            return
        if self._load is not None:
            self._load.cancel()
        query = AuditQuery(
            action=str(self.action_box.currentData() or ""), subject=self.subject_edit.text().strip()
        )
        review, user = self._review, self._user
        self._load = self._tasks.run(lambda: review.audit_entries(user, query), self._loaded, self._failed)

    def _loaded(self, entries: list[AuditEntry]) -> None:
        self._load = None
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            who = self._users.get(entry.actor_id, str(entry.actor_id)) if entry.actor_id is not None else "—"
            values = [
                str(entry.id),
                entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                who,
                action_text(entry.action),
                subject_text(entry.subject),
                entry.detail,
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _failed(self, error: BaseException) -> None:
        self._load = None
        if isinstance(error, PermissionDenied):
            self.status.setText(refusal_text(error))
            return
        log.error("audit log query failed", exc_info=error)
        self.status.setText(self.tr("Could not read the audit log: %1").replace("%1", error_text(error)))

    def verify(self) -> None:
        if not self._allowed or (self._verify is not None and not self._verify.is_done):
            return
        review, user = self._review, self._user
        self.status.setText(self.tr("Verifying the chain…"))
        self.verify_button.setEnabled(False)

        def work() -> ChainReport:  # worker thread
            from app.tasks import current_handle

            handle = current_handle()
            return review.verify_audit(user, lambda: handle is not None and handle.is_cancelled)

        self._verify = self._tasks.run(work, self._verified, self._verify_failed)

    def _verified(self, report: ChainReport) -> None:
        self._verify = None
        self.verify_button.setEnabled(True)
        if report.ok:
            intact = (
                self.tr("Chain intact: %1 entries checked, last #%2.")
                .replace("%1", str(report.checked))
                .replace("%2", str(report.last_id))
            )
            self.status.setText(" ".join(filter(None, [intact, self._witness_text(report)])))
            return
        words = {
            ProblemKind.EDITED: self.tr("entry #%1 was edited"),
            ProblemKind.INSERTED: self.tr("entry #%1 was inserted"),
            ProblemKind.DELETED: self.tr("entries were deleted before or at #%1"),
            ProblemKind.WITNESS: self.tr("this workstation's record of #%1 was altered"),
        }
        lines = [words[p.kind].replace("%1", str(p.entry_id)) for p in report.problems]
        self.status.setText(self.tr("CHAIN BROKEN: %1").replace("%1", "; ".join(lines)))

    def _witness_text(self, report: ChainReport) -> str:
        """What this workstation's witness let the check compare, and what it could not."""
        if report.witness_missing:
            return self.tr("This workstation's witness file is MISSING: its entries could not be compared.")
        if report.witness_unverified:
            return self.tr(
                "%1 of this workstation's witness lines could not be verified (no key in the keyring)."
            ).replace("%1", str(report.witness_unverified))
        if report.witnessed:
            return self.tr("%1 entries compared with this workstation's witness.").replace(
                "%1", str(report.witnessed)
            )
        return ""

    def _verify_failed(self, error: BaseException) -> None:
        self._verify = None
        self.verify_button.setEnabled(True)
        if isinstance(error, PermissionDenied):
            self.status.setText(refusal_text(error))
            return
        self.status.setText(self.tr("Verification failed: %1").replace("%1", error_text(error)))
