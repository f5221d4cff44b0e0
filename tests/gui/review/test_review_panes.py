"""The completions pane (keyboard approve/reject, batch, failure keeps state, exports) and the audit pane."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.context import AppContext
from app.demo.workspace_seed import DemoWorkspace
from app.domain.enums import CompletionState, Post
from app.domain.people import User
from app.persistence.orm import AuditEntryRow, CompletionRow
from app.review.audit_chain import ChainProblem, ChainReport, ProblemKind
from app.review.completion_service import CompletionCandidate
from app.review.services import ReviewServices
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.panes.audit_pane import AuditPane
from widgets.panes.completions_pane import CompletionsPane
from widgets.panes.spot_check_pane import SpotCheckPane
from widgets.review.completion_table_model import COLUMNS


def states(services: ReviewServices) -> dict[int, CompletionState]:
    with services.database.reading() as session:
        return {row.id: row.state for row in session.scalars(select(CompletionRow))}


def make_pane(qtbot, context: AppContext, user: User) -> CompletionsPane:
    pane = CompletionsPane(context, SynchronousTaskRunner(), user)
    qtbot.addWidget(pane)
    pane.show()
    pane.set_scope(user.scope)
    pane.confirm_approval = lambda candidate: True  # type: ignore[method-assign]  # asked: see test_completions_pane
    return pane


def test_keyboard_approve_and_reject(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor)
    assert pane.model.rowCount() == 10
    first = pane.current()
    assert first is not None
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert pane.model.rowCount() == 9
    second = pane.current()
    assert second is not None and second.completion.id != first.completion.id
    monkeypatch.setattr(pane, "ask_reason", lambda candidate: "网络学习抽查照片非本人")
    qtbot.keyClick(pane.table, Qt.Key.Key_R)
    assert pane.model.rowCount() == 8
    assert isinstance(review_context.review, ReviewServices)
    found = states(review_context.review)
    assert found[first.completion.id] is CompletionState.APPROVED
    assert found[second.completion.id] is CompletionState.REJECTED


def test_failed_commit_keeps_the_row_and_says_so(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor)
    assert isinstance(review_context.review, ReviewServices)
    errors: list[str] = []
    monkeypatch.setattr(pane, "show_error", errors.append)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("database is locked")

    monkeypatch.setattr(review_context.review.completions, "decide", broken)
    before = pane.current()
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert pane.model.rowCount() == 10 and pane.current() == before
    assert errors and "NOT saved" in errors[0]
    assert pane.model.data(pane.model.index(0, COLUMNS.index("status"))) != "Saving…"


def test_batch_approval_confirms_how_many_and_which(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor)
    asked: list[list[str]] = []

    def confirm_batch(clean: list[CompletionCandidate]) -> bool:
        asked.append([c.learner_name for c in clean])
        return True

    monkeypatch.setattr(pane, "confirm_batch", confirm_batch)
    qtbot.keyClick(
        pane.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(asked) == 1 and len(asked[0]) == 10
    assert pane.model.rowCount() == 0
    assert isinstance(review_context.review, ReviewServices)
    assert list(states(review_context.review).values()).count(CompletionState.APPROVED) >= 10


def test_read_only_posts_cannot_decide(qtbot, review_context: AppContext, demo: DemoWorkspace) -> None:
    duty = next(u for u in demo.users if u.post is Post.DUTY_MANAGER)
    pane = make_pane(qtbot, review_context, duty)
    assert pane.model.rowCount() == 10  # reads the evidence
    assert not pane.approve_button.isEnabled()
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert pane.model.rowCount() == 10
    spot = SpotCheckPane(review_context, SynchronousTaskRunner(), duty)
    qtbot.addWidget(spot)
    assert not spot.start_button.isEnabled()


def test_exports(qtbot, review_context: AppContext, supervisor: User, tmp_path: Path, monkeypatch) -> None:
    pane = make_pane(qtbot, review_context, supervisor)
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    targets = iter([tmp_path / "evidence.html", tmp_path / "evidence.pdf", tmp_path / "day.csv"])
    monkeypatch.setattr(pane, "ask_path", lambda suggestion, filters: next(targets))
    pane.export_evidence()
    pane.export_evidence()
    pane.export_day_csv()
    html = (tmp_path / "evidence.html").read_text(encoding="utf-8")
    current = pane.current()
    assert "<h1>" in html and current is not None and current.learner_name in html
    assert (tmp_path / "evidence.pdf").read_bytes().startswith(b"%PDF")
    lines = (tmp_path / "day.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("completion_id") and len(lines) == 2 and ",approved," in lines[1]
    assert date.today().isoformat() in lines[1]


def test_audit_pane_lists_and_verifies(qtbot, review_context: AppContext, supervisor: User) -> None:
    services = review_context.review
    assert isinstance(services, ReviewServices)
    for n in range(3):
        services.audit(supervisor.id, "login", f"user:{supervisor.id}", {"n": n})
    pane = AuditPane(review_context, SynchronousTaskRunner(), supervisor)
    qtbot.addWidget(pane)
    pane.show()
    assert pane.table.rowCount() == 3
    # Actions and subjects read as words, not as the stored codes.
    action, subject = pane.table.item(0, 3), pane.table.item(0, 4)
    assert action is not None and action.text() == "Signed in"
    assert subject is not None and subject.text() == f"User #{supervisor.id}"
    pane.verify()
    assert "intact" in pane.status.text()
    with services.database.writing() as session:
        session.execute(update(AuditEntryRow).where(AuditEntryRow.id == 2).values(detail="{}"))
    pane.verify()
    assert "BROKEN" in pane.status.text() and "#2" in pane.status.text()
    acceptance = next(u for u in review_context.users if u.post is Post.ACCEPTANCE)
    hidden = AuditPane(review_context, SynchronousTaskRunner(), acceptance)
    qtbot.addWidget(hidden)
    assert not hidden.verify_button.isEnabled()


def test_audit_pane_words_every_kind_of_problem(qtbot, review_context: AppContext, supervisor: User) -> None:
    pane = AuditPane(review_context, SynchronousTaskRunner(), supervisor)
    qtbot.addWidget(pane)
    problems = [ChainProblem(kind, n, "") for n, kind in enumerate(ProblemKind, start=10)]
    pane._verified(ChainReport(checked=20, last_id=20, problems=problems))
    text = pane.status.text()
    assert "BROKEN" in text and all(f"#{n}" in text for n in range(10, 10 + len(ProblemKind)))
    assert "record of #13 was altered" in text  # the workstation's witness (a keyed line failed)


def test_audit_pane_says_what_the_witness_could_not_check(
    qtbot, review_context: AppContext, supervisor: User
) -> None:
    """Issue 14, item 9: without a keyring the witness lines were compared unverified, silently."""
    pane = AuditPane(review_context, SynchronousTaskRunner(), supervisor)
    qtbot.addWidget(pane)
    pane._verified(ChainReport(checked=5, last_id=5, witnessed=5, witness_unverified=5))
    assert "5 of this workstation's witness lines could not be verified" in pane.status.text()
    pane._verified(ChainReport(checked=5, last_id=5, witness_missing=True))
    assert "witness file is MISSING" in pane.status.text()
    pane._verified(ChainReport(checked=5, last_id=5, witnessed=5))
    assert pane.status.text().endswith("5 entries compared with this workstation's witness.")


def test_sign_in_is_audited(review_services: ReviewServices, supervisor: User) -> None:
    review_services.record_login(supervisor)
    with review_services.database.reading() as session:
        row = session.scalars(select(AuditEntryRow)).one()
    assert (row.action, row.subject, row.actor_id) == ("login", f"user:{supervisor.id}", supervisor.id)
