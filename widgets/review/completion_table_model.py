"""The completions pane's table: one pending request per row with its evidence. GUI thread only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.enums import Programme
from app.domain.geography import Workspace
from app.review.completion_service import CompletionCandidate
from widgets.labels import programme_label

COLUMNS = ("learner", "county", "programme", "onsite", "online", "events", "spot_checks", "status")
_Index = QModelIndex | QPersistentModelIndex


class CompletionTableModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self._workspace = workspace
        self._rows: list[CompletionCandidate] = []
        self._saving: set[int] = set()  # completion ids whose decision is being committed

    # -- data

    def set_candidates(self, candidates: list[CompletionCandidate]) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self.endResetModel()

    def candidate(self, row: int) -> CompletionCandidate:
        return self._rows[row]

    def candidates(self) -> list[CompletionCandidate]:
        return list(self._rows)

    def row_of(self, completion_id: int) -> int:
        return next((n for n, c in enumerate(self._rows) if c.completion.id == completion_id), -1)

    def remove(self, completion_id: int) -> None:
        row = self.row_of(completion_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self._saving.discard(completion_id)

    def set_saving(self, completion_id: int, saving: bool) -> None:
        (self._saving.add if saving else self._saving.discard)(completion_id)
        row = self.row_of(completion_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def is_saving(self, completion_id: int) -> bool:
        return completion_id in self._saving

    # -- Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "learner": self.tr("Learner"),
            "county": self.tr("County"),
            "programme": self.tr("Programme"),
            "onsite": self.tr("On-site"),
            "online": self.tr("Online"),
            "events": self.tr("Events"),
            "spot_checks": self.tr("Spot-checks"),
            "status": self.tr("Status"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        candidate = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(candidate, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            e = candidate.evidence
            return QColor("#2e7d32") if e.clean else QColor("#c62828") if not e.met else QColor("#ef6c00")
        if role == Qt.ItemDataRole.ToolTipRole and column == "status":
            return candidate.evidence.summary()
        return None

    def _text(self, candidate: CompletionCandidate, column: str) -> str:
        e = candidate.evidence
        if column == "learner":
            return candidate.learner_name
        if column == "county":
            return next((c.name for c in self._workspace.counties if c.id == candidate.county_id), "")
        if column == "programme":
            return programme_label(candidate.completion.programme)
        if column == "onsite":
            if e.programme is Programme.REVIEW:
                return self.tr("%1 h").replace("%1", f"{e.onsite_hours:.1f}")
            return (
                self.tr("%1 d (%2 h)")
                .replace("%1", str(e.onsite_days))
                .replace("%2", f"{e.onsite_hours:.1f}")
            )
        if column == "online":
            if e.programme is Programme.REVIEW:
                return self.tr("%1 h").replace("%1", f"{e.online_hours:.1f}")
            return (
                self.tr("%1 d (%2 h)")
                .replace("%1", str(e.online_days))
                .replace("%2", f"{e.online_hours:.1f}")
            )
        if column == "events":
            return (
                self.tr("%1 open, %2 confirmed")
                .replace("%1", str(e.open_events))
                .replace("%2", str(e.confirmed_events))
            )
        if column == "spot_checks":
            return (
                self.tr("%1 passed, %2 failed, %3 pending")
                .replace("%1", str(e.spot_passed))
                .replace("%2", str(e.spot_failed))
                .replace("%3", str(e.spot_pending))
            )
        if self.is_saving(candidate.completion.id):
            return self.tr("Saving…")
        if e.substitution:
            return self.tr("Substitution (替学)")
        if not e.met:
            return self.tr("Requirement not met")
        return self.tr("Clean") if e.clean else self.tr("Check evidence")
