"""The review view driven by keyboard: P, F + reason, S, U; failed commits bring the photo back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.enums import SpotCheckVerdict
from app.domain.people import Scope, User
from app.persistence.orm import SpotCheckRow
from app.review.services import ReviewServices
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.review.review_view import ReviewView


def verdicts(services: ReviewServices) -> dict[int, tuple[SpotCheckVerdict, str]]:
    with services.database.reading() as session:
        return {row.id: (row.verdict, row.fail_reason) for row in session.scalars(select(SpotCheckRow))}


def make_view(qtbot, services: ReviewServices, user: User) -> ReviewView:
    view = ReviewView(services.spot_checks, SynchronousTaskRunner(), user)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.start(Scope.city())
    return view


def test_keyboard_verdicts_and_undo(
    qtbot, review_services: ReviewServices, supervisor: User, sampled_day: date
) -> None:
    view = make_view(qtbot, review_services, supervisor)
    first = view.current
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_P)
    second = view.current
    assert second is not None and second.check.id != first.check.id
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.current is second  # waiting for the reason
    assert "1·" in view.hint.text()
    qtbot.keyClick(view, Qt.Key.Key_2)
    third = view.current
    assert third is not None and third.check.id not in (first.check.id, second.check.id)
    qtbot.keyClick(view, Qt.Key.Key_S)
    found = verdicts(review_services)
    assert found[first.check.id] == (SpotCheckVerdict.PASS, "")
    assert found[second.check.id] == (SpotCheckVerdict.FAIL, "no_face")
    assert found[third.check.id] == (SpotCheckVerdict.SKIPPED, "")
    qtbot.keyClick(view, Qt.Key.Key_U)
    assert view.current is not None and view.current.check.id == third.check.id
    assert verdicts(review_services)[third.check.id] == (SpotCheckVerdict.PENDING, "")
    qtbot.keyClick(view, Qt.Key.Key_F)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # no verdict after all
    assert view.current.check.id == third.check.id
    assert view.reviewed == 2
    assert review_services.verify_audit(supervisor).ok


def test_a_failed_commit_brings_the_photo_back(
    qtbot, review_services: ReviewServices, supervisor: User, sampled_day: date, monkeypatch
) -> None:
    view = make_view(qtbot, review_services, supervisor)
    first = view.current
    assert first is not None

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(review_services.spot_checks, "record_verdict", broken)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert view.current is not None and view.current.check.id == first.check.id
    assert "NOT saved" in view.message.text()
    assert verdicts(review_services)[first.check.id][0] is SpotCheckVerdict.PENDING


def test_stopping_releases_the_claims(
    qtbot, review_services: ReviewServices, supervisor: User, sampled_day: date
) -> None:
    view = make_view(qtbot, review_services, supervisor)
    assert review_services.spot_checks.held_by(supervisor)
    view.stop()
    assert review_services.spot_checks.held_by(supervisor) == []


def test_empty_queue_says_so(qtbot, review_services: ReviewServices, supervisor: User) -> None:
    view = make_view(qtbot, review_services, supervisor)
    assert view.current is None
    assert "No photos" in view.title.text()
