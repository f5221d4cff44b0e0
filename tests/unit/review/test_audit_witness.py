"""The workstation's witness catches what the chain cannot: a history rewritten with every hash and
the head recomputed by someone with full write access to the database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import delete, select

from app.persistence import Database
from app.persistence.orm import AuditEntryRow
from app.persistence.repositories.meta_repository import MetaRepository
from app.review.audit_chain import HEAD_KEY, ProblemKind, append_entry, hash_entry, make_audit, verify_chain
from app.review.audit_verify import main as verify_main
from app.review.audit_witness import AuditWitness, attach_witness, witness_path
from app.review.witness_key import witness_key


def attached(database: Database, made: AuditWitness) -> Iterator[AuditWitness]:
    attach_witness(database, made)
    yield made
    attach_witness(database, None)


def five_entries(database: Database) -> Database:
    audit = make_audit(database)
    for n in range(1, 6):
        audit(1, "completion.approve", f"completion:{n}", {"n": n})
    return database


@pytest.fixture
def witness(review_db: Database, tmp_path: Path) -> Iterator[AuditWitness]:
    yield from attached(review_db, AuditWitness(tmp_path / "witness" / "audit-witness.log"))


@pytest.fixture
def witnessed(review_db: Database, witness: AuditWitness) -> Database:
    return five_entries(review_db)


def rewrite_from(database: Database, first: int, **changes: object) -> None:
    """What an attacker with write access does: change a row, then re-hash it and every row after
    it, and move the head, so that the chain verifies again."""
    with database.writing() as session:
        rows = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id)).all()
        prev = rows[first - 2].entry_hash if first > 1 else "0" * 64
        for row in rows[first - 1 :]:
            if row.id == first:
                for name, value in changes.items():
                    setattr(row, name, value)
            row.prev_hash = prev
            row.entry_hash = hash_entry(
                row.id, row.at, row.actor_id, row.action, row.subject, row.detail, row.prev_hash
            )
            prev = row.entry_hash
        MetaRepository(session).set(HEAD_KEY, f"{rows[-1].id}:{prev}")


def report_of(database: Database, witness: AuditWitness | None) -> list[tuple[ProblemKind, int]]:
    with database.reading() as session:
        return [(p.kind, p.entry_id) for p in verify_chain(session, witness=witness).problems]


def test_committed_entries_are_witnessed_and_verify(witnessed: Database, witness: AuditWitness) -> None:
    seen = witness.entries()
    assert sorted(seen) == [1, 2, 3, 4, 5]
    with witnessed.reading() as session:
        rows = session.execute(select(AuditEntryRow.id, AuditEntryRow.entry_hash)).all()
    hashes = {int(entry_id): str(digest) for entry_id, digest in rows}
    assert seen == hashes
    assert report_of(witnessed, witness) == []


def test_a_rolled_back_append_is_not_witnessed(witnessed: Database, witness: AuditWitness) -> None:
    with pytest.raises(RuntimeError), witnessed.writing() as session:
        append_entry(session, 1, "completion.approve", "completion:99")
        raise RuntimeError("the audited change failed")
    assert sorted(witness.entries()) == [1, 2, 3, 4, 5]
    make_audit(witnessed)(1, "login", "user:1")
    assert sorted(witness.entries()) == [1, 2, 3, 4, 5, 6]
    assert report_of(witnessed, witness) == []


def test_a_rehashed_history_passes_the_chain_but_not_the_witness(
    witnessed: Database, witness: AuditWitness
) -> None:
    rewrite_from(witnessed, 2, subject="completion:42")
    assert report_of(witnessed, None) == []  # the chain alone is fooled
    assert report_of(witnessed, witness) == [(ProblemKind.EDITED, n) for n in (2, 3, 4, 5)]


def test_entries_deleted_with_the_head_moved_back_are_named(
    witnessed: Database, witness: AuditWitness
) -> None:
    with witnessed.writing() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.id >= 4))
        row = session.get(AuditEntryRow, 3)
        assert row is not None
        MetaRepository(session).set(HEAD_KEY, f"3:{row.entry_hash}")
    assert report_of(witnessed, None) == []
    assert report_of(witnessed, witness) == [(ProblemKind.DELETED, 4), (ProblemKind.DELETED, 5)]


def test_a_line_cut_short_by_a_crash_is_ignored(witnessed: Database, witness: AuditWitness) -> None:
    with open(witness.path, "a", encoding="ascii") as file:
        file.write("6 deadbeef")
    assert sorted(witness.entries()) == [1, 2, 3, 4, 5]
    assert report_of(witnessed, witness) == []


def test_command_line_uses_the_workstations_witness(
    witnessed: Database, witness: AuditWitness, capsys: pytest.CaptureFixture[str]
) -> None:
    url = witnessed.engine.url.render_as_string(hide_password=False)
    rewrite_from(witnessed, 5, actor_id=2)
    assert verify_main(["--database", url]) == 0  # no witness of this database on this workstation
    assert verify_main(["--database", url, "--witness", str(witness.path)]) == 1
    out = capsys.readouterr().out
    assert "entry 5 differs from what this workstation committed" in out
    assert verify_main(["--database", url, "--witness", str(witness.path.with_name("nope.log"))]) == 2


def test_witness_file_names_hide_the_password(tmp_path: Path) -> None:
    with_password = witness_path(tmp_path, "postgresql+psycopg://officer:s3cret@db/lj")
    assert with_password == witness_path(tmp_path, "postgresql+psycopg://officer:other@db/lj")
    assert "s3cret" not in with_password.name
    assert with_password != witness_path(tmp_path, "postgresql+psycopg://officer@db/other")


# ----- keyed lines: an attacker who can write the witness file too -----


@pytest.fixture
def keyed(review_db: Database, tmp_path: Path) -> Iterator[AuditWitness]:
    key = witness_key()  # the test's in-memory keyring (tests/helpers/isolation.py)
    assert key is not None and witness_key() == key  # created once, then found again
    yield from attached(review_db, AuditWitness(tmp_path / "witness" / "keyed.log", key))


@pytest.fixture
def keyed_db(review_db: Database, keyed: AuditWitness) -> Database:
    return five_entries(review_db)


def rewrite_witness(witness: AuditWitness, change: Callable[[list[str]], list[str]]) -> None:
    lines = witness.path.read_text(encoding="ascii").splitlines()
    witness.path.write_text("".join(f"{line}\n" for line in change(lines)), encoding="ascii")


def test_keyed_lines_verify_and_say_nothing_of_the_key(keyed_db: Database, keyed: AuditWitness) -> None:
    lines = keyed.path.read_text(encoding="ascii").splitlines()
    assert len(lines) == 5 and all(len(line.split(" ")) == 3 for line in lines)
    assert keyed.key is not None and keyed.key.hex() not in keyed.path.read_text(encoding="ascii")
    reading = keyed.reading()
    assert sorted(reading.entries) == [1, 2, 3, 4, 5] and reading.altered == [] and reading.unverified == 0
    assert report_of(keyed_db, keyed) == []


def test_a_history_rewritten_in_the_database_and_the_witness_is_caught(
    keyed_db: Database, keyed: AuditWitness
) -> None:
    rewrite_from(keyed_db, 4, subject="completion:42")
    with keyed_db.reading() as session:
        rows = session.execute(select(AuditEntryRow.id, AuditEntryRow.entry_hash)).all()
    new_hash = {int(entry_id): str(digest) for entry_id, digest in rows}

    def matching_the_database(lines: list[str]) -> list[str]:  # without the key, the MACs stay as they were
        out = []
        for line in lines:
            entry_id, _digest, mac = line.split(" ")
            out.append(f"{entry_id} {new_hash[int(entry_id)]} {mac}")
        return out

    rewrite_witness(keyed, matching_the_database)
    assert report_of(keyed_db, AuditWitness(keyed.path)) == []  # an unkeyed reader is fooled
    assert report_of(keyed_db, keyed) == [(ProblemKind.WITNESS, 4), (ProblemKind.WITNESS, 5)]


def test_a_witness_line_removed_from_the_middle_is_named(keyed_db: Database, keyed: AuditWitness) -> None:
    rewrite_witness(keyed, lambda lines: lines[:2] + lines[3:])  # entry 3's line goes
    assert report_of(keyed_db, keyed) == [(ProblemKind.WITNESS, 4)]  # the chain of MACs breaks there


def test_unkeyed_lines_are_still_read_and_a_key_chains_on_after_them(
    review_db: Database, witness: AuditWitness
) -> None:
    audit = make_audit(review_db)
    audit(1, "login", "user:1")  # written without a key (no keyring then)
    key = witness_key()
    assert key is not None
    attach_witness(review_db, AuditWitness(witness.path, key))
    audit(1, "login", "user:2")
    reading = AuditWitness(witness.path, key).reading()
    assert sorted(reading.entries) == [1, 2] and reading.unverified == 1 and reading.altered == []


def test_after_a_line_cut_short_the_next_one_starts_on_its_own_line(
    keyed_db: Database, keyed: AuditWitness
) -> None:
    with open(keyed.path, "a", encoding="ascii") as file:
        file.write("6 deadbeef")  # the crash
    restarted = AuditWitness(keyed.path, keyed.key)
    attach_witness(keyed_db, restarted)
    make_audit(keyed_db)(1, "login", "user:1")
    assert restarted.path.read_text(encoding="ascii").splitlines()[-2] == "6 deadbeef"
    reading = restarted.reading()
    assert sorted(reading.entries) == [1, 2, 3, 4, 5, 6] and reading.altered == []
    assert report_of(keyed_db, restarted) == []


def test_without_a_keyring_the_witness_is_unkeyed_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_keyring(FailKeyring())  # a headless machine; the isolation fixture restores the keyring
    with caplog.at_level(logging.WARNING):
        assert witness_key() is None
    assert "without a MAC" in caplog.text
