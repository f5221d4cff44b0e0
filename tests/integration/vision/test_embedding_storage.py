"""Face embeddings in the database (revision 0003) on SQLite and PostgreSQL; enrolment → roster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import delete, inspect

from app.domain.enums import LicenceClass, Programme
from app.domain.geography import City, County, Workspace
from app.domain.people import EnrolmentPhoto, Learner
from app.persistence import Database, create_engine_for, current_revision, upgrade_to_head
from app.persistence.migrate import alembic_config
from app.persistence.orm import EnrolmentPhotoRow
from app.persistence.repositories import (
    EmbeddingRepository,
    LearnerRepository,
    StoredEmbedding,
    WorkspaceRepository,
)
from app.vision.calibration import CalibrationResult, load_threshold, save_calibration
from app.vision.face_engine import DlibFaceEngine, embedding_to_bytes
from app.vision.roster import Roster

NOW = datetime(2025, 3, 14, 9, 30)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    upgrade_to_head(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


def _learner(name: str, photos: list[str]) -> Learner:
    return Learner(
        id=0,
        name=name,
        id_number_masked="520502********123X",
        licence_class=LicenceClass.C1,
        programme=Programme.FULL_SCORE,
        county_id=1,
        photos=[EnrolmentPhoto(0, 0, path, date(2025, 1, 2)) for path in photos],
    )


@pytest.fixture
def learners(database: Database) -> list[Learner]:
    workspace = Workspace(City(1, "毕节市", "520500"), [County(1, 1, "七星关区", "520502")], [], [], [])
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
        repository = LearnerRepository(session)
        return [
            repository.add(_learner("刘洋", ["enrol/a1.jpg", "enrol/a2.jpg"])),
            repository.add(_learner("陈静", ["enrol/b1.jpg"])),
        ]


def _stored(learner: Learner, photo: EnrolmentPhoto, engine_id: str, value: float) -> StoredEmbedding:
    vector = np.full(128, value, np.float32)
    return StoredEmbedding(learner.id, photo.id, engine_id, 128, embedding_to_bytes(vector), 1, NOW)


def test_embeddings_round_trip_per_engine(database: Database, learners: list[Learner]) -> None:
    a, b = learners
    with database.writing() as session:
        repository = EmbeddingRepository(session)
        saved = repository.save(_stored(a, a.photos[0], "e1", 0.1))
        assert saved.id > 0
        repository.save(_stored(a, a.photos[1], "e1", 0.2))
        repository.save(_stored(b, b.photos[0], "e2", 0.3))
        # Saving the same (photo, engine) again replaces the vector instead of adding a row.
        repository.save(_stored(a, a.photos[0], "e1", 0.15))
    with database.reading() as session:
        repository = EmbeddingRepository(session)
        rows = repository.for_learners([a.id, b.id], "e1")
        assert [(r.learner_id, r.photo_id) for r in rows] == [(a.id, a.photos[0].id), (a.id, a.photos[1].id)]
        assert np.frombuffer(rows[0].vector, "<f4")[0] == pytest.approx(0.15)
        assert rows[0].created_at == NOW and rows[0].has_face
        assert [p[0] for p in repository.photos_missing([a.id, b.id], "e1")] == [b.photos[0].id]
        assert repository.photos_missing([a.id], "e1") == []
        assert list(repository.engines()) == ["e1", "e2"]
        roster = Roster.from_stored((r.learner_id, r.vector) for r in rows)
    assert roster.learner_ids == {a.id}
    assert roster.match(np.full(128, 0.2, np.float32), 0.6).learner_id == a.id
    with database.writing() as session:
        # Deleting a photo deletes its embeddings (derived data, never evidence).
        session.execute(delete(EnrolmentPhotoRow).where(EnrolmentPhotoRow.id == a.photos[1].id))
    with database.writing() as session:
        assert [r.photo_id for r in EmbeddingRepository(session).for_learners([a.id], "e1")] == [
            a.photos[0].id
        ]
        assert EmbeddingRepository(session).delete_for_engine("e1", keep=True) == 1  # e2's row
    with database.reading() as session:
        assert EmbeddingRepository(session).for_learners([b.id], "e2") == []


def test_the_calibrated_threshold_is_stored_per_embedding_model(database: Database) -> None:
    assert load_threshold(database, "e1") is None
    result = CalibrationResult(0.42, 0.001, 0.0, 0.01, 10, 90, (0.1, 0.4), (0.45, 0.9), 0.0, 0.43)
    save_calibration(database, "e1", result)
    assert load_threshold(database, "e1") == pytest.approx(0.42)
    assert load_threshold(database, "e2") is None


def test_enrolment_photos_are_embedded_once_and_loaded_as_a_roster(
    database: Database, learners: list[Learner], tmp_path: Path
) -> None:
    from app.demo.photos import write_enrolment_photo
    from app.vision.enrolment import ensure_enrolment_embeddings, load_roster

    a, b = learners
    write_enrolment_photo(tmp_path / "enrol" / "a1.jpg", 1234)
    write_enrolment_photo(tmp_path / "enrol" / "b1.jpg", 5678)
    (tmp_path / "enrol" / "a2.jpg").write_bytes(b"not a jpeg")
    engine = DlibFaceEngine()
    assert ensure_enrolment_embeddings(database, engine, [a.id, b.id], tmp_path) == 3
    assert ensure_enrolment_embeddings(database, engine, [a.id, b.id], tmp_path) == 0  # done once
    with database.reading() as session:
        rows = EmbeddingRepository(session).for_learners([a.id, b.id], engine.embedding_id)
    assert sorted((r.photo_id, r.has_face) for r in rows) == [
        (a.photos[0].id, True),
        (a.photos[1].id, False),
        (b.photos[0].id, True),
    ]
    roster = load_roster(database, [a.id, b.id], engine.embedding_id)
    assert roster.learner_ids == {a.id, b.id}


def test_a_missing_enrolment_photo_skips_that_photo_until_it_appears(
    database: Database, learners: list[Learner], tmp_path: Path
) -> None:
    """A photo file not there (a share briefly away) must not end the whole enrolment, nor be stored
    as "no face" for good: the others are embedded, and it is embedded once it appears."""
    from app.demo.photos import write_enrolment_photo
    from app.vision.enrolment import ensure_enrolment_embeddings

    a, b = learners
    write_enrolment_photo(tmp_path / "enrol" / "a1.jpg", 1234)
    write_enrolment_photo(tmp_path / "enrol" / "b1.jpg", 5678)  # a2.jpg is missing
    engine = DlibFaceEngine()
    assert ensure_enrolment_embeddings(database, engine, [a.id, b.id], tmp_path) == 2
    write_enrolment_photo(tmp_path / "enrol" / "a2.jpg", 4321)
    assert ensure_enrolment_embeddings(database, engine, [a.id, b.id], tmp_path) == 1
    with database.reading() as session:
        rows = EmbeddingRepository(session).for_learners([a.id], engine.embedding_id)
    assert sorted((r.photo_id, r.has_face) for r in rows) == [(a.photos[0].id, True), (a.photos[1].id, True)]


def test_migration_0003_up_and_down(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        command.upgrade(alembic_config(engine), "0003")
        assert current_revision(engine) == "0003"
        assert "face_embeddings" in inspect(engine).get_table_names()
        columns = {c["name"] for c in inspect(engine).get_columns("face_embeddings")}
        assert {"learner_id", "photo_id", "engine_id", "dim", "vector", "face_count", "created_at"} <= columns
        command.downgrade(alembic_config(engine), "0002")
        assert current_revision(engine) == "0002"
        assert "face_embeddings" not in inspect(engine).get_table_names()
        assert "recordings" in inspect(engine).get_table_names()
        command.upgrade(alembic_config(engine), "0003")
        assert "face_embeddings" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
