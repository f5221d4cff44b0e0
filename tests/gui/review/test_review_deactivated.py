"""A deactivated officer's verdict and decision are refused with plain words (issue 14, item 10):
the account was deactivated, nothing was approved — in English and in the zh_CN catalogue."""

from __future__ import annotations

from sqlalchemy import select, update

from app.domain.enums import SpotCheckVerdict
from app.domain.people import Scope, User
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence.orm import AuditEntryRow, SpotCheckRow, UserRow
from app.review.services import ReviewServices
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.permission_texts import refusal_text
from widgets.review import completion_words
from widgets.review.review_view import ReviewView

DEACTIVATED = PermissionDenied(Action.APPROVE, Denial.INACTIVE)


def test_the_refusal_says_the_account_was_deactivated(qapp) -> None:
    assert refusal_text(DEACTIVATED) == "Your account has been deactivated: you may not approve or reject."
    assert completion_words.refusal_text(DEACTIVATED) == (
        "Your account has been deactivated: nothing was approved or changed."
    )


def test_the_refusal_says_so_in_chinese(chinese) -> None:
    assert refusal_text(DEACTIVATED) == "您的账号已被停用，不能审批。"
    assert completion_words.refusal_text(DEACTIVATED) == "您的账号已被停用：未批准、未更改任何内容。"


def test_a_verdict_after_deactivation_is_refused_in_the_review_view(
    qtbot, review_services: ReviewServices, supervisor: User, sampled_day
) -> None:
    view = ReviewView(review_services.spot_checks, SynchronousTaskRunner(), supervisor)
    qtbot.addWidget(view)
    view.show()
    view.start(Scope.city())
    shown = view.current
    assert shown is not None
    with review_services.database.writing() as session:  # an administrator, elsewhere
        session.execute(update(UserRow).where(UserRow.id == supervisor.id).values(active=False))

    view.verdict(SpotCheckVerdict.PASS)

    assert "deactivated" in view.message.text() and "NOT saved" in view.message.text()
    assert view.current is not None and view.current.check.id == shown.check.id  # shown again
    with review_services.database.reading() as session:
        verdict = session.scalar(select(SpotCheckRow.verdict).where(SpotCheckRow.id == shown.check.id))
        audited = session.scalars(select(AuditEntryRow.action)).all()
    assert verdict is SpotCheckVerdict.PENDING
    assert not [a for a in audited if a.startswith("spot_check.") and a != "spot_check.sample"]
