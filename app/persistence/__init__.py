"""Storage of the domain in SQLite (default) or PostgreSQL through SQLAlchemy 2 and Alembic.

Qt-free by contract (import-linter). Everything here blocks: call it from worker threads.
Times are naive local datetimes throughout (see column_types).

    upgrade_to_head(url)                     # at start-up; no alembic.ini needed
    database = Database(url)                 # engine + session factories
    with database.reading() as session:      # or database.writing() for changes
        workspace = WorkspaceRepository(session).load_workspace()
"""

from app.persistence.database import Database
from app.persistence.engine import create_engine_for, default_database_url, mask_url
from app.persistence.errors import DatabaseError, DatabaseLockedError, DatabaseUnavailableError
from app.persistence.health import database_health
from app.persistence.migrate import current_revision, head_revision, upgrade_to_head

__all__ = [
    "Database",
    "DatabaseError",
    "DatabaseLockedError",
    "DatabaseUnavailableError",
    "create_engine_for",
    "current_revision",
    "database_health",
    "default_database_url",
    "head_revision",
    "mask_url",
    "upgrade_to_head",
]
