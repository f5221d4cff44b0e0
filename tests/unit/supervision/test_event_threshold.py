"""The event detail's threshold is the one app.vision's calibration stored (same key, same figures)."""

from __future__ import annotations

from app.persistence import Database, upgrade_to_head
from app.supervision.event_threshold import event_threshold
from app.vision.calibration import calibrate_distances, save_calibration


def test_reads_what_the_calibration_saved(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'meta.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    try:
        with database.reading() as session:
            assert event_threshold(session, "dlib-hog") is None
        result = calibrate_distances([0.2, 0.25, 0.3], [0.5, 0.55, 0.6], 0.001, engine_id="dlib-hog")
        save_calibration(database, "dlib-resnet-v1/19.24", result)
        save_calibration(database, "another-embedding", calibrate_distances([0.1], [0.9], engine_id="x"))
        with database.reading() as session:
            threshold = event_threshold(session, "dlib-hog")
            other = event_threshold(session, "unknown-engine")
    finally:
        database.dispose()
    assert threshold is not None and threshold.value == result.threshold
    assert threshold.embedding_id == "dlib-resnet-v1/19.24" and threshold.target_fmr == 0.001
    # With no calibration of the event's engine, the first by embedding id.
    assert other is not None and other.embedding_id == "another-embedding"


def test_without_a_calibration_of_the_engine_the_newest_is_read(tmp_path) -> None:
    import json

    from app.persistence.repositories import MetaRepository

    url = f"sqlite:///{tmp_path / 'meta.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    try:
        with database.writing() as session:
            meta = MetaRepository(session)
            meta.set(
                "vision.calibration.a",
                json.dumps({"threshold": 0.41, "calibrated_at": "2025-01-02T10:00:00"}),
            )
            meta.set(
                "vision.calibration.b",
                json.dumps({"threshold": 0.39, "calibrated_at": "2025-03-01T09:00:00"}),
            )
            meta.set("vision.calibration.c", json.dumps({"threshold": 0.5}))  # undated: older than any
        with database.reading() as session:
            threshold = event_threshold(session, "some-engine")
    finally:
        database.dispose()
    assert threshold is not None and (threshold.embedding_id, threshold.value) == ("b", 0.39)
    assert threshold.calibrated_on == "2025-03-01T09:00:00"
