"""The review view judges and draws faces exactly as the photo scorer did (issue 13, item 1).

Reported on the demo: a capture flagged MISMATCH by the scorer (workspace threshold 0.398) read
"face distance 0.53, threshold 0.60: same person" in the review view, and a photo flagged NO_FACE
showed a face box that OpenCV's Haar cascade (not the scorer's dlib HOG) had found.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.demo.photos import write_capture_photo
from app.domain.enums import PhotoFlag
from app.domain.people import Scope, User
from app.persistence.repositories import MetaRepository, OnlineStudyRepository
from app.review.services import ReviewServices
from app.review.spot_check_sampling import SamplingPolicy
from app.tasks import SynchronousTaskRunner
from widgets.review.review_view import ReviewView

EMBEDDING = "dlib-resnet-v1+sp5/test"
# A demo capture with a clear face that dlib's HOG (upsample 1, photos ≤ 800 px: the scorer's
# setting) does not find, while OpenCV's frontal-face cascade does: the "no_face with a box" photo.
HOG_MISSES_THIS_FACE = (551886181, 878748454)


def calibrate_workspace(services: ReviewServices, threshold: float, at: str) -> None:
    """What a saved calibration leaves in workspace_meta (app.vision.calibration.save_calibration)."""
    figures = {"threshold": threshold, "target_fmr": 0.001, "calibrated_at": at}
    with services.database.writing() as session:
        MetaRepository(session).set(f"vision.calibration.{EMBEDDING}", json.dumps(figures))


def first_photo_of(services: ReviewServices) -> tuple[int, date]:
    with services.database.reading() as session:
        photos = OnlineStudyRepository(session).photos_for(1)
    return photos[0].id, photos[0].captured_at.date()


def review_until(qtbot, services: ReviewServices, user: User, photo_id: int) -> ReviewView:
    view = ReviewView(services.spot_checks, SynchronousTaskRunner(), user)
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    view.start(Scope.city())
    for _ in range(400):  # skip (S) until the photo under test is on screen
        assert view.current is not None, "the photo under test never came up for review"
        if view.current.photo.id == photo_id:
            return view
        view.verdict(view.current.check.verdict.SKIPPED)
    raise AssertionError("the photo under test never came up for review")


def test_a_mismatch_flag_is_not_contradicted_by_dlibs_default_threshold(
    qtbot, review_services: ReviewServices, supervisor: User
) -> None:
    calibrate_workspace(review_services, 0.398, "2026-11-20T09:30:00")
    photo_id, day = first_photo_of(review_services)
    with review_services.database.writing() as session:
        OnlineStudyRepository(session).save_photo_score(
            photo_id, distance=0.53, face_count=1, flags=[PhotoFlag.MISMATCH]
        )
    review_services.sample_day(day, SamplingPolicy(random_share=1.0, seed=1), supervisor)

    view = review_until(qtbot, review_services, supervisor, photo_id)

    text = view.gauge._text  # what the gauge paints
    assert "same person" not in text, text
    assert "different person" in text
    assert "0.398" in text and "2026-11-20" in text
    assert "0.60" not in text.replace("0.600", "")  # dlib's default plays no part here


def test_a_no_face_photo_gets_no_box_from_another_detector(
    qtbot, review_services: ReviewServices, supervisor: User
) -> None:
    pytest.importorskip("dlib", reason="the photo scorer needs dlib (dlib-bin)")
    from app.review.photo_scoring import score_unscored, stored_embeddings
    from app.vision.face_engine import DlibFaceEngine
    from app.vision.photo_quality import PhotoScorer

    photo_id, day = first_photo_of(review_services)
    with review_services.database.reading() as session:
        photo = OnlineStudyRepository(session).get_photo(photo_id)
    assert photo is not None
    write_capture_photo(Path(photo.path), *HOG_MISSES_THIS_FACE, "genuine")
    engine = DlibFaceEngine()
    # Every other photo's file is missing, so only this one is scored (the rest wait for their files).
    scored, _missing = score_unscored(
        review_services.database, PhotoScorer(engine), stored_embeddings(engine.embedding_id), limit=5000
    )
    assert scored == 1
    with review_services.database.reading() as session:
        stored = OnlineStudyRepository(session).get_photo(photo_id)
    assert stored is not None
    assert stored.flags == [PhotoFlag.NO_FACE], "premise: the scorer's HOG misses this face"
    review_services.sample_day(day, SamplingPolicy(random_share=1.0, seed=1), supervisor)

    view = review_until(qtbot, review_services, supervisor, photo_id)

    assert view.capture_view._boxes == []  # what the view paints
    assert "no face" in view.capture_view._caption.lower()
