"""A photo's verdict is the scorer's: judged with the parameters it recorded, or its flag when none."""

from __future__ import annotations

from datetime import datetime

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import (
    DetectorSetting,
    ThresholdSource,
    VerdictParameters,
    judge_photo,
)
from app.domain.study import CapturedPhoto

HOG = DetectorSetting("dlib-hog+sp5+resnet-v1/dlib-20.0.1/frm-0.3.0", 1, 800)
CALIBRATED = VerdictParameters(0.398, ThresholdSource.CALIBRATION, datetime(2026, 11, 20, 9, 30), "emb", HOG)
RECALIBRATED = VerdictParameters(0.45, ThresholdSource.CALIBRATION, datetime(2026, 12, 1, 8, 0), "emb")
DEFAULT = VerdictParameters(0.6, ThresholdSource.DEFAULT, None, "emb")


def photo(
    distance: float | None, flags: list[PhotoFlag], scored_with: VerdictParameters | None
) -> CapturedPhoto:
    return CapturedPhoto(
        1,
        1,
        1,
        datetime(2026, 11, 21, 20),
        "p.jpg",
        "",
        distance,
        1 if distance is not None else 0,
        flags,
        scored_with,
    )


def test_the_recorded_threshold_judges_and_agrees_with_the_flag() -> None:
    judgement = judge_photo(photo(0.53, [PhotoFlag.MISMATCH], CALIBRATED), CALIBRATED)
    assert judgement.same_person is False
    assert judgement.judged_with == CALIBRATED and not judgement.threshold_changed
    assert judgement.today_same_person is None  # today's line is the same: nothing to add
    assert judgement.marked_threshold == 0.398


def test_a_moved_threshold_is_said_beside_the_scorers_verdict() -> None:
    judgement = judge_photo(photo(0.42, [PhotoFlag.MISMATCH], CALIBRATED), RECALIBRATED)
    assert judgement.same_person is False  # the scorer's, at 0.398
    assert judgement.threshold_changed and judgement.today_same_person is True  # today's 0.45
    assert judgement.marked_threshold == 0.398


def test_without_recorded_parameters_the_flag_is_the_verdict() -> None:
    flagged = judge_photo(photo(0.53, [PhotoFlag.MISMATCH], None), DEFAULT)
    assert flagged.same_person is False  # even though today's 0.6 would pass it
    assert flagged.today_same_person is True and not flagged.threshold_changed
    unflagged = judge_photo(photo(0.53, [], None), CALIBRATED)
    assert unflagged.same_person is True and unflagged.today_same_person is False


def test_no_distance_no_verdict() -> None:
    no_face = judge_photo(photo(None, [PhotoFlag.NO_FACE], CALIBRATED), CALIBRATED)
    assert no_face.scored and no_face.same_person is None and no_face.today_same_person is None
    unscored = CapturedPhoto(1, 1, 1, datetime(2026, 11, 21, 20), "p.jpg")
    judgement = judge_photo(unscored, CALIBRATED)
    assert not judgement.scored and judgement.marked_threshold == 0.398


def test_the_record_round_trips() -> None:
    record = CALIBRATED.record()
    assert "threshold" not in record  # its own column
    assert VerdictParameters.from_record(0.398, record) == CALIBRATED
    assert VerdictParameters.from_record(0.6, DEFAULT.record()) == DEFAULT
    assert HOG.detector == "hog"
