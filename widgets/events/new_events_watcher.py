"""Watches for events stored since the Events list was loaded: the poll, its id watermarks, no widgets.

Every POLL_MS, and at once when this console's live analysis stored some (its count is read every
LIVE_MS, no I/O), one `new_since` query runs on the TaskRunner. One poll at a time: a poll asked for
meanwhile runs when the answer is in. `restart` (the list was reloaded) bumps the generation, so
answers to questions asked before it are dropped, and makes the next answer a baseline only.
Two watermarks: the largest event id already announced (alarms count from it) and the largest
when the list was loaded (the banner's count and `fetch_new` count from it). GUI thread only.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.event_paging import EventFilter, EventOrder
from app.domain.people import User
from app.supervision.event_service import EventListPage, EventService, NewEvents
from app.tasks import TaskRunner

log = logging.getLogger(__name__)


class NewEventsWatcher(QObject):
    POLL_MS = 15_000
    LIVE_MS = 500

    arrived = Signal(object, list)  # NewEvents, the high-severity events not announced before
    unseen = Signal(int)  # how many events the loaded list lacks (only when some)
    fetched = Signal(object)  # EventListPage of `fetch_new`: the events the list lacks
    reload_needed = Signal()  # `fetch_new` found more than fit in one page
    failed = Signal(object)  # the exception of `fetch_new`

    def __init__(
        self,
        service: EventService | None,
        tasks: TaskRunner,
        viewer: User,
        *,
        live_stored: Callable[[], int | None],
        alarm_ids: Callable[[], Collection[int]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._viewer = viewer
        self._live_stored = live_stored  # the live analysis's stored-event count (an int read)
        self._alarm_ids = alarm_ids  # the alarms up: the poll asks which are still unclaimed
        self._filter: EventFilter | None = None
        self._live_seen: int | None = None
        self._polling = False
        self._poll_again = False
        self.generation = 0
        # None: not asked yet. `_rebaseline`: the next answer only sets `list_mark`.
        self.announced_mark: int | None = None
        self.list_mark: int | None = None
        self._rebaseline = True
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(self.POLL_MS)
        self._poll_timer.timeout.connect(self.poll)
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(self.LIVE_MS)
        self._live_timer.timeout.connect(self._poll_if_live_stored)

    @property
    def polling(self) -> bool:
        return self._polling

    def restart(self, event_filter: EventFilter) -> None:
        """The list was reloaded with `event_filter`: older answers are stale; start watching."""
        self._filter = event_filter
        if self._service is None:
            return
        self._rebaseline = True
        self.generation += 1
        self._poll_timer.start()
        self._live_timer.start()
        self.poll()

    def stop(self) -> None:
        self._poll_timer.stop()
        self._live_timer.stop()

    def poll(self) -> None:
        """Ask for events stored since the last look (worker thread)."""
        service, event_filter = self._service, self._filter
        if service is None or event_filter is None:
            return
        if self._polling:
            self._poll_again = True
            return
        self._live_seen = self._live_stored()
        mark = self.announced_mark if self._rebaseline else self.list_mark
        since = sys.maxsize if mark is None else mark
        generation, viewer = self.generation, self._viewer
        scope, alarms = viewer.scope, self._alarm_ids()
        self._polling = True
        self._tasks.run(
            lambda: service.new_since(
                since, event_filter, viewer_id=viewer.id, alarm_scope=scope, alarms=alarms
            ),
            lambda news: self._answered(news, generation),
            self._poll_failed,
        )

    def fetch_new(self, order: EventOrder, limit: int) -> None:
        """Fetch the events stored since the list was loaded, up to `limit` (worker thread)."""
        service, mark, event_filter = self._service, self.list_mark, self._filter
        if service is None or mark is None or event_filter is None:
            return
        newer = dataclasses.replace(event_filter, id_above=mark)
        generation, viewer = self.generation, self._viewer.id
        self._tasks.run(
            lambda: service.page(newer, None, limit, order, viewer_id=viewer),
            lambda page: self._fetched(page, generation),
            self.failed.emit,
        )

    # -- answers (GUI thread)

    def _poll_if_live_stored(self) -> None:
        if self._live_stored() != self._live_seen:
            self.poll()

    def _answered(self, news: NewEvents, generation: int) -> None:
        if generation == self.generation:  # else asked before the list was reloaded: stale
            self._take(news)
        self._poll_done()

    def _take(self, news: NewEvents) -> None:
        announced = self.announced_mark
        if self._rebaseline:
            self._rebaseline = False
            self.list_mark = news.latest_id
        elif news.count:
            self.unseen.emit(news.count)
        self.announced_mark = news.latest_id
        # The first answer is a baseline: nothing stored before the console started rings.
        fresh = [e for e in news.high if announced is not None and e.id > announced]
        self.arrived.emit(news, fresh)

    def _poll_failed(self, error: BaseException) -> None:
        log.warning("looking for new events failed", exc_info=error)
        self._poll_done()

    def _poll_done(self) -> None:
        self._polling = False
        if self._poll_again:
            self._poll_again = False
            self.poll()

    def _fetched(self, page: EventListPage, generation: int) -> None:
        if generation != self.generation:
            return  # the list was reloaded meanwhile: it has them
        if page.next_cursor is not None:
            self.reload_needed.emit()  # too many to insert one by one
            return
        if page.items:
            self.list_mark = max(self.list_mark or 0, *(item.event.id for item in page.items))
        self.fetched.emit(page)
