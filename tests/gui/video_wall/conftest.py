"""Fixtures for the video wall's GUI tests: real H.264 clips made here, cameras pointing at them,
a fast-reconnecting decoder pool, and a wall pane built like the main window builds it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.context import AppContext
from app.domain.enums import Post
from app.domain.geography import Workspace
from app.domain.people import User
from app.settings import Settings
from app.tasks import TaskRunner
from app.video import DecoderPool, ReconnectPolicy
from tests.helpers.rtsp_server import make_test_clip
from tests.helpers.small_city import USERS
from tests.helpers.synchronous_tasks import SynchronousTaskRunner

FAST_POLICY = ReconnectPolicy(initial_delay=0.3, factor=2.0, max_delay=2.0, jitter=0.0, offline_after=3)


@pytest.fixture(scope="session")
def wall_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 s, 320×180, 25 fps H.264 with the frame counter drawn in (tests/helpers/rtsp_server.py)."""
    return make_test_clip(tmp_path_factory.mktemp("wall-clips") / "clip.mp4", seconds=3.0, size=(320, 180))


@pytest.fixture
def wall_pool() -> Iterator[DecoderPool]:
    pool = DecoderPool(max_streams=40, policy=FAST_POLICY, stall_timeout=4.0, watchdog_interval=0.2)
    yield pool
    assert pool.stop(timeout=15.0), "decoder threads did not finish"


@pytest.fixture
def make_wall(
    qtbot, context: AppContext, settings: Settings, wall_pool: DecoderPool
) -> Iterator[Callable[..., object]]:
    """make_wall(workspace, layout="2x2", show=True, tasks=None, user=None) → a shown VideoWallPane on
    the test's pool (tasks: a synchronous runner, user: the supervisory post, unless given)."""
    from widgets.panes.video_wall_pane import VideoWallPane

    made: list[VideoWallPane] = []

    def make(
        workspace: Workspace,
        layout: str = "2x2",
        *,
        show: bool = True,
        size: tuple[int, int] = (800, 500),
        tasks: TaskRunner | None = None,
        user: User | None = None,
        given: AppContext | None = None,
    ):
        wall_context = dataclasses.replace(given or context, workspace=workspace)
        user = user or next(u for u in USERS if u.post is Post.SUPERVISOR)
        pane = VideoWallPane(wall_context, settings, tasks or SynchronousTaskRunner(), user, pool=wall_pool)
        qtbot.addWidget(pane)
        made.append(pane)
        pane.resize(*size)
        pane.set_layout(layout)
        from app.domain.people import Scope

        pane.set_scope(Scope.city())
        if show:
            pane.show()
            qtbot.waitExposed(pane)
            qtbot.waitUntil(lambda: pane.tiles_opening() == 0, timeout=5000)  # one tile per turn
        return pane

    yield make
    for pane in made:
        pane.stop()
