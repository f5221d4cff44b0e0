"""The completions pane's table: one completion per row with its evidence and blockers. GUI thread only.

`update_candidates` merges a fresh answer into the rows (removing, changing and inserting rows, not
resetting the model), so the live refresh keeps the officer's selection and scroll position.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.completion_blockers import BlockerEffect
from app.domain.enums import Programme
from app.domain.geography import Workspace
from app.review.completion_service import CompletionCandidate
from widgets.labels import licence_class_label, programme_label
from widgets.review.completion_words import blocker_text, licence_text, status_text

COLUMNS = (
    "learner",
    "id_number",
    "licence",
    "status",
    "events",
    "spot_checks",
    "onsite",
    "online",
    "programme",
    "county",
)
_Index = QModelIndex | QPersistentModelIndex
CLEAN, VOID, HOLD, REVIEW = QColor("#2e7d32"), QColor("#c62828"), QColor("#c62828"), QColor("#ef6c00")


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

    def update_candidates(self, candidates: list[CompletionCandidate]) -> None:
        """Merge a fresh list (same order) into the rows without a reset: rows gone are removed,
        rows still there are changed in place, new rows are inserted where they belong."""
        wanted = {c.completion.id for c in candidates}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].completion.id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        kept = {c.completion.id for c in self._rows}
        # Both lists share a sort key, so one walk finds each row or inserts before it.
        for row, candidate in enumerate(candidates):
            if row < len(self._rows) and self._rows[row].completion.id == candidate.completion.id:
                if self._rows[row] != candidate:
                    self._rows[row] = candidate
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            elif candidate.completion.id in kept:  # order changed (a re-requested completion): reset
                self.set_candidates(candidates)
                return
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, candidate)
                self.endInsertRows()

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
            "id_number": self.tr("ID number"),
            "licence": self.tr("Class · required"),
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
            blockers = candidate.evidence.blockers
            if not blockers:
                return CLEAN
            return {BlockerEffect.VOID: VOID, BlockerEffect.HOLD: HOLD}.get(blockers[0].effect, REVIEW)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(candidate, column)
        return None

    def _tooltip(self, candidate: CompletionCandidate, column: str) -> str | None:
        if column == "status":
            lines = [blocker_text(b) for b in candidate.evidence.blockers]
            return "\n".join(lines) if lines else self.tr("Nothing argues against approval.")
        if column == "licence":
            return (
                self.tr("%1 (%2): 满分 7 days, 30 for A1/A2/A3/B1/B2 (163号令); 审验 3 hours (162号令)")
                .replace("%1", candidate.licence_class.value)
                .replace("%2", licence_class_label(candidate.licence_class))
            )
        return None

    def _text(self, candidate: CompletionCandidate, column: str) -> str:
        e = candidate.evidence
        if column == "learner":
            return candidate.learner_name
        if column == "id_number":
            return candidate.id_number_masked
        if column == "licence":
            return licence_text(candidate)
        if column == "county":
            return next((c.name for c in self._workspace.counties if c.id == candidate.county_id), "")
        if column == "programme":
            return programme_label(candidate.completion.programme)
        if column in ("onsite", "online"):
            days, hours = (
                (e.onsite_days, e.onsite_hours) if column == "onsite" else (e.online_days, e.online_hours)
            )
            if e.programme is Programme.REVIEW:
                return self.tr("%1 h").replace("%1", f"{hours:.1f}")
            return self.tr("%1 d (%2 h)").replace("%1", str(days)).replace("%2", f"{hours:.1f}")
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
        return status_text(candidate)
