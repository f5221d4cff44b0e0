"""Score unscored online-study photos from the command line (one pass, newest first).

    python -m app.review.score_photos --database postgresql+psycopg://user@host/db [--limit N]
        [--threshold 0.45] [--batch 16]

Without --threshold the workspace's calibration is used (python -m app.vision.calibrate), else
dlib's default; the line "threshold … (source)" says which. Photos whose file is not on disk yet
are left for a later run. Exit status 0 when the pass finished, 1 when the scorer failed or was
interrupted, 2 when the database cannot be opened (no such SQLite file, a backend other than SQLite or
PostgreSQL, a refused connection) or the arguments are wrong: app/command_line.py. A PostgreSQL URL
without a password gets the console's from the keyring, else libpq's PGPASSWORD or ~/.pgpass.
Runs dlib on the main thread of its own process.
"""

from __future__ import annotations

import argparse
import sys
import threading

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.command_line import (
    EXIT_CANNOT_CHECK,
    EXIT_FAILED,
    EXIT_OK,
    UnusableDatabase,
    database_error_text,
    printable,
    tool_database_url,
)
from app.persistence import Database, DatabaseError
from app.review.photo_scoring_worker import (
    PassFinished,
    PhotoFailed,
    ScorerNotice,
    ScorerReady,
    ScoringConfig,
    ScoringProgress,
    run,
)


def _connect_once(url: str) -> None:
    database = Database(url)
    try:
        with database.reading() as session:
            session.execute(text("SELECT 1"))
    finally:
        database.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.review.score_photos",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of the console's database")
    parser.add_argument("--limit", type=int, default=None, help="score at most N photos")
    parser.add_argument("--threshold", type=float, default=None, help="override the workspace threshold")
    parser.add_argument("--batch", type=int, default=16, help="photos per database batch")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        url = tool_database_url(args.database)
        _connect_once(url)  # a refused connection is said first, not as a photo that failed
    except (UnusableDatabase, DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {database_error_text(exc)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    finished: list[PassFinished] = []

    def report(message: object) -> None:
        if isinstance(message, ScorerReady):
            when = f" of {message.calibrated_at:%Y-%m-%d %H:%M}" if message.calibrated_at else ""
            source = f"{message.threshold_source}{when}"
            print(f"engine {message.engine_id}, threshold {message.threshold:.3f} ({source})")
        elif isinstance(message, ScoringProgress) and message.scored and message.scored % 25 == 0:
            print(f"  {message.scored} scored of {message.total} unscored", flush=True)
        elif isinstance(message, ScorerNotice):
            print(printable(message.text))
        elif isinstance(message, PhotoFailed):
            print(f"  photo {message.photo_id} failed: {printable(message.error)}", file=sys.stderr)
        elif isinstance(message, PassFinished):
            finished.append(message)

    config = ScoringConfig(
        database_url=url,
        threshold=args.threshold,
        batch_size=args.batch,
        limit=args.limit,
        once=True,
    )
    stop = threading.Event()
    try:
        run(config, report, stop)
    except (DatabaseError, SQLAlchemyError) as exc:
        print(f"error: {database_error_text(exc)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILED
    if not finished:
        return EXIT_FAILED
    done = finished[-1]
    rate = done.scored / done.seconds if done.seconds > 0 else 0.0
    print(
        f"{done.scored} photos scored in {done.seconds:.1f} s ({rate:.2f}/s), "
        f"{done.missing} waiting for their files, {done.failed} failed"
    )
    return EXIT_OK if done.failed == 0 else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
