"""The scoring step stores what the engine says, skips missing files, and feeds flagged photos to sampling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import select

from app.demo.workspace_seed import DemoWorkspace
from app.domain.enums import PhotoFlag
from app.domain.face_verdict import ThresholdSource, VerdictParameters
from app.domain.observation import Box
from app.persistence import Database
from app.persistence.orm import CapturedPhotoRow
from app.review.photo_scoring import score_unscored, stored_embeddings
from app.review.spot_check_sampling import photos_of_day

FAKE_LINE = VerdictParameters(0.5, ThresholdSource.GIVEN, None, "fake")


@dataclass(frozen=True)
class FakeScore:
    face_count: int
    distance: float | None
    flags: frozenset[PhotoFlag] = field(default_factory=frozenset)
    boxes: tuple[Box, ...] = (Box(4, 6, 40, 44),)
    judged_with: VerdictParameters | None = FAKE_LINE


class FakeEngine:
    def __init__(self) -> None:
        self.calls = 0

    def score_photo(self, image: np.ndarray, enrolment_embeddings: Sequence[np.ndarray]) -> FakeScore:
        self.calls += 1
        assert image.ndim == 3 and image.shape[2] == 3
        if self.calls % 2:
            return FakeScore(1, 0.31)
        return FakeScore(1, 0.82, frozenset({PhotoFlag.MISMATCH}))


def test_scores_are_stored_and_missing_files_wait(review_db: Database, demo: DemoWorkspace) -> None:
    photos = [p for r in demo.online_records for p in r.photos][:6]
    for photo in photos[:4]:  # the other two stay missing on disk
        Path(photo.path).parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(photo.path, np.full((64, 48, 3), 128, np.uint8))
    engine = FakeEngine()
    scored, missing = score_unscored(review_db, engine, stored_embeddings("fake"), limit=6)
    assert (scored, missing) == (4, 2)
    with review_db.reading() as session:
        rows = {
            row.id: row
            for row in session.scalars(
                select(CapturedPhotoRow).where(CapturedPhotoRow.id.in_([p.id for p in photos]))
            )
        }
        assert rows[photos[0].id].distance == 0.31 and rows[photos[0].id].flags == []
        stored = rows[photos[0].id].to_domain()
        assert (stored.scored_with, stored.face_boxes) == (FAKE_LINE, ((4, 6, 40, 44),))
        assert rows[photos[1].id].flags == [PhotoFlag.MISMATCH] and rows[photos[1].id].face_count == 1
        assert rows[photos[5].id].distance is None  # still unscored
        flagged = [
            p for p in photos_of_day(session, photos[1].captured_at.date()) if p.photo_id == photos[1].id
        ]
    assert flagged[0].flags == ("mismatch",)
