"""The wall tells face analysis which cameras its page shows and shows each analysed camera's rate
and faces in a badge, from the latest statuses read on its 1 s tick (no cross-thread payloads)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from datetime import datetime

from app.switched_off import AnalysisOff
from app.vision.analysis_types import AnalysisStatus
from tests.helpers.workspaces import file_workspace
from widgets.video_wall.tile_overlay import TileTexts


class FakeAnalysis(AnalysisOff):
    """What the wall uses of app.vision.live_analysis.LiveAnalysis."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.pool: object = None
        self.visible: dict[int, str] = {}
        self.latest: dict[int, AnalysisStatus] = {}

    def attach(self, pool: object) -> None:
        self.pool = pool

    def set_visible(self, streams: Mapping[int, str]) -> None:
        with self.lock:
            self.visible = dict(streams)

    def statuses(self) -> dict[int, AnalysisStatus]:
        with self.lock:
            return dict(self.latest)


def test_analysed_tiles_show_rate_and_faces(qtbot, make_wall, wall_clip, context) -> None:
    analysis = FakeAnalysis()
    analysis.latest = {2: AnalysisStatus(2, 1.0, 5, datetime.now(), 40, 0, True)}
    pane = make_wall(
        file_workspace(wall_clip, count=4), "2x2", given=dataclasses.replace(context, analysis=analysis)
    )
    assert analysis.pool is pane.pool
    pane.streams.tick()
    assert analysis.visible == {n: f"camera-{n}-sub" for n in (1, 2, 3, 4)}  # page order
    by_camera = {t.camera.id: t for t in pane.tiles}
    assert by_camera[2].analysis is not None and by_camera[1].analysis is None
    texts = TileTexts()
    assert texts.analysis_text(by_camera[2]) == "Analysis 1.0/s · 5 face(s)"
    assert texts.analysis_text(by_camera[1]) == ""
    qtbot.waitUntil(lambda: by_camera[2].analysis_badge is not None, timeout=5000)  # painted, cached
    badge = by_camera[2].analysis_badge
    analysis.latest = {2: AnalysisStatus(2, 1.0, 5, datetime.now(), 41, 0, True)}  # same text: same image
    pane.streams.tick()
    pane.canvas.repaint()
    assert by_camera[2].analysis_badge is badge
    analysis.latest = {2: AnalysisStatus(2, 0.0, 0, None, 0, 0, False)}
    pane.streams.tick()
    assert texts.analysis_text(by_camera[2]) == "Analysis starting…"
    analysis.latest = {}
    pane.streams.tick()
    assert by_camera[2].analysis is None


def test_a_tile_in_an_analysis_gap_says_analysis_is_paused(qtbot, make_wall, wall_clip, context) -> None:
    from app.domain.coverage_gaps import Subsystem
    from app.gap_recorder import GapRecorder
    from app.vision.analysis_types import with_gaps

    gaps = GapRecorder(None, "ws-wall")
    since = datetime(2026, 12, 7, 9, 14, 5)
    # Enrolment failed for the page's camera 3: no analysis service exists, the tile says so all the same.
    gaps.open(Subsystem.FACE_ANALYSIS, "enrolment failed: database or disk is full", (3,), since)
    analysis = FakeAnalysis()
    analysis.latest = with_gaps({}, gaps.open_gaps())
    pane = make_wall(
        file_workspace(wall_clip, count=4), "2x2", given=dataclasses.replace(context, analysis=analysis)
    )
    pane.streams.tick()
    by_camera = {t.camera.id: t for t in pane.tiles}
    texts = TileTexts()
    assert texts.analysis_text(by_camera[3]) == "Analysis paused since 09:14:05 · restarting"
    assert texts.analysis_text(by_camera[1]) == ""
    qtbot.waitUntil(lambda: by_camera[3].analysis_badge is not None, timeout=5000)
    for gap in gaps.open_gaps():
        gaps.close(gap.key, since)
    analysis.latest = with_gaps({3: AnalysisStatus(3, 1.0, 2, datetime.now(), 5, 0, True)}, gaps.open_gaps())
    pane.streams.tick()
    assert texts.analysis_text(by_camera[3]) == "Analysis 1.0/s · 2 face(s)"
