"""The event journal as the officer sees it: a count in the status bar, a red bar across the window
while this workstation's disk refuses the journal, and a quit question that says what still waits."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.journal_status import JournalStatus
from tests.helpers.fakes import FixedJournal
from widgets.quit_guard import running_work


@pytest.fixture
def journal() -> FixedJournal:
    """The journal's status as the test sets it (the real journal is tested in tests/integration)."""
    return FixedJournal()


@pytest.fixture
def context(context: AppContext, journal: FixedJournal) -> AppContext:
    return dataclasses.replace(context, journal=journal)


@contextmanager
def emptied_at_the_end(journal: FixedJournal) -> Iterator[None]:
    """pytest-qt closes the windows before fixtures end: with entries waiting, closing would ask."""
    try:
        yield
    finally:
        journal.current = JournalStatus()


def test_status_bar_counts_what_waits_for_the_database(qtbot, make_window, journal: FixedJournal) -> None:
    with emptied_at_the_end(journal):
        window = make_window()
        label = window.status.journal_label
        assert label.text() == "All events stored" and label.isVisibleTo(window.status)

        oldest = datetime.now() - timedelta(minutes=7)
        journal.current = JournalStatus(
            waiting=3, oldest_at=oldest, database_problem="Cannot connect to the database server"
        )
        window.status.read_journal()
        assert label.text() == "3 event(s) waiting for the database"
        tip = label.toolTip()
        assert "3 entry(ies) waiting." in tip and "Cannot connect to the database server" in tip
        assert f"since {oldest:%H:%M:%S} (7 min)" in tip
        assert window.journal_alert.isHidden()  # waiting on the local disk is safe: no alarm

        journal.current = JournalStatus(waiting=2, stuck=1)  # the database refused one as faulty
        window.status.read_journal()
        assert label.text() == "2 event(s) waiting for the database · 1 refused as faulty"
        assert "Please report this to support." in label.toolTip()


def test_a_refusing_local_disk_is_said_across_the_window_until_it_clears(
    qtbot, make_window, journal: FixedJournal
) -> None:
    with emptied_at_the_end(journal):
        window = make_window()
        window.show()
        qtbot.waitExposed(window)
        assert not window.journal_alert.isVisible()

        journal.current = JournalStatus(waiting=2, disk_problem="No space left on device", held_in_memory=5)
        window.status.read_journal()
        assert window.journal_alert.isVisible()
        text = window.journal_alert.message.text()
        assert "No space left on device" in text and "5 event(s) are held in memory only" in text
        assert window.status.journal_label.text() == "5 event(s) not saved on this workstation"

        journal.current = JournalStatus(waiting=7)  # the disk took them: they wait for the database now
        window.status.read_journal()
        assert not window.journal_alert.isVisible()
        assert window.status.journal_label.text() == "7 event(s) waiting for the database"


def test_a_window_opened_while_the_disk_refuses_shows_the_bar_at_once(
    qtbot, make_window, journal: FixedJournal
) -> None:
    with emptied_at_the_end(journal):
        journal.current = JournalStatus(disk_problem="Read-only file system", held_in_memory=1)
        window = make_window()
        window.show()
        qtbot.waitExposed(window)
        assert window.journal_alert.isVisible()


def _answer_quit(answers: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        answers.append(f"no question but {box!r}")
        return
    answers.append(f"{box.icon().name}|{box.text()}|{box.informativeText()}")
    box.reject()  # "Keep running"


def test_quitting_with_waiting_entries_says_where_they_stay(
    qtbot, make_window, context: AppContext, journal: FixedJournal
) -> None:
    with emptied_at_the_end(journal):
        window = make_window()
        window.show()
        qtbot.waitExposed(window)
        window.confirm_quit = lambda work: pytest.fail(f"asked with nothing waiting: {work}")
        assert running_work(context) == []
        del window.confirm_quit

        journal.current = JournalStatus(waiting=4)
        assert running_work(context) == ["delivering 4 waiting event(s) to the database"]
        answers: list[str] = []
        QTimer.singleShot(50, lambda: _answer_quit(answers))
        window.close()
        assert window.isVisible()
        icon, text, informative = answers[0].split("|")
        assert icon == "Question" and "delivering 4 waiting event(s)" in text
        assert "stay on this workstation's disk" in informative

        journal.current = JournalStatus(disk_problem="No space left on device", held_in_memory=2)
        QTimer.singleShot(50, lambda: _answer_quit(answers))
        window.close()
        assert window.isVisible()
        icon, text, informative = answers[1].split("|")
        assert icon == "Warning" and "are LOST if you quit now" in informative


def test_chinese_words_for_the_journal(qtbot, make_window, journal: FixedJournal, chinese) -> None:
    with emptied_at_the_end(journal):
        journal.current = JournalStatus(waiting=12)
        window = make_window()
        assert "12" in window.status.journal_label.text()
        assert "waiting" not in window.status.journal_label.text()  # translated, not English
