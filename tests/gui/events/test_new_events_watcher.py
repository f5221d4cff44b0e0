"""The new-events watcher without a widget, on a real SQLite event store: baselines, the banner's count,
the id watermarks, one poll at a time, stale answers after a reload, and fetching what the list lacks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.domain.enums import EventKind, EventState, ScopeLevel
from app.domain.event_paging import NEWEST_FIRST, EventFilter
from app.domain.people import Scope
from app.persistence import Database
from app.supervision.event_service import EventListPage, EventService, NewEvents
from tests.helpers.event_world import USERS, add_events, create_database
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.events.new_events_watcher import NewEventsWatcher

NOW = datetime(2025, 3, 14, 15, 0)
CITY = EventFilter(scope=Scope.city())


class HeldRunner(SynchronousTaskRunner):
    """While `hold` is set, a task runs only when the test answers it: a slow database."""

    def __init__(self) -> None:
        super().__init__()
        self.hold = False
        self.held: list[tuple[Any, Any, Any]] = []

    def run(self, fn: Any, on_done: Any, on_error: Any = None) -> Any:
        if not self.hold:
            return super().run(fn, on_done, on_error)
        self.held.append((fn, on_done, on_error))
        return None

    def answer(self) -> None:
        fn, on_done, on_error = self.held.pop(0)
        super().run(fn, on_done, on_error)


class Heard:
    """Everything the watcher said."""

    def __init__(self, watcher: NewEventsWatcher) -> None:
        self.arrived: list[tuple[NewEvents, list[Any]]] = []
        self.unseen: list[int] = []
        self.fetched: list[EventListPage] = []
        self.reloads = 0
        watcher.arrived.connect(lambda news, fresh: self.arrived.append((news, fresh)))
        watcher.unseen.connect(self.unseen.append)
        watcher.fetched.connect(self.fetched.append)
        watcher.reload_needed.connect(self._reload)

    def _reload(self) -> None:
        self.reloads += 1

    def fresh_ids(self) -> list[list[int]]:
        return [[e.id for e in fresh] for _news, fresh in self.arrived]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    add_events(db, 24)
    yield db
    db.dispose()


@pytest.fixture
def runner() -> HeldRunner:
    return HeldRunner()


@pytest.fixture
def make_watcher(qtbot, database: Database, runner: HeldRunner):
    made: list[NewEventsWatcher] = []

    def make(live: list[int] | None = None, alarms: frozenset[int] = frozenset()) -> NewEventsWatcher:
        watcher = NewEventsWatcher(
            EventService(database, clock=lambda: NOW),
            runner,
            USERS[0],
            live_stored=lambda: None if live is None else live[0],
            alarm_ids=lambda: alarms,
        )
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()


def test_the_first_answer_is_a_baseline_and_later_ones_count_from_the_loaded_list(
    make_watcher, database: Database
) -> None:
    watcher = make_watcher()
    heard = Heard(watcher)
    watcher.restart(CITY)
    assert heard.unseen == [] and heard.fresh_ids() == [[]]  # the 24 before the start never ring
    assert watcher.list_mark == watcher.announced_mark == 24
    new = add_events(database, 6)  # one face mismatch (high severity) among them
    watcher.poll()
    high = [e.id for e in new if e.kind is EventKind.FACE_MISMATCH]
    assert heard.unseen == [6] and heard.fresh_ids()[-1] == high
    assert watcher.list_mark == 24 and watcher.announced_mark == 30
    add_events(database, 6)
    watcher.poll()
    # The banner counts everything the list lacks; only events not announced before ring again.
    assert heard.unseen == [6, 12] and len(heard.fresh_ids()[-1]) == 1 and heard.fresh_ids()[-1] != high
    watcher.poll()
    assert heard.unseen == [6, 12, 12] and heard.fresh_ids()[-1] == []


def test_a_reload_makes_the_next_answer_a_baseline_again(make_watcher, database: Database) -> None:
    watcher = make_watcher()
    heard = Heard(watcher)
    watcher.restart(CITY)
    add_events(database, 6)
    watcher.restart(CITY)  # the reloaded list has the six: nothing in it is new
    assert heard.unseen == [] and watcher.list_mark == 30
    assert len(heard.fresh_ids()[-1]) == 1  # but the face mismatch was never announced: it rings


def test_one_poll_at_a_time(make_watcher, runner: HeldRunner, database: Database) -> None:
    watcher = make_watcher()
    heard = Heard(watcher)
    watcher.restart(CITY)
    runner.hold = True
    add_events(database, 6)
    for _ in range(3):
        watcher.poll()
    assert len(runner.held) == 1 and watcher.polling  # asked once; the others wait for its answer
    runner.answer()
    assert len(runner.held) == 1  # the waiting poll, asked now (once, for the three)
    runner.answer()
    assert runner.held == [] and not watcher.polling and heard.unseen == [6, 6]


def test_an_answer_asked_before_a_filter_change_is_dropped(
    make_watcher, runner: HeldRunner, database: Database
) -> None:
    watcher = make_watcher()
    heard = Heard(watcher)
    watcher.restart(CITY)
    runner.hold = True
    watcher.poll()  # asked with the whole city...
    add_events(database, 6)
    county = EventFilter(scope=Scope(ScopeLevel.COUNTY, county_id=12))
    watcher.restart(county)  # ...then the officer narrows the list: its reload has the new events
    assert len(runner.held) == 1  # the restart's poll waits for the stale one
    generation = watcher.generation
    runner.answer()  # the stale answer: six "new" events of the city, counted from before the reload
    assert heard.unseen == [] and watcher.list_mark == 24 and len(heard.arrived) == 1
    runner.answer()  # the restart's own poll: a baseline for the county's list
    assert runner.held == [] and heard.unseen == [] and watcher.list_mark == 30
    assert watcher.generation == generation and len(heard.arrived) == 2


def test_fetch_new_moves_the_list_mark_and_drops_a_stale_page(
    make_watcher, runner: HeldRunner, database: Database
) -> None:
    watcher = make_watcher()
    heard = Heard(watcher)
    watcher.restart(CITY)
    add_events(database, 6)
    watcher.fetch_new(NEWEST_FIRST, 200)
    [page] = heard.fetched
    assert [item.event.id for item in page.items] == list(range(30, 24, -1)) and watcher.list_mark == 30
    add_events(database, 3)
    runner.hold = True
    watcher.fetch_new(NEWEST_FIRST, 200)
    watcher.restart(CITY)  # the list reloads while the page is on its way
    runner.answer()
    runner.answer()
    assert len(heard.fetched) == 1 and heard.reloads == 0  # the reloaded list has them
    runner.hold = False
    add_events(database, 5)
    watcher.fetch_new(NEWEST_FIRST, 4)  # more than fit: the list is reloaded instead
    assert heard.reloads == 1 and len(heard.fetched) == 1 and watcher.list_mark == 33


def test_the_live_analysis_storing_events_asks_at_once(qtbot, make_watcher, database: Database) -> None:
    live = [0]
    watcher = make_watcher(live=live)
    heard = Heard(watcher)
    watcher.restart(CITY)
    assert watcher.POLL_MS >= 10_000
    add_events(database, 6)
    live[0] += 6
    qtbot.waitUntil(lambda: heard.unseen == [6], timeout=3 * watcher.LIVE_MS)
    qtbot.wait(3 * watcher.LIVE_MS)
    assert heard.unseen == [6]  # the count did not move again: no further poll


def test_the_poll_asks_which_alarms_are_still_unclaimed(make_watcher, database: Database) -> None:
    new = add_events(database, 6)
    high = next(e.id for e in new if e.kind is EventKind.FACE_MISMATCH)
    EventService(database).transition(1, EventState.IN_PROGRESS, USERS[0].id)  # claimed elsewhere
    watcher = make_watcher(alarms=frozenset({high, 1}))
    heard = Heard(watcher)
    watcher.restart(CITY)
    news, _fresh = heard.arrived[-1]
    assert high in news.unclaimed and 1 not in news.unclaimed
