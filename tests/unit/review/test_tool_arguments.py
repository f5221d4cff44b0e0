"""The command-line tools refuse what they cannot check, with words and their own exit code, and say
what the witness let them check (issue 14, items 8 and 9)."""

from __future__ import annotations

import socket
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app import paths
from app.command_line import EXIT_CANNOT_CHECK, EXIT_OK, EXIT_PARTLY_CHECKED
from app.persistence import Database
from app.playback.verify import main as package_verify_main
from app.review.audit_chain import make_audit
from app.review.audit_verify import main as audit_verify_main
from app.review.audit_witness import AuditWitness, attach_witness, witness_path, workstation_witness
from app.review.score_photos import main as score_photos_main
from app.review.witness_key import witness_key

TOOLS = {
    "audit_verify": lambda url: audit_verify_main(["--database", url]),
    "playback.verify": lambda url: package_verify_main([str(Path(__file__)), "--database", url]),
    "score_photos": lambda url: score_photos_main(["--database", url]),
}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_mistyped_sqlite_path_is_refused_not_created(
    tool: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "consle.sqlite3"
    assert TOOLS[tool](f"sqlite:///{typo}") == EXIT_CANNOT_CHECK
    assert f"error: no such database file: {typo}" in capsys.readouterr().err
    assert not typo.exists()


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_an_unsupported_backend_is_named_without_a_traceback(
    tool: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert TOOLS[tool]("mysql://officer@db-host/lj") == EXIT_CANNOT_CHECK
    err = capsys.readouterr().err
    assert "unsupported database backend 'mysql'" in err and "Traceback" not in err


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_refused_connection_is_cannot_check_not_broken(
    tool: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql+psycopg://officer@127.0.0.1:{_closed_port()}/lj"
    assert TOOLS[tool](url) == EXIT_CANNOT_CHECK
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_names_from_outside_are_printed_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = tmp_path / "x.db\naudit chain intact: 9 entries checked\x1b[2K"
    assert audit_verify_main(["--database", f"sqlite:///{forged}"]) == EXIT_CANNOT_CHECK
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\\x0aaudit chain intact" in err and "\\x1b[2K" in err


# ----- the witness: one name for the console and the tools, and plain words on what was checked -----


def test_console_and_tools_name_the_same_witness_with_or_without_the_password(tmp_path: Path) -> None:
    console = "postgresql+psycopg://officer:s3cret@DB-Host/lj"  # the keyring's password filled in
    tool = "postgresql://officer@db-host:5432/lj"
    assert witness_path(tmp_path, console) == witness_path(tmp_path, tool)
    assert witness_path(tmp_path, tool) != witness_path(tmp_path, "postgresql://officer@db-host:5433/lj")


def test_a_witness_under_the_old_name_is_taken_over(tmp_path: Path) -> None:
    import hashlib

    console = "postgresql+psycopg://officer:s3cret@db-host/lj"
    old = hashlib.sha256(b"postgresql+psycopg://officer:***@db-host/lj").hexdigest()[:16]
    legacy = tmp_path / f"audit-witness-{old}.log"
    legacy.write_text("1 " + "a" * 64 + "\n")
    witness = workstation_witness(tmp_path, console, None)
    assert witness.path == witness_path(tmp_path, console) and not legacy.exists()
    assert witness.entries() == {1: "a" * 64}


def test_the_tool_finds_a_witness_the_console_has_not_renamed_yet(
    review_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    url = review_db.engine.url.render_as_string(hide_password=False)
    legacy = paths.data_dir() / f"audit-witness-{hashlib.sha256(url.encode()).hexdigest()[:16]}.log"
    attach_witness(review_db, AuditWitness(legacy, witness_key()))
    make_audit(review_db)(1, "login", "user:1", {})
    attach_witness(review_db, None)
    assert audit_verify_main(["--database", url]) == EXIT_OK
    assert f"witness: {legacy}, 1 entries compared" in capsys.readouterr().out


def _witnessed(database: Database, key: bytes | None) -> str:
    url = database.engine.url.render_as_string(hide_password=False)
    attach_witness(database, workstation_witness(paths.data_dir(), url, key))
    audit = make_audit(database)
    for n in range(1, 4):
        audit(1, "completion.approve", f"completion:{n}", {"n": n})
    attach_witness(database, None)
    return url


def test_a_keyed_witness_is_said_verified(review_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = _witnessed(review_db, witness_key())
    assert audit_verify_main(["--database", url]) == EXIT_OK
    assert "entries compared, their MACs verified with this workstation's key" in capsys.readouterr().out


def test_without_a_keyring_the_witness_lines_are_said_unverified(
    review_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    keyring.set_keyring(FailKeyring())  # a headless machine; the isolation fixture restores it
    url = _witnessed(review_db, witness_key())
    assert audit_verify_main(["--database", url]) == EXIT_PARTLY_CHECKED
    out = capsys.readouterr().out
    assert "audit chain intact" in out
    assert "lines UNVERIFIED (no witness key in this workstation's keyring)" in out


def test_a_deleted_witness_is_reported_missing_not_none(
    review_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _witnessed(review_db, witness_key())
    path = witness_path(paths.data_dir(), url)
    path.unlink()
    assert audit_verify_main(["--database", url]) == EXIT_PARTLY_CHECKED
    out = capsys.readouterr().out
    assert f"witness: MISSING: {path} was kept by this workstation since" in out
    assert "none on this workstation" not in out


def test_a_workstation_that_never_kept_a_witness_says_so(
    review_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    make_audit(review_db)(1, "login", "user:1", {})
    url = review_db.engine.url.render_as_string(hide_password=False)
    assert audit_verify_main(["--database", url]) == EXIT_OK
    assert "witness: none: this workstation never kept one for this database" in capsys.readouterr().out


def test_an_unkeyed_witness_file_given_is_said_unverified(
    review_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    witness = AuditWitness(tmp_path / "w.log")
    attach_witness(review_db, witness)
    make_audit(review_db)(1, "login", "user:1", {})
    attach_witness(review_db, None)
    url = review_db.engine.url.render_as_string(hide_password=False)
    assert audit_verify_main(["--database", url, "--witness", str(witness.path)]) == EXIT_PARTLY_CHECKED
    assert "1 lines UNVERIFIED" in capsys.readouterr().out
