"""Event pages stay fast on a million rows: index range scans, never a full sort.

The quick tests check SQLite's query plans; the slow one (marked `slow`) fills a million events
on each backend and times the pages an officer actually opens.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from app.domain.enums import EventKind, EventState, ScopeLevel
from app.domain.geography import Workspace
from app.domain.people import Scope
from app.persistence import Database
from app.persistence.repositories import EventCursor, EventFilter, EventRepository
from app.persistence.repositories.event_repository import page_statement

MILLION = 1_000_000
T0 = datetime(2024, 1, 1)
CURSOR = EventCursor(datetime(2024, 6, 1, 12), 500_000)
COLUMNS = "kind, severity, state, started_at, classroom_id, snapshot_path, frame_path, engine"
FILTERS = {
    "all": EventFilter(),
    "open": EventFilter(open_only=True),
    "new absences": EventFilter(states=frozenset({EventState.NEW}), kinds=frozenset({EventKind.ABSENCE})),
    "county": EventFilter(scope=Scope(ScopeLevel.COUNTY, county_id=2)),
}


def _sqlite_plan(database: Database, event_filter: EventFilter, after: EventCursor | None) -> str:
    statement = page_statement(event_filter, limit=101, after=after)
    compiled = statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "\n".join(str(row[-1]) for row in rows)


@pytest.mark.parametrize("after", [None, CURSOR], ids=["first page", "keyset page"])
@pytest.mark.parametrize("name", ["all", "new absences"])
def test_sqlite_pages_use_an_index_and_do_not_sort(
    tmp_path: object, name: str, after: EventCursor | None
) -> None:
    from app.persistence import upgrade_to_head

    url = f"sqlite:///{tmp_path}/plan.sqlite3"
    upgrade_to_head(url)
    database = Database(url)
    try:
        plan = _sqlite_plan(database, FILTERS[name], after)
    finally:
        database.dispose()
    assert "USING INDEX ix_events_" in plan or "USING COVERING INDEX ix_events_" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def _fill(database: Database, rows: int) -> None:
    """Insert `rows` events server-side: one every 15 s, 5% open, kinds and classrooms cycling."""
    if database.backend == "sqlite":
        sql = f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
            INSERT INTO events ({COLUMNS})
            SELECT CASE i % 4 WHEN 0 THEN 'absence' WHEN 1 THEN 'late_arrival' WHEN 2 THEN 'face_mismatch'
                   ELSE 'early_leave' END,
                   'medium', CASE WHEN i % 20 = 0 THEN 'new' ELSE 'dismissed' END,
                   strftime('%Y-%m-%d %H:%M:%S.000000', '2024-01-01', '+' || (i * 15) || ' seconds'),
                   i % 3 + 1, '', '', ''
            FROM n"""
    else:
        sql = f"""
            INSERT INTO events ({COLUMNS})
            SELECT (ARRAY['absence', 'late_arrival', 'face_mismatch', 'early_leave'])[i % 4 + 1],
                   'medium', CASE WHEN i % 20 = 0 THEN 'new' ELSE 'dismissed' END,
                   timestamp '2024-01-01' + i * interval '15 seconds', i % 3 + 1, '', '', ''
            FROM generate_series(1, {rows}) AS i"""
    with database.writing() as session:
        session.execute(text(sql))
    with database.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


@pytest.mark.slow
def test_a_million_events_page_fast(database: Database, saved_workspace: Workspace) -> None:
    started = time.perf_counter()
    _fill(database, MILLION)
    fill_s = time.perf_counter() - started
    last = T0 + timedelta(seconds=15 * MILLION)
    timings: dict[str, float] = {}
    with database.reading() as session:
        repository = EventRepository(session)
        for name, event_filter in FILTERS.items():
            for label, after in (("first", None), ("keyset", CURSOR)):
                repository.page(event_filter, limit=100, after=after)  # warm the cache
                # Best of three: the query's own cost, not a neighbour's CPU burst or autovacuum.
                best = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    page = repository.page(event_filter, limit=100, after=after)
                    best = min(best, time.perf_counter() - started)
                timings[f"{name}/{label}"] = best * 1000
                assert len(page.events) == 100
                assert page.events[0].started_at <= (after.started_at if after else last)
    print(f"\n{database.backend}: filled {MILLION} events in {fill_s:.1f} s; page times (ms):")
    for key, ms in timings.items():
        print(f"  {key:<22} {ms:6.1f}")
    assert max(timings.values()) < 150, timings
