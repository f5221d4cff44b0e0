"""Schema migrations run from code: no alembic.ini is needed when the console starts.

The Alembic scripts live inside this package (app/persistence/migrations), so they travel with
the application, including in the PyInstaller build (which must collect them as data files).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Engine

from app.persistence.engine import create_engine_for

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic Config built in code; with `engine`, env.py migrates through it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def _with_engine(engine_or_url: Engine | str | URL) -> tuple[Engine, bool]:
    """The engine to use and whether we created it (and so must dispose of it)."""
    if isinstance(engine_or_url, Engine):
        return engine_or_url, False
    return create_engine_for(engine_or_url), True


def upgrade_to_head(engine_or_url: Engine | str | URL) -> str:
    """Bring the schema to the newest revision; returns that revision. Safe to call every start-up."""
    engine, owned = _with_engine(engine_or_url)
    try:
        command.upgrade(alembic_config(engine), "head")
        return current_revision(engine) or ""
    finally:
        if owned:
            engine.dispose()


def current_revision(engine_or_url: Engine | str | URL) -> str | None:
    """The schema revision stored in the database, or None for a database never migrated."""
    engine, owned = _with_engine(engine_or_url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if owned:
            engine.dispose()


def is_at_head(engine_or_url: Engine | str | URL) -> bool:
    return current_revision(engine_or_url) == head_revision()
