"""The event list as a lazily fetched table: keyset pages loaded on the TaskRunner, never on the GUI thread.

QTableView asks `canFetchMore`/`fetchMore` when the user scrolls near the end; `fetchMore` only
starts a worker task, and the page arrives later in `_on_page` (GUI thread), where rows are
appended. At most one page is in flight. A new filter or order bumps `_generation`, so a page of
the old one that arrives late is dropped rather than mixed in. The model keeps the rows fetched so
far (a shift scrolls through thousands, not a million).

Sorting (a click on a column header, `sort`) asks the database for the pages in that order
(keyset cursors continue it: the whole list is sorted, not the loaded rows). `insert_items` puts
newly arrived events among the loaded rows where the order wants them (event_row_order.py), so the
view keeps its selection and scroll position; a page that later brings one of them again skips it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.domain.casework import Event
from app.domain.enums import EventState, Severity
from app.domain.event_paging import (
    NEWEST_FIRST,
    EventCursor,
    EventFilter,
    EventOrder,
    EventSortKey,
)
from app.domain.geography import Workspace
from app.domain.people import User
from app.supervision.event_service import EventListItem, EventListPage, EventService
from app.tasks import TaskHandle, TaskRunner
from widgets.error_texts import error_text
from widgets.events.event_row_order import insertion_row, sort_value
from widgets.events.thumbnails import ThumbnailCache
from widgets.labels import event_kind_label, event_state_label, severity_label

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

SEVERITY_COLOURS = {Severity.HIGH: "#e5534b", Severity.MEDIUM: "#d29922", Severity.LOW: "#8f99a6"}
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    """The columns, in the order shown: what and whom first, so a docked pane about 400 px wide
    still shows the learner's name; where, who handles it and the picture further right."""

    SEVERITY = 0
    KIND = 1
    LEARNERS = 2
    STATE = 3
    STARTED = 4
    DURATION = 5
    PLACE = 6
    OWNER = 7
    SNAPSHOT = 8


SORT_KEYS = {
    Column.SEVERITY: EventSortKey.SEVERITY,
    Column.KIND: EventSortKey.KIND,
    Column.LEARNERS: EventSortKey.LEARNER,
    Column.STATE: EventSortKey.STATE,
    Column.STARTED: EventSortKey.STARTED,
    Column.DURATION: EventSortKey.DURATION,
    Column.PLACE: EventSortKey.PLACE,
    Column.OWNER: EventSortKey.OWNER,
    Column.SNAPSHOT: EventSortKey.SNAPSHOT,
}


def place_names(workspace: Workspace) -> dict[int, str]:
    """Classroom id → "site · classroom", computed once: the model must not search while painting."""
    sites = {site.id: site.name for site in workspace.sites}
    return {c.id: f"{sites.get(c.site_id, '')} · {c.name}" for c in workspace.classrooms}


class EventTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    load_failed = Signal(str)
    PAGE_SIZE = 100

    def __init__(
        self,
        service: EventService | None,
        tasks: TaskRunner,
        workspace: Workspace,
        users: list[User],
        thumbnails: ThumbnailCache | None = None,
        parent: QObject | None = None,
        *,
        viewer_id: int,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._viewer_id = viewer_id  # the service shows only what this user may view
        self._tasks = tasks
        self._places = place_names(workspace)
        self._users = {u.id: u.display_name for u in users}
        self._thumbnails = thumbnails
        self._items: list[EventListItem] = []
        self._filter = EventFilter()
        self._order = NEWEST_FIRST
        self._cursor: EventCursor | None = None
        self._has_more = False
        self._handle: TaskHandle | None = None  # for cancelling; `_loading` says whether one is in flight
        self._loading = False
        self._generation = 0
        self.pages_loaded = 0  # for tests and the status line
        self._bold = QFont()
        self._bold.setBold(True)
        if thumbnails is not None:
            thumbnails.ready.connect(self._thumbnail_ready)

    # -- filter and paging (GUI thread)

    @property
    def event_filter(self) -> EventFilter:
        return self._filter

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def order(self) -> EventOrder:
        return self._order

    @property
    def has_more(self) -> bool:
        return self._has_more

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's header click: list in the order of `column`, from the database (every page)."""
        wanted = EventOrder(SORT_KEYS[Column(column)], order == Qt.SortOrder.DescendingOrder)
        if wanted != self._order:
            self._order = wanted
            self.refresh()

    def sort_indicator(self) -> tuple[Column, Qt.SortOrder]:
        """The header's indicator for the current order."""
        column = next(c for c, k in SORT_KEYS.items() if k is self._order.key)
        return column, Qt.SortOrder.DescendingOrder if self._order.descending else Qt.SortOrder.AscendingOrder

    def set_filter(self, event_filter: EventFilter) -> None:
        """Show events matching `event_filter`: drop the rows and load the first page."""
        self._filter = event_filter
        self.refresh()

    def refresh(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._loading = False
        self._generation += 1
        self.beginResetModel()
        self._items = []
        self._cursor = None
        self._has_more = False
        self.pages_loaded = 0
        self.endResetModel()
        self._request(None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(self._cursor)

    def _request(self, after: EventCursor | None) -> None:
        service = self._service
        if service is None:
            return
        generation, event_filter, limit, order, viewer = (
            self._generation,
            self._filter,
            self.PAGE_SIZE,
            self._order,
            self._viewer_id,
        )
        # Set before run(): a synchronous runner delivers the page before run() returns.
        self._loading = True
        self.loading_changed.emit(True)
        self._handle = self._tasks.run(
            lambda: service.page(event_filter, after, limit, order, viewer_id=viewer),  # worker thread
            lambda page: self._on_page(generation, page),
            lambda error: self._on_error(generation, error),
        )

    def _on_page(self, generation: int, page: EventListPage) -> None:
        if generation != self._generation:
            return  # an answer to a filter the user has already left
        self._loading = False
        listed = {item.event.id for item in self._items}
        items = [item for item in page.items if item.event.id not in listed]  # inserted meanwhile
        if items:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._items.extend(items)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._has_more = page.next_cursor is not None
        self.pages_loaded += 1
        self.loading_changed.emit(False)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        log.warning("loading events failed", exc_info=error)
        self.loading_changed.emit(False)
        self.load_failed.emit(error_text(error))

    # -- rows

    def event_at(self, row: int) -> Event | None:
        return self._items[row].event if 0 <= row < len(self._items) else None

    def item_at(self, row: int) -> EventListItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, event_id: int) -> int:
        return next((n for n, item in enumerate(self._items) if item.event.id == event_id), -1)

    def insert_items(self, items: list[EventListItem]) -> int:
        """Put newly arrived events where the order wants them among the loaded rows (one
        beginInsertRows each, so views keep their selection); returns how many were inserted."""
        value = sort_value(self._order.key, self._places, self._users)
        listed = {item.event.id for item in self._items}
        inserted = 0
        for item in items:
            if item.event.id in listed:
                continue
            row = insertion_row(self._items, item, self._order, value, self._has_more)
            if row is None:
                continue  # after the loaded rows: a later page brings it
            self.beginInsertRows(QModelIndex(), row, row)
            self._items.insert(row, item)
            self.endInsertRows()
            listed.add(item.event.id)
            inserted += 1
        return inserted

    def replace_event(self, event: Event) -> None:
        """Show an event changed by the officer (its learners stay as listed)."""
        row = self.row_of(event.id)
        if row < 0:
            return
        old = self._items[row]
        self._items[row] = EventListItem(event, old.learner_names)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # -- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.SEVERITY: self.tr("Severity"),
            Column.STATE: self.tr("State"),
            Column.KIND: self.tr("Event"),
            Column.STARTED: self.tr("Started"),
            Column.DURATION: self.tr("Duration"),
            Column.LEARNERS: self.tr("Learner"),
            Column.PLACE: self.tr("Classroom"),
            Column.OWNER: self.tr("Handled by"),
            Column.SNAPSHOT: self.tr("Snapshot"),
        }
        return titles.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        event, column = item.event, Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is Column.SEVERITY:
                return QColor(SEVERITY_COLOURS[event.severity])
            if event.state.is_closed:
                return QColor("#8f99a6")  # decided events step back
        if role == Qt.ItemDataRole.DecorationRole and column is Column.SNAPSHOT and self._thumbnails:
            return self._thumbnails.get(event.snapshot_path)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.LEARNERS:
            return "、".join(item.learner_names) or None  # the whole list where the cell elides it
        if role == Qt.ItemDataRole.FontRole and event.state is EventState.NEW and column is Column.KIND:
            return self._bold  # unread events stand out, as in a mail client
        return None

    def _text(self, item: EventListItem, column: Column) -> str | None:
        event = item.event
        if column is Column.SEVERITY:
            return severity_label(event.severity)
        if column is Column.STATE:
            return event_state_label(event.state)
        if column is Column.KIND:
            return event_kind_label(event.kind)
        if column is Column.STARTED:
            return _when(event.started_at)
        if column is Column.DURATION:
            if event.ended_at is None:
                return self.tr("ongoing")
            minutes = max(0, round((event.ended_at - event.started_at).total_seconds() / 60))
            return self.tr("%1 min").replace("%1", str(minutes))
        if column is Column.LEARNERS:
            return "、".join(item.learner_names)
        if column is Column.PLACE:
            return self._places.get(event.classroom_id or -1, "")
        if column is Column.OWNER:
            return self._users.get(event.owner_id or -1, "")
        return None

    def _thumbnail_ready(self, path: str) -> None:
        for row, item in enumerate(self._items):
            if item.event.snapshot_path == path:
                cell = self.index(row, Column.SNAPSHOT)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])


def _when(moment: datetime) -> str:
    return f"{moment:%H:%M:%S}" if moment.date() == datetime.now().date() else f"{moment:%Y-%m-%d %H:%M}"
