"""事件 Events: the triage list of flagged events, with filters, a detail panel and keyboard triage.

Keys (in the list): J/K next/previous, C confirm, D dismiss, E escalate, Enter open the detail,
P play the recording; double-click asks the window to show the event (`open_event`: the live camera
while it is ongoing, its recording once over); the context menu offers "Play recording" for any
event (`play_recording`). A verdict (C, D) on a high-severity event first asks for a reason
(triage_reason_dialog.py); other events keep one-key triage. A click on a column header sorts the
whole list (the database pages in that order). Every query and every state change runs on the
TaskRunner; this widget only builds filters and shows answers (GUI thread).

NewEventsWatcher polls for events stored since the list was loaded (other workstations', the
platform's, this console's live analysis): a banner offers to show them, inserted where the order
puts them without moving the selection; new high-severity ones become the wall's alarms
(EventAlarms) and are announced on the desktop and by the alarm sound (EventAnnouncer). That poll
is the only one: the wall learns of alarms, and of their being claimed anywhere, from it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.casework import Event
from app.domain.enums import EventState
from app.domain.people import Scope, User
from app.domain.permissions import Action, Denial, may_at_all
from app.settings import Settings
from app.supervision.event_service import EventDetail, EventListPage
from app.supervision.triage import needs_reason, triage_action
from app.tasks import TaskRunner
from widgets.events.desktop_notifier import DesktopNotifier
from widgets.events.event_alarms import EventAlarms
from widgets.events.event_announcer import Announcement, EventAnnouncer
from widgets.events.event_detail_loader import EventDetailLoader
from widgets.events.event_detail_panel import EventDetailPanel
from widgets.events.event_filter_bar import EventFilterBar
from widgets.events.event_table_model import EventTableModel
from widgets.events.event_table_view import EventTableView
from widgets.events.event_texts import failure_text, is_expected
from widgets.events.new_events_watcher import NewEventsWatcher
from widgets.events.thumbnails import ThumbnailCache
from widgets.events.triage_reason_dialog import TriageReasonDialog
from widgets.labels import event_kind_label, event_state_label
from widgets.panes.pane import Pane
from widgets.permission_texts import refusal_text_for
from widgets.resources import icon

log = logging.getLogger(__name__)

# Below this width the detail panel goes under the event list rather than beside it.
WIDE_LAYOUT_MIN_WIDTH = 900

__all__ = ["Announcement", "EventsPane"]


class EventsPane(Pane):
    OBJECT_NAME = "eventsPane"
    ICON = "pane_events"
    DETAIL_DELAY_MS = 60  # J held down must not start a query per row; the summary shows at once
    NEW_EVENTS_LIMIT = 200  # more new events than this at once: the list is reloaded instead
    THUMBNAIL = (64, 48)

    open_event = Signal(object)  # Event with a camera: double-click
    play_recording = Signal(object)  # Event with a camera: "Play recording" (menu, P)

    def __init__(
        self,
        context: AppContext,
        settings: Settings,
        tasks: TaskRunner,
        user: User,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = context.events
        self._tasks = tasks
        self._user = user
        self.clock: Callable[[], datetime] = datetime.now
        self.alarms = EventAlarms(self)
        self.notifier = DesktopNotifier(self)
        self.announcer = EventAnnouncer(settings, user.login, lambda: self.clock(), self.notifier, self)
        self.watcher = NewEventsWatcher(
            self._service,
            tasks,
            user,
            live_stored=lambda: _live_stored(context),
            alarm_ids=self.alarms.event_ids,
            parent=self,
        )
        self.watcher.arrived.connect(self.alarms.take_news)
        self.watcher.arrived.connect(lambda _news, fresh: self.announcer.announce(fresh))
        self.watcher.unseen.connect(self._show_unseen)
        self.watcher.fetched.connect(self._insert_new)
        self.watcher.reload_needed.connect(self.apply_filter)
        self.watcher.failed.connect(self._failed)
        self.reason_dialog: TriageReasonDialog | None = None  # open while a reason is asked for

        thumbnails = ThumbnailCache(tasks, QSize(*self.THUMBNAIL), parent=self)
        self.model = EventTableModel(
            self._service, tasks, context.workspace, context.users, thumbnails, self, viewer_id=user.id
        )
        self.filter_bar = EventFilterBar(self)
        self.filter_bar.changed.connect(self.apply_filter)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("paneStatus")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newEventsBanner")
        self.new_button.hide()
        self.new_button.clicked.connect(self.show_new_events)
        self.refresh_button = QPushButton(icon("refresh"), "", self)
        self.refresh_button.clicked.connect(self.apply_filter)

        self.detail_loader = EventDetailLoader(self._service, tasks, user.id, self.DETAIL_DELAY_MS, self)
        self.detail_loader.due.connect(self.open_detail)
        self.detail_loader.loaded.connect(self._show_detail)
        self.detail_loader.failed.connect(self._failed)
        self.table = EventTableView(self.model, QSize(*self.THUMBNAIL), self)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._selection_moved)
        self.setFocusProxy(self.table)

        self.detail = EventDetailPanel(context.workspace, context.users, tasks, self)
        self.detail.action_requested.connect(self.act)
        self.detail.comment_submitted.connect(self.comment)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter = splitter
        splitter.addWidget(self.table)
        # The detail scrolls inside itself: its ~700 px do not fit a 1366×768 laptop.
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 420])  # the list first: officers scan it, the detail is for one event

        top = QHBoxLayout()
        top.addWidget(self.filter_bar, 1)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        # Letter keys act in the list only: typing a name in the filter box never triages.
        self._keys: dict[int, Callable[[], Any]] = {
            Qt.Key.Key_J: lambda: self.move_selection(1),
            Qt.Key.Key_K: lambda: self.move_selection(-1),
            Qt.Key.Key_C: lambda: self.act(EventState.CONFIRMED),
            Qt.Key.Key_D: lambda: self.act(EventState.DISMISSED),
            Qt.Key.Key_E: lambda: self.act(EventState.ESCALATED),
            Qt.Key.Key_Return: self.open_detail,
            Qt.Key.Key_Enter: self.open_detail,
            Qt.Key.Key_P: self._play_current,
        }
        self.table.installEventFilter(self)

        self.model.loading_changed.connect(lambda _loading: self._show_status())
        self.model.load_failed.connect(self._load_failed)
        self.model.rowsInserted.connect(self._select_first_row)
        self.retranslate()

    # -- public

    def pane_title(self) -> str:
        return self.tr("Events")

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        self.apply_filter()

    @property
    def notifications(self) -> list[Announcement]:
        """What was announced, newest last."""
        return self.announcer.notifications

    def apply_filter(self) -> None:
        """Query again with the current scope and filter controls (new events included)."""
        self.new_button.hide()
        self.detail.show_detail(None)
        event_filter = self.filter_bar.event_filter(self.scope, self.clock())
        self.model.set_filter(event_filter)
        self.watcher.restart(event_filter)
        self._show_status()

    def current_event(self) -> Event | None:
        return self.model.event_at(self.table.currentIndex().row())

    def move_selection(self, step: int) -> None:
        """Select the next (J) or previous (K) event; scrolling on fetches more pages."""
        count = self.model.rowCount()
        if count == 0:
            return
        row = self.table.currentIndex().row()
        row = 0 if row < 0 else min(max(row + step, 0), count - 1)
        self._select_row(row)
        if row == count - 1 and self.model.canFetchMore():
            self.model.fetchMore()

    def open_detail(self) -> None:
        """Load the current event's history and comments into the detail panel (worker thread); a
        load still on its way for an event left meanwhile is cancelled (its answer never shows)."""
        self.detail_loader.cancel()
        event = self.current_event()
        if event is None or self._service is None:
            return
        self.detail.show()
        self.detail_loader.load(event.id)

    def act(self, to_state: EventState) -> None:
        """Move the current event to `to_state` as the signed-in officer (claiming it on the way).
        A verdict on a high-severity event asks for the reason first; nothing is stored without."""
        event = self.current_event()
        if event is None or self._service is None:
            return
        action = triage_action(event.state, to_state)
        if not may_at_all(self._user, action):  # C/D/E of a post that may not: say so, ask nobody
            self.status_label.setText(refusal_text_for(action, Denial.POST_CANNOT))
            return
        if needs_reason(event.severity, to_state):
            self._ask_reason(event, to_state)
        else:
            self._transition(event.id, to_state, "")

    def _transition(self, event_id: int, to_state: EventState, note: str) -> None:
        service, actor = self._service, self._user.id
        if service is not None:
            self._tasks.run(
                lambda: service.transition(event_id, to_state, actor, note), self._changed, self._failed
            )

    def _ask_reason(self, event: Event, verdict: EventState) -> None:
        if self.reason_dialog is not None:
            return  # one question at a time
        item = self.model.item_at(self.model.row_of(event.id))
        names = "、".join(item.learner_names) if item is not None else ""
        parts = (event_kind_label(event.kind), names, f"{event.started_at:%H:%M:%S}")
        dialog = TriageReasonDialog(verdict, " · ".join(p for p in parts if p), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dialog
        event_id = event.id
        dialog.accepted.connect(lambda: self._transition(event_id, verdict, dialog.reason()))
        dialog.finished.connect(lambda _result: self._reason_closed(dialog))
        dialog.open()

    def _reason_closed(self, dialog: TriageReasonDialog) -> None:
        if self.reason_dialog is dialog:
            self.reason_dialog = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_new_events(self) -> None:
        """The banner: fetch the events stored since the list was loaded and insert them where the
        order puts them. The selected event stays selected; a list scrolled down keeps the rows in
        view, a list at its top stays at its top (the new events show) while the selection stays
        in sight."""
        self.watcher.fetch_new(self.model.order, self.NEW_EVENTS_LIMIT)

    def _insert_new(self, page: EventListPage) -> None:
        top = self.model.event_at(self.table.rowAt(0))
        at_top = self.table.verticalScrollBar().value() == 0
        self.model.insert_items(page.items)
        current = self.table.visualRect(self.table.currentIndex())
        if at_top and (current.isEmpty() or current.bottom() <= self.table.viewport().height()):
            self.table.scrollToTop()  # the list stays at its top: the new events show, the selection too
        elif top is not None:  # else the first row in view stays first: rows above it do not push it
            self.table.scrollTo(
                self.model.index(self.model.row_of(top.id), 0), QAbstractItemView.ScrollHint.PositionAtTop
            )
        self.new_button.hide()
        self._show_status()

    def comment(self, text: str) -> None:
        event, service = self.current_event(), self._service
        if event is None or service is None:
            return
        event_id, actor = event.id, self._user.id
        self._tasks.run(
            lambda: service.comment(event_id, actor, text), lambda _c: self.open_detail(), self._failed
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Narrow (docked beside the wall): the detail goes under the list instead of beside it.
        wide = event.size().width() >= WIDE_LAYOUT_MIN_WIDTH
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self._splitter.orientation() != wanted:
            self._splitter.setOrientation(wanted)
        super().resizeEvent(event)

    def stop(self) -> None:
        self.watcher.stop()
        self.detail_loader.cancel()

    # -- task callbacks (GUI thread)

    def _show_detail(self, detail: EventDetail) -> None:
        current = self.current_event()
        if current is not None and current.id == detail.event.id:  # else the selection moved on
            self.detail.show_detail(detail)

    def _selection_moved(self, now: QModelIndex, _before: QModelIndex) -> None:
        """Follow the selection at once with what the row knows; the full detail after a pause."""
        self.detail.show_summary(self.model.item_at(now.row()))
        self.detail_loader.follow()

    def _changed(self, event: Event) -> None:
        self.alarms.settle(event)
        self.model.replace_event(event)
        text = (
            self.tr("Event %1: %2").replace("%1", str(event.id)).replace("%2", event_state_label(event.state))
        )
        self.status_label.setText(text)
        current = self.current_event()
        if current is not None and current.id == event.id:
            self.open_detail()

    def _failed(self, error: BaseException) -> None:
        if not is_expected(error):
            log.warning("event action failed", exc_info=error)
        self.status_label.setText(failure_text(error))

    def _show_unseen(self, count: int) -> None:
        self.new_button.setText(self.tr("%n new event(s) — show", "", count))
        self.new_button.show()

    def _load_failed(self, text: str) -> None:
        self.status_label.setText(self.tr("Could not load the events: %1").replace("%1", text))

    # -- helpers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            action = self._keys.get(event.key())
            if action is not None and extra == Qt.KeyboardModifier.NoModifier:
                action()
                return True
        return super().eventFilter(watched, event)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _select_first_row(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first == 0 and not self.table.currentIndex().isValid():
            self._select_row(0)

    def _double_clicked(self, index: QModelIndex) -> None:
        event = self.model.event_at(index.row())
        if event is not None and event.camera_id is not None:
            self.open_event.emit(event)

    def _play_current(self) -> None:
        event = self.current_event()
        if event is not None and event.camera_id is not None:
            if not may_at_all(self._user, Action.WATCH):
                self.status_label.setText(refusal_text_for(Action.WATCH, Denial.POST_CANNOT))
                return
            self.play_recording.emit(event)

    def _context_menu(self, where: QPoint) -> None:
        index = self.table.indexAt(where)
        event = self.model.event_at(index.row()) if index.isValid() else None
        if event is None:
            return
        self._select_row(index.row())
        self.event_menu(event).exec(self.table.viewport().mapToGlobal(where))

    def event_menu(self, event: Event) -> QMenu:
        """The list's context menu for `event`: play its recording, see it live while ongoing, details."""
        menu = QMenu(self)
        play = menu.addAction(self.tr("Play recording"), lambda: self.play_recording.emit(event))
        play.setObjectName("playRecording")
        live = menu.addAction(self.tr("Show the camera live"), lambda: self.open_event.emit(event))
        has_camera = event.camera_id is not None
        play.setEnabled(has_camera and may_at_all(self._user, Action.WATCH))
        live.setEnabled(has_camera and event.ended_at is None)
        menu.addSeparator()
        menu.addAction(self.tr("Details"), self.open_detail)
        return menu

    def _show_status(self) -> None:
        if self._service is None:
            self.status_label.setText(self.tr("Events need the workspace database."))
        elif self.model.is_loading:
            self.status_label.setText(self.tr("Loading…"))
        else:
            count = self.model.rowCount()
            more = self.tr(" (scroll for more)") if self.model.canFetchMore() else ""
            self.status_label.setText(self.tr("%n event(s) shown", "", count) + more)

    def retranslate(self) -> None:
        self.table.retranslate()
        self.refresh_button.setToolTip(self.tr("Query again (new events included)"))
        self._show_status()


def _live_stored(context: AppContext) -> int | None:
    """How many events this console's live analysis has stored (an int read, no I/O)."""
    return context.analysis.stored_events
