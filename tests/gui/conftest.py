"""A small hand-built AppContext for GUI tests: 2 counties, 3 sites, 5 classrooms, 4 users.

No database: the dashboard returns fixed figures and records which scope it was asked for and on
which thread, so tests can check that the window re-queries and never computes on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.context import AppContext
from app.domain.dashboard import DatabaseInfo
from app.domain.enums import Post
from app.domain.people import User
from app.i18n import build_qm
from app.settings import Settings
from app.tasks import TaskRunner
from tests.helpers.fakes import make_context
from tests.helpers.small_city import USERS, RecordingDashboard, user
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from tests.helpers.workspaces import build_workspace  # also imported from here by the GUI tests


@pytest.fixture
def dashboard() -> RecordingDashboard:
    return RecordingDashboard()


@pytest.fixture
def context(dashboard: RecordingDashboard) -> AppContext:
    return make_context(
        build_workspace(),
        list(USERS),
        database=DatabaseInfo("sqlite", "sqlite:////tmp/liangjiao/console.db", "0001_initial"),
        dashboard=dashboard,
        database_health=lambda: None,
        is_demo=True,
        workspace_title="毕节市",  # as app.bootstrap gives it; the window adds "Demo workspace"
        versions={"app": "0.1.0", "PyAV": "18.1.0", "FFmpeg": "7.1", "dlib": "20.0.1", "SQLAlchemy": "2.1.9"},
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def sync_tasks() -> SynchronousTaskRunner:
    return SynchronousTaskRunner()


@pytest.fixture
def threaded_tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner(max_threads=2)
    yield runner
    runner.shutdown()


@pytest.fixture
def make_window(qtbot, context: AppContext, settings: Settings, sync_tasks: SynchronousTaskRunner):
    """Build a MainWindow for a user (default: the supervisory post), registered with qtbot."""
    from widgets.main_window import MainWindow

    def make(
        who: User | None = None, tasks: TaskRunner | None = None, *, given: AppContext | None = None
    ) -> MainWindow:
        """`given`: a context of the test's own (the fixture's with a service replaced)."""
        window = MainWindow(given or context, settings, tasks or sync_tasks, who or user(Post.SUPERVISOR))
        qtbot.addWidget(window)
        return window

    made: Callable[..., MainWindow] = make
    return made


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The zh_CN catalogue installed for one test (built from i18n/ if its .qm is stale)."""
    translator = QTranslator()
    assert translator.load(str(build_qm("zh_CN")))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
