"""事件 Events: the triage list of flagged events, with filters, a detail panel and keyboard triage.

Keys (in the list): J/K next/previous, C confirm, D dismiss, E escalate, Enter open the detail,
P play the recording; double-click asks the window to show the event (`open_event`: the live camera
while it is ongoing, its recording once over); the context menu offers "Play recording" for any
event (`play_recording`). A verdict (C, D) on a high-severity event first asks for a reason
(triage_reason_dialog.py); other events keep one-key triage. A click on a column header sorts the
whole list (the database pages in that order). Every query and every state change runs on the
TaskRunner; this widget only builds filters and shows answers (GUI thread).

A timer asks every POLL_MS for events stored since the last look (other workstations', the
platform's), and at once when this console's own live analysis stored some (its count is read
every LIVE_MS, no I/O): a banner offers to show them, inserted where the order puts them without
moving the selection; new high-severity ones become the wall's alarms and raise a desktop
notification and the alarm sound as the user's settings allow (event_alarms.py). That poll is the
only one: the wall learns of alarms, and of their being claimed anywhere, from it.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
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
    QTimer,
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
from app.domain.permissions import Action, Denial, PermissionDenied, may_at_all
from app.settings import Settings
from app.supervision.event_service import EventDetail, EventListPage, NewEvents
from app.supervision.triage import TriageError, needs_reason, triage_action
from app.tasks import TaskHandle, TaskRunner
from widgets.error_texts import error_text
from widgets.events.event_alarms import Announcement, EventAlarms
from widgets.events.event_detail_panel import EventDetailPanel
from widgets.events.event_filter_bar import EventFilterBar
from widgets.events.event_table_model import EventTableModel
from widgets.events.event_table_view import EventTableView
from widgets.events.thumbnails import ThumbnailCache
from widgets.events.triage_reason_dialog import TriageReasonDialog
from widgets.labels import event_kind_label, event_state_label
from widgets.panes.pane import Pane
from widgets.permission_texts import refusal_text, refusal_text_for
from widgets.resources import icon

log = logging.getLogger(__name__)

# Below this width the detail panel goes under the event list rather than beside it.
WIDE_LAYOUT_MIN_WIDTH = 900

__all__ = ["Announcement", "EventsPane"]


class EventsPane(Pane):
    OBJECT_NAME = "eventsPane"
    ICON = "pane_events"
    POLL_MS = 15_000
    LIVE_MS = 500
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
        self._context = context
        self._live_seen: int | None = None  # the live pipeline's stored-event count at the last poll
        # One poll at a time: an answer counts "new" from the mark its question was asked with. A poll
        # asked for meanwhile runs when the answer is in; a list reload makes answers to older
        # questions stale (`_generation`).
        self._polling = False
        self._poll_again = False
        self._generation = 0
        self._settings = settings
        self._tasks = tasks
        self._user = user
        # Event ids: `_mark` the largest already announced, `_list_mark` the largest when the list was
        # loaded (the banner counts from it). None: not asked yet. `_rebaseline`: the next answer
        # only moves `_list_mark` (the list was just reloaded, so nothing in it is "new").
        self._mark: int | None = None
        self._list_mark: int | None = None
        self._rebaseline = True
        self._detail_handle: TaskHandle | None = None
        self.clock: Callable[[], datetime] = datetime.now
        self.alarms = EventAlarms(settings, user.login, lambda: self.clock(), self)
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

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(self.DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self.open_detail)
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
        # The detail scrolls its content inside itself and keeps its buttons below: its facts,
        # pictures and two lists want ~700 px, more than a 1366×768 laptop leaves the window.
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

        # Plain-letter keys belong to the list only (an event filter on it, not window shortcuts), so
        # typing a learner's name in the filter box never triages an event.
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

        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(self.POLL_MS)
        self._poll_timer.timeout.connect(self.poll)
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(self.LIVE_MS)
        self._live_timer.timeout.connect(self._poll_if_live_stored)
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
        """What was announced, newest last (tests)."""
        return self.alarms.notifications

    def apply_filter(self) -> None:
        """Query again with the current scope and filter controls (new events included)."""
        self.new_button.hide()
        self.detail.show_detail(None)
        self.model.set_filter(self.filter_bar.event_filter(self.scope, self.clock()))
        if self._service is not None:
            self._rebaseline = True
            self._generation += 1
            self._poll_timer.start()
            self._live_timer.start()
            self.poll()
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
        self._detail_timer.stop()
        event, service = self.current_event(), self._service
        if self._detail_handle is not None:
            self._detail_handle.cancel()
            self._detail_handle = None
        if event is None or service is None:
            return
        self.detail.show()
        event_id, viewer = event.id, self._user.id
        self._detail_handle = self._tasks.run(
            lambda: service.detail(event_id, viewer_id=viewer), self._show_detail, self._failed
        )

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
        service, mark = self._service, self._list_mark
        if service is None or mark is None:
            return
        event_filter = dataclasses.replace(self.model.event_filter, id_above=mark)
        order, limit, viewer = self.model.order, self.NEW_EVENTS_LIMIT, self._user.id
        generation = self._generation
        self._tasks.run(
            lambda: service.page(event_filter, None, limit, order, viewer_id=viewer),
            lambda page: self._insert_new(page, generation),
            self._failed,
        )

    def _insert_new(self, page: EventListPage, generation: int) -> None:
        if generation != self._generation:
            return  # the list was reloaded meanwhile: it has them
        if page.next_cursor is not None:
            self.apply_filter()  # too many to insert one by one
            return
        top = self.model.event_at(self.table.rowAt(0))
        at_top = self.table.verticalScrollBar().value() == 0
        self.model.insert_items(page.items)
        if page.items:
            self._list_mark = max(self._list_mark or 0, *(item.event.id for item in page.items))
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

    def _live_stored(self) -> int | None:
        """How many events this console's live analysis has stored (an int read, no I/O)."""
        return self._context.analysis.stored_events

    def _poll_if_live_stored(self) -> None:
        if self._live_stored() != self._live_seen:
            self.poll()

    def poll(self) -> None:
        """Ask for events stored since the last look (worker thread)."""
        service = self._service
        if service is None:
            return
        if self._polling:
            self._poll_again = True
            return
        self._live_seen = self._live_stored()
        mark = self._mark if self._rebaseline else self._list_mark
        event_filter, since = self.model.event_filter, sys.maxsize if mark is None else mark
        generation, viewer = self._generation, self._user.id
        scope, alarms = self._user.scope, self.alarms.board.event_ids()
        self._polling = True
        self._tasks.run(
            lambda: service.new_since(
                since, event_filter, viewer_id=viewer, alarm_scope=scope, alarms=alarms
            ),
            lambda news: self._news(news, generation),
            self._poll_failed,
        )

    def _poll_failed(self, error: BaseException) -> None:
        log.warning("looking for new events failed", exc_info=error)
        self._poll_done()

    def _poll_done(self) -> None:
        self._polling = False
        if self._poll_again:
            self._poll_again = False
            self.poll()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Docked beside the wall the pane is narrow: the detail goes under the list (Frigate-style)
        # instead of squeezing both; undocked or maximised it sits beside the list again.
        wide = event.size().width() >= WIDE_LAYOUT_MIN_WIDTH
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self._splitter.orientation() != wanted:
            self._splitter.setOrientation(wanted)
        super().resizeEvent(event)

    def stop(self) -> None:
        self._poll_timer.stop()
        self._live_timer.stop()
        self._detail_timer.stop()

    # -- task callbacks (GUI thread)

    def _show_detail(self, detail: EventDetail) -> None:
        self._detail_handle = None
        current = self.current_event()
        if current is not None and current.id == detail.event.id:  # else the selection moved on
            self.detail.show_detail(detail)

    def _selection_moved(self, now: QModelIndex, _before: QModelIndex) -> None:
        """Follow the selection at once with what the row knows; the full detail after a pause."""
        if self._detail_handle is not None:
            self._detail_handle.cancel()  # for an event left: its answer must not show
            self._detail_handle = None
        self.detail.show_summary(self.model.item_at(now.row()))
        self._detail_timer.start()

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
        if isinstance(error, PermissionDenied):
            self.status_label.setText(refusal_text(error))
        elif isinstance(error, TriageError):
            texts = {
                "owned_by_other": self.tr("Another officer is handling this event."),
                "not_allowed": self.tr("This event cannot move to that state."),
                "not_found": self.tr("This event no longer exists."),
                "empty_comment": self.tr("The comment is empty."),
                "reason_required": self.tr("A verdict on a high-severity event needs a reason."),
            }
            self.status_label.setText(texts.get(error.reason, str(error)))
        else:
            log.warning("event action failed", exc_info=error)
            self.status_label.setText(
                self.tr("The database could not be reached: %1").replace("%1", error_text(error))
            )

    def _news(self, news: NewEvents, generation: int) -> None:
        if generation == self._generation:  # else asked before the list was reloaded: stale
            self._take_news(news)
        self._poll_done()

    def _take_news(self, news: NewEvents) -> None:
        announced = self._mark
        if self._rebaseline:
            self._rebaseline = False
            self._list_mark = news.latest_id
        elif news.count:
            self.new_button.setText(self.tr("%n new event(s) — show", "", news.count))
            self.new_button.show()
        self._mark = news.latest_id
        self.alarms.take_news(news, announced)

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
