"""The Events pane's table: one row per event, sortable by any column, widths from the labels.

Column widths come from the font metrics of the labels each column can show, not from
resizeColumnsToContents (which calls data() for every visible cell and cost 30–70 ms of GUI thread
per query here). The learner column comes third and fits two names, elided at the right with the
whole list in the tooltip, so a docked pane about 400 px wide still shows whom an event concerns.
A header click sorts the whole list (EventTableModel.sort asks the database). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.enums import EventKind, EventState, Severity
from widgets.events.event_table_model import Column, EventTableModel
from widgets.labels import event_kind_label, event_state_label, severity_label

SORT_ARROW = 14  # room for the header's sort indicator


class EventTableView(QTableView):
    def __init__(self, model: EventTableModel, thumbnail: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTable")
        self._thumbnail = thumbnail
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(thumbnail.height() // 2 + 12)
        self.setIconSize(QSize(thumbnail.width() // 2, thumbnail.height() // 2))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Newest first until a header is clicked; set before enabling sorting, which sorts at once.
        header.setSortIndicator(*model.sort_indicator())
        self.setSortingEnabled(True)

    def size_columns(self) -> None:
        metrics = self.fontMetrics()
        model = self.model()

        def width(*texts: str) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + 24 + SORT_ARROW

        samples: dict[Column, tuple[str, ...]] = {
            Column.SEVERITY: tuple(severity_label(s) for s in Severity),
            Column.KIND: tuple(event_kind_label(k) for k in EventKind),
            Column.LEARNERS: ("王建国、李明",),
            Column.STATE: tuple(event_state_label(s) for s in EventState),
            Column.STARTED: ("2026-12-31 23:59",),
            Column.DURATION: (self.tr("%1 min").replace("%1", "999"),),
            Column.PLACE: ("七星关区车管所 · 第一教室",),
            Column.OWNER: ("王建国王建",),
            Column.SNAPSHOT: ("",),
        }
        for column, texts in samples.items():
            size = width(str(model.headerData(column, Qt.Orientation.Horizontal)), *texts)
            if column is Column.SNAPSHOT:
                size = max(size, self._thumbnail.width() // 2 + 16)
            self.setColumnWidth(column, size)

    def retranslate(self) -> None:
        self.size_columns()
        self.setToolTip(
            self.tr(
                "J/K: next/previous · C: confirm · D: dismiss · E: escalate · Enter: details · "
                "P: play the recording · double-click: live camera or recording · "
                "click a column title to sort"
            )
        )
