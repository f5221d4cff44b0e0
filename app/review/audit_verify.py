"""Verify the audit chain from the command line.

    python -m app.review.audit_verify --database postgresql+psycopg://user@host/db

Exit status 0 when the chain is intact, 1 when a row was edited, inserted or deleted (each named on
its own line), 2 when the database cannot be opened. Runs on the main thread of its own process.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from app.persistence import Database, DatabaseError
from app.review.audit_chain import verify_chain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.review.audit_verify", description=__doc__)
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of the console's database")
    args = parser.parse_args(argv)
    try:
        database = Database(args.database)
        with database.reading() as session:
            report = verify_chain(session)
        database.dispose()
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"{problem.kind.value}: {problem.message}")
    verdict = "intact" if report.ok else f"BROKEN ({len(report.problems)} problem(s))"
    print(f"audit chain {verdict}: {report.checked} entries checked, last id {report.last_id}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
