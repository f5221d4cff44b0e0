"""Opening the demo workspace: created on first start, rebuilt when its day has passed.

The demo's class sessions are "today's"; a demo database made yesterday would show an empty
timetable. Nothing in it is real, so an out-of-date demo file is replaced rather than patched.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url

from app.demo.media_jobs import MediaJob
from app.demo.workspace_seed import GENERATOR_VERSION, build_demo_workspace, ensure_demo_database
from app.persistence import Database, DatabaseError
from app.persistence.repositories.meta_repository import MetaRepository

log = logging.getLogger(__name__)


def _demo_is_current(url: str, today: date) -> bool:
    database = Database(url)
    try:
        with database.reading() as session:
            meta = MetaRepository(session)
            return meta.get("demo.today") == today.isoformat() and (
                meta.get("demo.generator_version") == GENERATOR_VERSION
            )
    except DatabaseError:
        return False
    finally:
        database.dispose()


def _remove_sqlite_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        candidate.unlink(missing_ok=True)


def prepare_demo(url: str, media_dir: Path, seed: int, today: date) -> list[MediaJob]:
    """Make sure `url` holds today's demo workspace; return the media it needs rendered. Blocking."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        if path.exists() and not _demo_is_current(url, today):
            log.info("the demo workspace at %s is from another day or generator: rebuilding it", path)
            _remove_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    created = ensure_demo_database(url, media_dir, seed, today)
    log.info("demo workspace %s", "created" if created else "opened")
    return list(build_demo_workspace(seed, today, media_dir).media_jobs)
