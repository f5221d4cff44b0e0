"""A first start of the demo: tiles whose clip is still being rendered say so and are not faults."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.context import AppContext
from app.demo.media_jobs import ClipJob
from app.demo.media_progress import DemoMediaProgress
from app.video import StreamState
from tests.helpers.workspaces import file_workspace
from widgets.status_bar import ConsoleStatusBar
from widgets.video_wall.tile_overlay import GREY, health_colour


def test_a_clip_being_rendered_is_not_a_failing_stream(
    qtbot, make_wall, wall_clip: Path, context: AppContext, sync_tasks
) -> None:
    workspace = file_workspace(wall_clip, missing={2, 3}, count=3)
    being_made = wall_clip.parent / "missing-2.mp4"  # camera 3's file is missing for good
    progress = DemoMediaProgress([ClipJob(being_made, 1)])
    reports: list[tuple[int, int, int]] = []
    pane = make_wall(workspace, "2x2", given=dataclasses.replace(context, media_in_preparation=progress))
    pane.stream_health.connect(lambda *figures: reports.append(figures))
    status = ConsoleStatusBar(context, next(iter(context.users)), sync_tasks)
    qtbot.addWidget(status)
    pane.stream_health.connect(status.set_stream_health)

    def settled() -> bool:
        return all(
            t.stats is not None and t.stats.state is not StreamState.CONNECTING for t in pane.tiles[1:3]
        )

    qtbot.waitUntil(settled, timeout=10_000)
    qtbot.waitUntil(lambda: bool(reports) and reports[-1] == (3, 1, 1), timeout=5_000)
    preparing, missing = pane.tiles[1], pane.tiles[2]
    texts = pane.canvas.texts
    assert preparing.preparing_demo and texts.state_text(preparing) == "Preparing demo video…"
    assert health_colour(preparing) == GREY  # nothing wrong with that camera
    assert not missing.preparing_demo and texts.state_text(missing) == "Waiting for media…"
    assert status.streams_label.text() == "3 stream(s) open · 1 failing · preparing demo video for 1"

    progress.finish()  # the render thread stopped without making it: now it is a fault
    qtbot.waitUntil(lambda: reports[-1] == (3, 2, 0), timeout=5_000)
    assert not preparing.preparing_demo and texts.state_text(preparing) == "Waiting for media…"
    assert status.streams_label.text() == "3 stream(s) open · 2 failing"
