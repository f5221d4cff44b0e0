"""The first paint of a full wall does not lay out every tile's band at once (a GUI stall); the
bands still all appear, without anything else asking for a repaint."""

from __future__ import annotations

import pytest

from app.domain.geography import Camera
from app.video.wall_layout import LAYOUTS
from widgets.video_wall import wall_canvas
from widgets.video_wall.tile import Tile
from widgets.video_wall.wall_canvas import WallCanvas


def named_tiles(count: int) -> list[Tile]:
    return [
        Tile(index, camera=Camera(index + 1, 1, f"前方{index}", f"rtsp://x/{index}"), place="县 · 站 · 教室")
        for index in range(count)
    ]


def with_band(tiles: list[Tile]) -> int:
    return sum(tile.overlay is not None for tile in tiles)


def test_an_exhausted_budget_defers_the_remaining_bands_to_later_paints(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(wall_canvas, "BAND_BUDGET_S", 0.0)  # every paint is over budget at once
    canvas = WallCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(960, 540)
    tiles = named_tiles(16)
    canvas.set_tiles(LAYOUTS["4x4"], tiles)
    canvas.grab()  # one paint
    assert with_band(tiles) == 1  # a paint renders at least one band, and past the budget no more
    canvas.grab()
    assert with_band(tiles) == 2
    with qtbot.waitExposed(canvas):
        canvas.show()
    qtbot.waitUntil(lambda: with_band(tiles) == len(tiles), timeout=5000)


@pytest.mark.parametrize("budget", [0.0, 10.0])
def test_bands_follow_a_resize_within_and_over_the_budget(qtbot, monkeypatch, budget) -> None:
    monkeypatch.setattr(wall_canvas, "BAND_BUDGET_S", budget)
    canvas = WallCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(960, 540)
    tiles = named_tiles(4)
    canvas.set_tiles(LAYOUTS["2x2"], tiles)
    with qtbot.waitExposed(canvas):
        canvas.show()
    qtbot.waitUntil(lambda: with_band(tiles) == len(tiles), timeout=5000)
    canvas.resize(1280, 720)
    qtbot.waitUntil(
        lambda: all(t.overlay is not None and t.overlay.width() == t.rect.width() for t in tiles),
        timeout=5000,
    )
