"""The audit chain: appends chain by SHA-256, and verification names edited, inserted, deleted rows."""

from __future__ import annotations

import itertools
import threading
from datetime import datetime

import pytest
from sqlalchemy import delete, insert, select, update

from app.persistence import Database
from app.persistence.orm import AuditEntryRow
from app.review.audit_chain import (
    GENESIS,
    AuditQuery,
    ProblemKind,
    append_entry,
    find_entries,
    hash_entry,
    make_audit,
    verify_chain,
)
from app.review.audit_verify import main as verify_main


@pytest.fixture
def chained(review_db: Database) -> Database:
    audit = make_audit(review_db)
    for n in range(1, 7):
        audit(1, "completion.approve" if n % 2 else "login", f"completion:{n}", {"n": n})
    return review_db


def problems(database: Database) -> list[tuple[ProblemKind, int]]:
    with database.reading() as session:
        return [(p.kind, p.entry_id) for p in verify_chain(session).problems]


def test_entries_chain_and_verify(chained: Database) -> None:
    with chained.reading() as session:
        rows = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id)).all()
        assert [r.id for r in rows] == [1, 2, 3, 4, 5, 6]
        assert rows[0].prev_hash == GENESIS
        assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(rows))
        assert rows[2].entry_hash == hash_entry(
            3, rows[2].at, 1, rows[2].action, rows[2].subject, rows[2].detail, rows[1].entry_hash
        )
        assert verify_chain(session).ok
        assert [e.id for e in find_entries(session, AuditQuery(action="login"))] == [6, 4, 2]
        assert [e.id for e in find_entries(session, AuditQuery(subject="completion:3"))] == [3]


def test_edited_row_is_named(chained: Database) -> None:
    with chained.writing() as session:
        session.execute(update(AuditEntryRow).where(AuditEntryRow.id == 3).values(detail='{"n": 99}'))
    assert problems(chained) == [(ProblemKind.EDITED, 3)]


def test_edited_and_rehashed_row_is_named(chained: Database) -> None:
    with chained.writing() as session:
        row = session.get(AuditEntryRow, 3)
        assert row is not None
        row.actor_id = 2
        row.entry_hash = hash_entry(3, row.at, 2, row.action, row.subject, row.detail, row.prev_hash)
    assert problems(chained) == [(ProblemKind.EDITED, 3)]


def test_deleted_row_is_named(chained: Database) -> None:
    with chained.writing() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.id == 4))
    with chained.reading() as session:
        report = verify_chain(session)
    assert [(p.kind, p.entry_id) for p in report.problems] == [(ProblemKind.DELETED, 5)]
    assert "4" in report.problems[0].message


def test_deleted_last_row_is_caught_by_the_head(chained: Database) -> None:
    with chained.writing() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.id == 6))
    assert problems(chained) == [(ProblemKind.DELETED, 6)]


def test_inserted_row_is_named(chained: Database) -> None:
    """A forger renumbers 4–6 to 5–7 and slips a well-formed entry in as 4."""
    with chained.writing() as session:
        for old in (6, 5, 4):
            session.execute(update(AuditEntryRow).where(AuditEntryRow.id == old).values(id=old + 1))
        prev = session.get(AuditEntryRow, 3)
        assert prev is not None
        at = datetime(2025, 3, 14, 9, 0)
        digest = hash_entry(4, at, 9, "completion.approve", "completion:42", "", prev.entry_hash)
        session.execute(
            insert(AuditEntryRow),
            {
                "id": 4,
                "at": at,
                "actor_id": 9,
                "action": "completion.approve",
                "subject": "completion:42",
                "detail": "",
                "prev_hash": prev.entry_hash,
                "entry_hash": digest,
            },
        )
    found = problems(chained)
    assert (ProblemKind.INSERTED, 4) in found
    assert all(entry_id != 3 for _, entry_id in found)


def test_row_appended_outside_the_log_is_named(chained: Database) -> None:
    with chained.writing() as session:
        last = session.get(AuditEntryRow, 6)
        assert last is not None
        at = datetime(2025, 3, 14, 9, 0)
        digest = hash_entry(7, at, 9, "x", "y", "", last.entry_hash)
        session.execute(
            insert(AuditEntryRow),
            {
                "id": 7,
                "at": at,
                "actor_id": 9,
                "action": "x",
                "subject": "y",
                "detail": "",
                "prev_hash": last.entry_hash,
                "entry_hash": digest,
            },
        )
    assert problems(chained) == [(ProblemKind.INSERTED, 7)]


def test_concurrent_appends_keep_one_chain(chained: Database) -> None:
    """Two workstations (threads with their own sessions) appending at once never fork the chain."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(actor: int) -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(15):
                with chained.writing() as session:
                    append_entry(session, actor, "login", f"user:{actor}", {"n": n})
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(actor,)) for actor in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    with chained.reading() as session:
        report = verify_chain(session)
    assert report.ok, report.problems
    assert report.checked == 36


def test_command_line_names_the_problem(chained: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = chained.engine.url.render_as_string(hide_password=False)
    assert verify_main(["--database", url]) == 0
    with chained.writing() as session:
        session.execute(update(AuditEntryRow).where(AuditEntryRow.id == 2).values(subject="user:99"))
    assert verify_main(["--database", url]) == 1
    out = capsys.readouterr().out
    assert "edited: entry 2 does not match its hash" in out
