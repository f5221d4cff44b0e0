"""The hand-written migrations build exactly the schema the ORM describes, on SQLite and PostgreSQL."""

from __future__ import annotations

from pprint import pformat

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.persistence import Database, create_engine_for, current_revision, head_revision, upgrade_to_head
from app.persistence.migrate import alembic_config, is_at_head
from app.persistence.orm import Base


def test_empty_database_migrates_to_head(database_url: str) -> None:
    assert current_revision(database_url) is None
    assert not is_at_head(database_url)
    assert upgrade_to_head(database_url) == head_revision()
    assert is_at_head(database_url)
    # Running it again at every start-up is a no-op.
    assert upgrade_to_head(database_url) == head_revision()
    database = Database(database_url)
    try:
        info = database.info()
        assert (info.backend, info.schema_revision) == (database.backend, head_revision())
        assert info.backend in {"sqlite", "postgresql"}
    finally:
        database.dispose()


def test_migrated_schema_equals_orm_metadata(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == [], pformat(differences)
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(Base.metadata.tables)
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade_to_head(engine)
        command.downgrade(alembic_config(engine), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert current_revision(engine) is None
        upgrade_to_head(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_migration_history_is_linear() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    assert [s.revision for s in scripts.walk_revisions()][-1] == "0001"
