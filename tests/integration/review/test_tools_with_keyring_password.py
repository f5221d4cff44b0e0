"""The documented PostgreSQL set-up (a password only in the keyring) works for the command-line tools,
and they find the witness the console keeps (issue 14, item 9). Real PostgreSQL with a role that must
give its password, a real keyring backend in a file shared with the tools run as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app import paths
from app.database_password import store_database_password, with_keyring_password
from app.persistence import Database, upgrade_to_head
from app.persistence.orm import AuditEntryRow
from app.persistence.repositories.meta_repository import MetaRepository
from app.review.audit_chain import HEAD_KEY, hash_entry, make_audit
from app.review.audit_witness import attach_witness, workstation_witness
from app.review.witness_key import witness_key
from tests.helpers.file_keyring import BACKEND_NAME, FILE_VARIABLE, FileKeyring
from tests.helpers.postgres import PasswordDatabase

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[3]


def _tool(module: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PGPASSWORD", "PGPASSFILE")}
    env["PGPASSFILE"] = str(ROOT / "no-such-pgpass")  # not the ~/.pgpass of the machine running the tests
    return {**env, **extra}


@pytest.fixture
def console_database(password_database: PasswordDatabase, tmp_path: Path) -> tuple[str, Path]:
    """What the console did: the password stored in the keyring, the URL without it in settings,
    three audit entries committed with this workstation's keyed witness. (URL, keyring file)."""
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(keyring_file))  # the isolation fixture restores the keyring
    store_database_password(password_database.url, password_database.password)
    console_url = with_keyring_password(password_database.url)
    assert make_url(console_url).password == password_database.password
    upgrade_to_head(console_url)
    database = Database(console_url)
    attach_witness(database, workstation_witness(paths.data_dir(), console_url, witness_key()))
    audit = make_audit(database)
    for n in range(1, 4):
        audit(1, "completion.approve", f"completion:{n}", {"n": n})
    attach_witness(database, None)
    database.dispose()
    return password_database.url, keyring_file


def test_audit_verify_reads_the_keyring_password_and_finds_the_console_witness(
    console_database: tuple[str, Path], password_database: PasswordDatabase
) -> None:
    url, keyring_file = console_database
    env = _environment(PYTHON_KEYRING_BACKEND=BACKEND_NAME, **{FILE_VARIABLE: str(keyring_file)})
    done = _tool("app.review.audit_verify", "--database", url, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "audit chain intact: 3 entries checked" in done.stdout
    assert "3 entries compared, their MACs verified with this workstation's key" in done.stdout
    assert password_database.password not in done.stdout + done.stderr

    # Rewritten and re-hashed, head moved, by someone with the database's password: only the witness tells.
    database = Database(with_keyring_password(url))
    with database.writing() as session:
        row = session.scalars(select(AuditEntryRow).where(AuditEntryRow.id == 3)).one()
        row.subject = "completion:99"
        row.entry_hash = hash_entry(
            row.id, row.at, row.actor_id, row.action, row.subject, row.detail, row.prev_hash
        )
        MetaRepository(session).set(HEAD_KEY, f"3:{row.entry_hash}")
    database.dispose()
    done = _tool("app.review.audit_verify", "--database", url, env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "entry 3 differs from what this workstation committed" in done.stdout


def test_package_verify_and_score_photos_open_the_database_with_the_keyring_password(
    console_database: tuple[str, Path], tmp_path: Path
) -> None:
    url, keyring_file = console_database
    env = _environment(PYTHON_KEYRING_BACKEND=BACKEND_NAME, **{FILE_VARIABLE: str(keyring_file)})
    not_a_package = tmp_path / "package.zip"
    not_a_package.write_bytes(b"not a zip")
    done = _tool("app.playback.verify", str(not_a_package), "--database", url, env=env)
    assert done.returncode == 1 and done.stdout.startswith("FAILED"), done.stdout + done.stderr
    assert "NOT EXPORTED by this console" in done.stdout  # the audit log was read
    done = _tool("app.review.score_photos", "--database", url, "--limit", "1", env=env)
    assert "error:" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_headless_the_tools_take_pgpassword_and_say_when_no_password_was_found(
    console_database: tuple[str, Path], password_database: PasswordDatabase
) -> None:
    url, _ = console_database
    headless = _environment(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = _tool("app.review.audit_verify", "--database", url, env=headless)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "error: Cannot connect to the database server" in done.stderr and "Traceback" not in done.stderr
    assert "else PGPASSWORD, else ~/.pgpass" in done.stderr
    done = _tool(
        "app.review.audit_verify",
        "--database",
        url,
        env={**headless, "PGPASSWORD": password_database.password},
    )
    assert done.returncode == 3, done.stdout + done.stderr  # intact; the witness's MACs cannot be checked
    assert "audit chain intact: 3 entries checked" in done.stdout
    assert "3 lines UNVERIFIED (no witness key in this workstation's keyring)" in done.stdout
