"""How a face photo is judged: the verdict parameters, and the judgement of one scored photo.

`VerdictParameters` is the one description of "same person or not": the distance threshold, where it
came from (the workspace's calibration of that date, dlib's default, or fixed by an operator), the
embedding model whose distances it applies to and the detector setting that found the face. The
photo scorer builds them (app/vision/calibration_store.py reads the calibration), judges each photo
with them and stores them with the score, beside the face boxes its detector found. Everything that
shows a scored photo afterwards — the spot-check review above all — judges with those stored
parameters and draws those stored boxes, so it can never contradict the scorer's flag. When the
workspace has been calibrated again since, `judge_photo` also says what today's threshold says.

Pure: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from app.domain.enums import PhotoFlag

FaceBox = tuple[int, int, int, int]  # left, top, right, bottom in the photo's own pixels
SAME_THRESHOLD = 5e-7  # thresholds closer than this are the same line (stored figures round-trip)


class ThresholdSource(StrEnum):
    CALIBRATION = "calibration"  # the workspace's calibration for the embedding model
    DEFAULT = "default"  # dlib's customary 0.6: the workspace was never calibrated
    GIVEN = "given"  # fixed by an operator (python -m app.review.score_photos --threshold)


@dataclass(frozen=True, slots=True)
class DetectorSetting:
    """Which detector found the faces, and how: the same engine and setting give the same boxes."""

    engine_id: str  # detector + landmarks + embedding with versions, e.g. "dlib-hog+sp5+resnet-v1/…"
    upsample: int  # HOG upsampling: 1 finds faces half as big
    max_side: int  # photos are scaled to at most this many pixels on the long side before detection

    @property
    def detector(self) -> str:
        """ "hog", "cnn" (or the engine's first component, for another engine)."""
        head = self.engine_id.split("+", 1)[0]
        return head.removeprefix("dlib-")


@dataclass(frozen=True, slots=True)
class VerdictParameters:
    threshold: float  # a pair is the same person when its distance is at most this
    source: ThresholdSource
    calibrated_at: datetime | None = None  # when the calibration was saved (None: not known / not one)
    embedding_id: str = ""  # the embedding space the distances (and the threshold) belong to
    detector: DetectorSetting | None = None

    def same_person(self, distance: float) -> bool:
        return distance <= self.threshold

    def judges_like(self, other: VerdictParameters) -> bool:
        """Whether `other` draws the same line (the detector aside)."""
        return abs(self.threshold - other.threshold) < SAME_THRESHOLD

    def record(self) -> dict[str, Any]:
        """Everything but the threshold, JSON-ready (the threshold has a column of its own)."""
        record: dict[str, Any] = {"source": self.source.value, "embedding_id": self.embedding_id}
        if self.calibrated_at is not None:
            record["calibrated_at"] = self.calibrated_at.isoformat(timespec="seconds")
        if self.detector is not None:
            record["engine_id"] = self.detector.engine_id
            record["upsample"] = self.detector.upsample
            record["max_side"] = self.detector.max_side
        return record

    @classmethod
    def from_record(cls, threshold: float, record: Mapping[str, Any]) -> VerdictParameters:
        try:
            source = ThresholdSource(record.get("source", ThresholdSource.GIVEN))
        except ValueError:
            source = ThresholdSource.GIVEN
        detector = None
        if "engine_id" in record:
            detector = DetectorSetting(
                str(record["engine_id"]), int(record.get("upsample", 0)), int(record.get("max_side", 0))
            )
        return cls(
            threshold=float(threshold),
            source=source,
            calibrated_at=parse_time(record.get("calibrated_at")),
            embedding_id=str(record.get("embedding_id", "")),
            detector=detector,
        )


def parse_time(value: object) -> datetime | None:
    """An ISO time written by `record()` (or a calibration); None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class PhotoJudgement:
    """What the review shows about one photo's face distance; see `judge_photo`."""

    distance: float | None
    scored: bool  # the scorer has looked at the photo
    judged_with: VerdictParameters | None  # the scorer's parameters (None: not recorded, or unscored)
    same_person: bool | None  # the scorer's verdict; None without a distance (no face, no enrolment)
    today: VerdictParameters | None  # the workspace's parameters now
    today_same_person: bool | None  # today's verdict, only when today's threshold is another line

    @property
    def threshold_changed(self) -> bool:
        """Scored under another threshold than today's."""
        return (
            self.judged_with is not None
            and self.today is not None
            and not self.judged_with.judges_like(self.today)
        )

    @property
    def marked_threshold(self) -> float | None:
        """The line the verdict was drawn with (the gauge's marker)."""
        if self.judged_with is not None:
            return self.judged_with.threshold
        return None if self.today is None else self.today.threshold


class ScoredPhoto(Protocol):
    """What a verdict reads of a photo (study.CapturedPhoto, which itself holds VerdictParameters:
    named by shape here so the two modules do not import each other)."""

    @property
    def distance(self) -> float | None: ...
    @property
    def face_count(self) -> int | None: ...
    @property
    def flags(self) -> list[PhotoFlag]: ...
    @property
    def scored_with(self) -> VerdictParameters | None: ...


def judge_photo(photo: ScoredPhoto, today: VerdictParameters | None) -> PhotoJudgement:
    """The scorer's verdict on `photo`, with the parameters it used, and today's when they differ.

    A photo scored before the parameters were recorded keeps the verdict its flags carry: MISMATCH
    is "different person", its absence "same person" — whatever today's threshold says, which is
    then given beside it.
    """
    distance = photo.distance
    scored = photo.face_count is not None or distance is not None
    recorded = photo.scored_with
    same: bool | None = None
    if distance is not None:
        if recorded is not None:
            same = recorded.same_person(distance)
        else:
            same = PhotoFlag.MISMATCH not in photo.flags
    today_same: bool | None = None
    if distance is not None and today is not None and (recorded is None or not recorded.judges_like(today)):
        today_same = today.same_person(distance)
    return PhotoJudgement(distance, scored, recorded, same, today, today_same)
