"""Verify the audit chain from the command line.

    python -m app.review.audit_verify --database postgresql+psycopg://user@host/db [--witness FILE]

On a workstation, the entries it committed are also checked against its witness file (see
app/review/audit_witness.py; by default the one the console keeps for that database URL, if any).

Exit status 0 when the chain is intact, 1 when a row was edited, inserted or deleted, or a witness
line was altered (each named on its own line), 2 when the database cannot be opened. The witness's
MACs are checked with this workstation's key from the keyring (see app/review/witness_key.py).
Runs on the main thread of its own process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app import paths
from app.persistence import Database, DatabaseError
from app.review.audit_chain import verify_chain
from app.review.audit_witness import AuditWitness, witness_path
from app.review.witness_key import witness_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.review.audit_verify", description=__doc__)
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of the console's database")
    parser.add_argument("--witness", type=Path, help="a workstation's witness file (default: this one's)")
    args = parser.parse_args(argv)
    path = args.witness or witness_path(paths.data_dir(), args.database)
    if args.witness is not None and not path.exists():
        print(f"error: no witness file at {path}", file=sys.stderr)
        return 2
    witness = AuditWitness(path, witness_key()) if path.exists() else None
    try:
        database = Database(args.database)
        with database.reading() as session:
            report = verify_chain(session, witness=witness)
        database.dispose()
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"{problem.kind.value}: {problem.message}")
    verdict = "intact" if report.ok else f"BROKEN ({len(report.problems)} problem(s))"
    print(f"audit chain {verdict}: {report.checked} entries checked, last id {report.last_id}")
    print(f"witness: {path if witness is not None else 'none on this workstation'}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
