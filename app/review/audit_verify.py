"""Verify the audit chain from the command line.

    python -m app.review.audit_verify --database postgresql+psycopg://user@host/db [--witness FILE]

The URL is opened as the console opens it (app/command_line.py: the keyring's password, else libpq's;
SQLite must name an existing file). On a workstation the entries it committed are also compared with
its witness file (audit_witness.py; by default the one kept for that database's host, port and name).
The last lines say what could be checked: "audit chain intact: N entries checked", then the witness
compared and its MACs verified, UNVERIFIED (no key in the keyring), MISSING (kept here but gone), or
none. Exit status: 0 intact and everything checked; 1 a row edited, inserted or deleted, or a witness
line altered (each named); 2 the database cannot be opened or bad arguments; 3 intact but not
everything could be checked. Runs on the main thread of its own process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app import paths
from app.command_line import (
    EXIT_CANNOT_CHECK,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTLY_CHECKED,
    UnusableDatabase,
    database_error_text,
    printable,
    tool_database_url,
)
from app.persistence import Database, DatabaseError
from app.review.audit_chain import ChainReport, verify_chain
from app.review.audit_witness import AuditWitness, find_witness
from app.review.witness_key import witness_kept_since, witness_key


def _witness_lines(
    path: Path, given: bool, report: ChainReport | None, key: bytes | None
) -> tuple[str, bool]:
    """(what the witness let us check, whether something could not be checked)."""
    shown = printable(path)
    if report is not None:
        line = f"witness: {shown}, {report.witnessed} entries compared"
        if report.witness_unverified == 0:
            return line + ", their MACs verified with this workstation's key", False
        why = (
            "no witness key in this workstation's keyring"
            if key is None
            else "lines written without a MAC (no keyring when they were written)"
        )
        return (
            f"{line}; {report.witness_unverified} lines UNVERIFIED ({why}): an edit of the file "
            "itself could not be detected for them",
            True,
        )
    if given:
        return f"witness: none at {shown}", True
    asked, since = witness_kept_since(path.name)
    if since is not None:
        return (
            f"witness: MISSING: {shown} was kept by this workstation since {printable(since)} but is gone "
            "(deleted or moved): entries it committed could not be compared",
            True,
        )
    if asked:
        return "witness: none: this workstation never kept one for this database (nothing to compare)", False
    return (
        f"witness: none found at {shown}; without a keyring it cannot be told whether one was kept "
        "and deleted",
        True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.review.audit_verify",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of the console's database")
    parser.add_argument("--witness", type=Path, help="a workstation's witness file (default: this one's)")
    args = parser.parse_args(argv)
    try:
        url = tool_database_url(args.database)
        path = args.witness or find_witness(paths.data_dir(), url)
    except (UnusableDatabase, ValueError) as exc:
        print(f"error: {database_error_text(exc)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    if args.witness is not None and not path.exists():
        print(f"error: no witness file at {printable(path)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    key = witness_key(create=False) if path.exists() else None
    witness = AuditWitness(path, key) if path.exists() else None
    try:
        database = Database(url)
        try:
            with database.reading() as session:
                report = verify_chain(session, witness=witness)
        finally:
            database.dispose()
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {database_error_text(exc)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    for problem in report.problems:
        print(f"{problem.kind.value}: {printable(problem.message)}")
    verdict = "intact" if report.ok else f"BROKEN ({len(report.problems)} problem(s))"
    print(f"audit chain {verdict}: {report.checked} entries checked, last id {report.last_id}")
    line, partly = _witness_lines(path, args.witness is not None, report if witness else None, key)
    print(line)
    if not report.ok:
        return EXIT_FAILED
    return EXIT_PARTLY_CHECKED if partly else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
