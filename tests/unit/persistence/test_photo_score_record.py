"""A photo's score is stored with the parameters it was judged with and the faces found, and the
workspace's calibration carries its date (revision 0007 and app/vision/calibration_store.py)."""

from __future__ import annotations

from datetime import date, datetime

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import DetectorSetting, ThresholdSource, VerdictParameters
from app.domain.people import Learner
from app.domain.study import CapturedPhoto, OnlineStudyRecord
from app.persistence import Database
from app.persistence.repositories import MetaRepository, OnlineStudyRepository
from app.vision.calibration import CalibrationResult, load_threshold, save_calibration
from app.vision.calibration_store import stored_calibrations, verdict_parameters, workspace_parameters

HOG = DetectorSetting("dlib-hog+sp5+resnet-v1/x", 1, 800)


def _result(threshold: float) -> CalibrationResult:
    return CalibrationResult(threshold, 0.001, 0.0, 0.05, 30, 400, (0.1, 0.3), (0.35, 0.9), 0.01, 0.33)


def test_a_score_keeps_its_parameters_and_boxes(database: Database, saved_learners: list[Learner]) -> None:
    at = datetime(2025, 3, 10, 20, 5)
    with database.writing() as session:
        record = OnlineStudyRepository(session).add_record(
            OnlineStudyRecord(
                0,
                saved_learners[0].id,
                at,
                datetime(2025, 3, 10, 21),
                "P-1",
                [
                    CapturedPhoto(0, 0, saved_learners[0].id, at, "a.jpg"),
                    CapturedPhoto(0, 0, saved_learners[0].id, at, "b.jpg"),
                ],
            )
        )
    judged = VerdictParameters(0.398, ThresholdSource.CALIBRATION, datetime(2026, 11, 20, 9, 30), "emb", HOG)
    scored, legacy = record.photos
    with database.writing() as session:
        repository = OnlineStudyRepository(session)
        repository.save_photo_score(
            scored.id,
            distance=0.53,
            face_count=2,
            flags=[PhotoFlag.MISMATCH, PhotoFlag.MULTIPLE_FACES],
            judged_with=judged,
            face_boxes=[(10, 20, 110, 120), (300, 40, 360, 100)],
        )
        repository.save_photo_score(legacy.id, distance=0.2, face_count=1, flags=[])
    with database.reading() as session:
        loaded = OnlineStudyRepository(session).get_photo(scored.id)
        old = OnlineStudyRepository(session).get_photo(legacy.id)
    assert loaded is not None and old is not None
    assert loaded.scored_with == judged
    assert loaded.face_boxes == ((10, 20, 110, 120), (300, 40, 360, 100))
    assert (old.scored_with, old.face_boxes) == (None, None)  # nothing recorded: the review says so


def test_the_calibration_has_a_date_and_one_answer(database: Database, today: date) -> None:
    with database.reading() as session:
        never = verdict_parameters(session, "emb-a")
        assert (never.threshold, never.source) == (0.6, ThresholdSource.DEFAULT)
        assert workspace_parameters(session, None).source is ThresholdSource.DEFAULT
    save_calibration(database, "emb-a", _result(0.398), at=datetime(2026, 11, 20, 9, 30, 12, 500))
    save_calibration(database, "emb-b", _result(0.31), at=datetime(2026, 11, 25, 8, 0))
    assert load_threshold(database, "emb-a") == 0.398
    with database.reading() as session:
        calibrated = verdict_parameters(session, "emb-a", HOG)
        assert calibrated == VerdictParameters(
            0.398, ThresholdSource.CALIBRATION, datetime(2026, 11, 20, 9, 30, 12), "emb-a", HOG
        )
        assert verdict_parameters(session, "emb-a", given=0.5).source is ThresholdSource.GIVEN
        assert [c.embedding_id for c in stored_calibrations(session)] == ["emb-b", "emb-a"]
        # A photo whose embedding model is not known is read against the latest calibration.
        assert workspace_parameters(session, None).embedding_id == "emb-b"
        assert workspace_parameters(session, "emb-a").threshold == 0.398


def test_a_calibration_saved_before_dates_were_recorded_still_counts(database: Database) -> None:
    with database.writing() as session:
        MetaRepository(session).set("vision.calibration.emb-old", '{"threshold": 0.41, "target_fmr": 0.001}')
    with database.reading() as session:
        old = verdict_parameters(session, "emb-old")
    assert (old.threshold, old.source, old.calibrated_at) == (0.41, ThresholdSource.CALIBRATION, None)
