"""Quitting stops the console's parts in one order, newest first: the window's panes, the task
runner, the media rendering's cancel, the restart supervisor (stopping the rest is not a gap), photo
scoring and face analysis (they write), the media thread, the recorders, the stream-event writer,
the audit witness, the journal, the database."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.bootstrap import BootstrapOptions, load_console
from app.domain.enums import Post
from app.persistence import Database
from app.persistence.migrate import upgrade_to_head
from app.persistence.repositories.workspace_repository import WorkspaceRepository
from app.review.audit_witness import witness_for
from app.settings import Settings
from app.tasks import TaskRunner
from tests.helpers.event_world import create_database, workspace

ORDER = [
    "window panes",
    "task runner",
    "workspace media (cancel)",
    "restart supervisor",
    "photo scoring",
    "face analysis",
    "workspace media",
    "recording",
    "stream event writer",
    "audit witness",
    "event journal",
    "database",
]


def test_the_console_stops_in_one_order_once(qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from widgets.main_window import MainWindow

    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    create_database(url).dispose()
    loaded = load_console(BootstrapOptions(database_url=url))
    try:
        assert witness_for(loaded.database) is not None
        tasks = TaskRunner()
        loaded.shutdown_list.register("task runner", lambda: tasks.shutdown(timeout_ms=3000))
        user = next(u for u in loaded.context.users if u.post is Post.SUPERVISOR)
        window = MainWindow(loaded.context, Settings(tmp_path / "settings.ini"), tasks, user)
        qtbot.addWidget(window)
        assert loaded.shutdown_list.names == ORDER
        with caplog.at_level(logging.INFO, logger="app.shutdown_list"):
            loaded.shutdown()
            loaded.shutdown()  # the window's close, then a signal: the second does nothing
    finally:
        loaded.shutdown()
    assert _stopped(caplog) == ORDER
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert witness_for(loaded.database) is None  # the witness is released with the console
    assert window._panes_stopped


def test_a_failed_start_stops_what_it_started(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from app.bootstrap import BootstrapError

    url = f"sqlite:///{tmp_path / 'nobody.sqlite3'}"
    upgrade_to_head(url)
    database = Database(url)
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace())  # and no users: nobody can sign in
    database.dispose()
    with caplog.at_level(logging.INFO, logger="app.shutdown_list"), pytest.raises(BootstrapError):
        load_console(BootstrapOptions(database_url=url, analysis=False, record=False))
    assert _stopped(caplog) == ["database"]


def _stopped(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The steps the shutdown list logged as stopped, in order ("shutdown: <name> stopped in N ms")."""
    texts = [r.getMessage() for r in caplog.records if r.name == "app.shutdown_list"]
    return [text.split(": ", 1)[1].rsplit(" stopped in ", 1)[0] for text in texts if " stopped in " in text]
