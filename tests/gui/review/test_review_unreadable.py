"""The spot-check review of a photo the scorer flagged UNREADABLE (issue 14, item 7): the pane says
why there is no picture, in English and in Chinese, and the officer's verdict is taken as for any
other photo — no crash, no blank pane."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.demo.photos import write_capture_photo
from app.domain.enums import PhotoFlag, SpotCheckVerdict
from app.domain.people import Scope, User
from app.persistence.orm import AuditEntryRow, SpotCheckRow
from app.persistence.repositories import OnlineStudyRepository
from app.review.services import ReviewServices
from app.review.spot_check_sampling import SamplingPolicy
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.review.review_view import ReviewView


def make_unreadable(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(random.Random(3).randbytes(5000))
    elif kind == "truncated":
        write_capture_photo(path, 101, 7, "genuine")
        whole = path.read_bytes()
        path.write_bytes(whole[: len(whole) * 2 // 5])


def flag_first_photo(services: ReviewServices, supervisor: User, kind: str) -> int:
    """The first demo capture, made unreadable and flagged as the scorer stores it, then sampled."""
    with services.database.reading() as session:
        photo = OnlineStudyRepository(session).photos_for(1)[0]
    make_unreadable(Path(photo.path), kind)
    with services.database.writing() as session:
        OnlineStudyRepository(session).save_photo_score(
            photo.id, distance=None, face_count=0, flags=[PhotoFlag.UNREADABLE]
        )
    day: date = photo.captured_at.date()
    services.sample_day(day, SamplingPolicy(random_share=0.0, seed=1), supervisor)  # flagged only
    return photo.id


def open_review(qtbot, services: ReviewServices, user: User, photo_id: int) -> ReviewView:
    view = ReviewView(services.spot_checks, SynchronousTaskRunner(), user)
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    view.start(Scope.city())
    assert view.current is not None and view.current.photo.id == photo_id
    return view


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("missing", "the photo file is missing"),
        ("empty", "the photo file is empty (0 bytes)"),
        ("garbage", "the file is not an image"),
    ],
)
def test_the_capture_pane_says_why_and_a_verdict_is_taken(
    qtbot, review_services: ReviewServices, supervisor: User, kind: str, words: str
) -> None:
    photo_id = flag_first_photo(review_services, supervisor, kind)
    view = open_review(qtbot, review_services, supervisor, photo_id)

    assert view.capture_view._image.isNull()
    assert words in view.capture_view._empty  # painted where the picture would be
    assert "Unreadable photo" in view.title.text()
    assert "could not read" in view.gauge.text()
    view.grab()  # paints without a picture

    qtbot.keyClick(view, Qt.Key.Key_F)
    qtbot.keyClick(view, Qt.Key.Key_2)  # fail: no face
    with review_services.database.reading() as session:
        check = session.scalars(select(SpotCheckRow).where(SpotCheckRow.photo_id == photo_id)).one()
        audited = session.scalars(select(AuditEntryRow.action)).all()
    assert (check.verdict, check.fail_reason) == (SpotCheckVerdict.FAIL, "no_face")
    assert "spot_check.fail" in audited
    assert view.current is None  # nothing else was flagged


@pytest.mark.qt_log_ignore("Corrupt JPEG data")  # Qt's JPEG reader says so: the test cuts the file
def test_a_truncated_capture_shows_what_decodes_and_says_it_is_cut_short(
    qtbot, review_services: ReviewServices, supervisor: User
) -> None:
    photo_id = flag_first_photo(review_services, supervisor, "truncated")
    view = open_review(qtbot, review_services, supervisor, photo_id)
    assert "damaged or cut short" in view.capture_view._caption


def test_the_reason_is_said_in_chinese(
    qtbot, chinese, review_services: ReviewServices, supervisor: User
) -> None:
    photo_id = flag_first_photo(review_services, supervisor, "empty")
    view = open_review(qtbot, review_services, supervisor, photo_id)
    assert "照片文件为空" in view.capture_view._empty
    assert "无法读取" in view.title.text()
