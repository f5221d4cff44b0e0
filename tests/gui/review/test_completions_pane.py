"""The Completions pane (issue 13, items 2 and 8): a refused batch approval is shown to the officer,
the list follows new events and decisions without losing the selection, A asks naming the learner,
masked ID and class, and the supervisory post reverses a decision with a reason."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.context import AppContext
from app.demo.workspace_seed import DemoWorkspace
from app.domain.casework import Event
from app.domain.enums import CompletionState, EventKind, EventState, Post, Programme, Severity
from app.domain.people import User
from app.persistence.orm import AuditEntryRow, CompletionRow
from app.persistence.repositories import EventRepository
from app.review.completion_service import CompletionCandidate
from app.review.services import ReviewServices
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.panes.completions_pane import CompletionsPane

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MASKED = re.compile(r"^\d{6}\*{8}[\dX]{4}$")


def services_of(context: AppContext) -> ReviewServices:
    assert isinstance(context.review, ReviewServices)  # the real services over the demo database
    return context.review


def states(context: AppContext) -> dict[int, CompletionState]:
    with services_of(context).database.reading() as session:
        return {row.id: row.state for row in session.scalars(select(CompletionRow))}


def add_face_mismatch(context: AppContext, learner_id: int, state: EventState = EventState.NEW) -> int:
    with services_of(context).database.writing() as session:
        event = EventRepository(session).add(
            Event(
                0,
                EventKind.FACE_MISMATCH,
                Severity.HIGH,
                state,
                datetime(2025, 3, 12, 9),
                learner_ids=[learner_id],
            )
        )
    return event.id


def column(pane: CompletionsPane, row: int, name: str) -> str:
    from widgets.review.completion_table_model import COLUMNS

    return str(pane.model.data(pane.model.index(row, COLUMNS.index(name))))


def make_pane(qtbot, context: AppContext, user: User, monkeypatch, poll_ms: int = 60_000) -> CompletionsPane:
    monkeypatch.setattr(CompletionsPane, "POLL_MS", poll_ms, raising=False)
    pane = CompletionsPane(context, SynchronousTaskRunner(), user)
    qtbot.addWidget(pane)
    pane.resize(1400, 600)
    pane.show()
    pane.set_scope(user.scope)
    qtbot.wait(20)  # the refresh the pane asks for when shown
    return pane


def test_a_refused_batch_approval_is_shown_to_the_officer(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch)
    assert pane.model.rowCount() == 10
    approved_before = list(states(review_context).values()).count(CompletionState.APPROVED)
    target = pane.model.candidate(3)
    assert target.evidence.clean  # as the officer saw it…
    event_id = add_face_mismatch(review_context, target.completion.learner_id)  # …until this arrived
    asked: list[int] = []
    errors: list[str] = []

    def confirm_batch(clean: list[CompletionCandidate]) -> bool:
        asked.append(len(clean))
        return True

    monkeypatch.setattr(pane, "confirm_batch", confirm_batch)
    monkeypatch.setattr(pane, "show_error", errors.append)

    qtbot.keyClick(pane.table, Qt.Key.Key_A, CTRL_SHIFT)

    assert asked == [10]  # the list had not refreshed: the service is what refuses
    found = states(review_context)
    assert found[target.completion.id] is CompletionState.PENDING
    assert list(found.values()).count(CompletionState.APPROVED) == approved_before + 9
    assert len(errors) == 1
    assert "9 approved and saved." in errors[0] and "1 NOT approved" in errors[0]
    assert target.learner_name in errors[0] and target.id_number_masked in errors[0]
    assert f"event #{event_id}" in errors[0]
    assert pane.model.rowCount() == 1 and pane.model.candidate(0).completion.id == target.completion.id
    assert column(pane, 0, "status") == "On hold: Face mismatch not yet triaged"


def test_the_list_follows_new_events_and_decisions_keeping_the_selection(
    qtbot, review_context: AppContext, supervisor: User, demo: DemoWorkspace, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch, poll_ms=100)
    pane.table.selectRow(5)
    selected = pane.model.candidate(5).completion.id
    blocked = pane.model.candidate(2)
    assert column(pane, 2, "status") == "Clean"
    add_face_mismatch(review_context, blocked.completion.learner_id, EventState.CONFIRMED)

    qtbot.waitUntil(lambda: column(pane, 2, "status") != "Clean", timeout=5000)

    assert column(pane, 2, "status") == "Void: Substitution confirmed (替学)"
    assert "1 blocked" in pane.status.text()
    current = pane.current()
    assert current is not None and current.completion.id == selected
    # Another officer decides the first request: it leaves the list, the selection stays put.
    first = pane.model.candidate(0)
    manager = next(
        u for u in demo.users if u.post is Post.COUNTY_MANAGER and u.scope.county_id == first.county_id
    )
    services_of(review_context).completions.decide(manager, first.completion.id, approve=True)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 9, timeout=5000)
    current = pane.current()
    assert current is not None and current.completion.id == selected


def test_a_asks_naming_the_learner_masked_id_and_class(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch)
    asked: list[CompletionCandidate] = []
    answers = iter([False, True])

    def confirm_approval(candidate: CompletionCandidate) -> bool:
        asked.append(candidate)
        return next(answers)

    monkeypatch.setattr(pane, "confirm_approval", confirm_approval)
    first = pane.current()
    assert first is not None
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert [c.completion.id for c in asked] == [first.completion.id]
    assert states(review_context)[first.completion.id] is CompletionState.PENDING  # "No" approves nothing
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert states(review_context)[first.completion.id] is CompletionState.APPROVED

    from widgets.review.completion_dialogs import approval_question

    text = approval_question(first)
    assert first.learner_name in text and first.id_number_masked in text
    assert first.licence_class.value in text


def test_columns_show_the_masked_id_and_the_class_with_its_required_days(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch)
    seen = set()
    for row in range(pane.model.rowCount()):
        candidate = pane.model.candidate(row)
        assert MASKED.match(column(pane, row, "id_number"))
        licence = column(pane, row, "licence")
        if candidate.completion.programme is Programme.REVIEW:
            expected = f"{candidate.licence_class.value} · 3 h"
        else:
            expected = f"{candidate.licence_class.value} · {30 if candidate.licence_class.is_heavy else 7} d"
        assert licence == expected
        seen.add(licence)
    assert any(text.endswith(" d") for text in seen) and any(text.endswith(" h") for text in seen)


def test_a_blocked_row_is_refused_at_once_without_asking(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch)
    target = pane.current()
    assert target is not None
    add_face_mismatch(review_context, target.completion.learner_id)
    pane.poll()
    assert column(pane, 0, "status").startswith("On hold")
    errors: list[str] = []
    monkeypatch.setattr(pane, "show_error", errors.append)
    monkeypatch.setattr(pane, "confirm_approval", lambda candidate: pytest.fail("must not ask"))
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    assert len(errors) == 1 and "cannot be approved" in errors[0] and target.id_number_masked in errors[0]
    assert states(review_context)[target.completion.id] is CompletionState.PENDING


def test_the_supervisor_reverses_a_decision_with_a_reason(
    qtbot, review_context: AppContext, supervisor: User, monkeypatch
) -> None:
    pane = make_pane(qtbot, review_context, supervisor, monkeypatch)
    monkeypatch.setattr(pane, "confirm_approval", lambda candidate: True)
    approved = pane.current()
    assert approved is not None
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    pane.list.tabs.setCurrentIndex(1)
    assert pane.reverse_button.isVisible() and pane.reverse_button.isEnabled()
    assert not pane.approve_button.isVisible()
    row = pane.model.row_of(approved.completion.id)
    assert row == 0  # newest decision first
    assert column(pane, row, "status") == "Approved · now: Clean"
    pane.table.selectRow(row)
    monkeypatch.setattr(pane, "ask_reversal_reason", lambda candidate: "")
    pane.reverse_current()
    assert states(review_context)[approved.completion.id] is CompletionState.APPROVED
    assert "reason is required" in pane.status.text()
    monkeypatch.setattr(pane, "ask_reversal_reason", lambda candidate: "批准时替学事件尚未处理")
    pane.reverse_current()
    assert states(review_context)[approved.completion.id] is CompletionState.PENDING
    assert pane.model.row_of(approved.completion.id) == -1
    with services_of(review_context).database.reading() as session:
        last = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id.desc()).limit(1)).one()
    assert last.action == "completion.reversed" and "批准时替学事件尚未处理" in last.detail


def test_a_county_manager_cannot_reverse(
    qtbot, review_context: AppContext, demo: DemoWorkspace, monkeypatch
) -> None:
    manager = next(u for u in demo.users if u.post is Post.COUNTY_MANAGER)
    pane = make_pane(qtbot, review_context, manager, monkeypatch)
    pane.list.clock = lambda: datetime(2025, 3, 14, 18)  # the demo's decisions are of its own days
    pane.list.tabs.setCurrentIndex(1)
    assert pane.reverse_button.isVisible() and not pane.reverse_button.isEnabled()
    assert pane.model.rowCount() > 0  # the county's decisions are shown to read
    errors: list[str] = []
    monkeypatch.setattr(pane, "show_error", errors.append)
    monkeypatch.setattr(pane, "ask_reversal_reason", lambda candidate: "试图撤销")
    decided = pane.current()
    assert decided is not None
    before = states(review_context)[decided.completion.id]
    pane.reverse_current()  # the button is grey; the service refuses anyway
    assert errors == ["Your post may not do this: nothing was changed."]
    assert states(review_context)[decided.completion.id] is before


def test_the_live_counter_asks_at_once(qtbot) -> None:
    """This console's analysis storing an event (its counter moving) asks before the next interval."""
    from PySide6.QtCore import QObject

    from widgets.review.live_refresh import LiveRefresh

    owner = QObject()
    stored = [3]
    polls: list[int] = []
    live = LiveRefresh(
        owner, lambda: polls.append(stored[0]), lambda: stored[0], interval_ms=60_000, live_ms=20
    )
    live.start()
    live.asked()
    qtbot.wait(100)
    assert polls == []  # nothing new since the last question
    stored[0] = 4
    qtbot.waitUntil(lambda: polls == [4], timeout=2000)
    live.stop()
