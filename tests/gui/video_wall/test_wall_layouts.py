"""Layouts, pages, the tour, named layouts and the scope: the arrangement and the pane around it."""

from __future__ import annotations

import json

import pytest

from app.domain.enums import ScopeLevel
from app.domain.people import Scope
from app.video.wall_layout import LAYOUTS, WallArrangement, layout_for


@pytest.mark.parametrize(
    ("key", "tiles"),
    [("1", 1), ("2x2", 4), ("3x3", 9), ("4x4", 16), ("5x5", 25), ("6x6", 36), ("1+5", 6), ("1+7", 8)],
)
def test_layouts_tile_the_area_without_overlap(key: str, tiles: int) -> None:
    layout = layout_for(key)
    assert layout.tile_count == tiles
    rects = layout.rects(1000, 600, gap=2)
    area = sum(w * h for _x, _y, w, h in rects)
    assert 0.95 * 1000 * 600 < area <= 1000 * 600
    for i, (x, y, w, h) in enumerate(rects):
        assert x >= 0 and y >= 0 and x + w <= 1000 and y + h <= 600
        for x2, y2, w2, h2 in rects[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, f"{key}: tiles overlap"


def test_one_plus_layouts_have_one_big_tile() -> None:
    for key in ("1+5", "1+7"):
        rects = LAYOUTS[key].rects(900, 900, gap=0)
        big = rects[0][2] * rects[0][3]
        assert all(big >= 4 * w * h for _x, _y, w, h in rects[1:])


def test_paging_and_layout_change_keep_the_order() -> None:
    wall = WallArrangement(layout_for("2x2"), list(range(1, 11)))
    assert wall.page_count == 3
    assert wall.visible() == [1, 2, 3, 4]
    wall.next_page()
    wall.next_page()
    assert wall.visible() == [9, 10, None, None]
    wall.next_page()
    assert wall.page == 0  # wraps, as a tour does
    wall.go_to_page(1)
    wall.set_layout(layout_for("3x3"))  # page 2 of 2x2 starts at camera 5: on page 1 of 3x3
    assert wall.page == 0 and wall.visible()[4] == 5
    wall.set_layout(layout_for("1"))
    assert wall.page_count == 10


def test_drop_swaps_instead_of_duplicating() -> None:
    wall = WallArrangement(layout_for("2x2"), [1, 2, 3, 4, 5])
    wall.place(0, [5])
    assert wall.cameras == [5, 2, 3, 4, 1]
    wall.place(2, [7, 8])  # a classroom with two cameras fills two tiles
    assert wall.visible() == [5, 2, 7, 8]
    assert sorted(c for c in wall.cameras if c) == [1, 2, 5, 7, 8]  # 3 and 4 gave way, no duplicates


def test_json_round_trip_drops_unknown_cameras() -> None:
    wall = WallArrangement(layout_for("1+5"), [1, None, 3, 99])
    wall.page = 0
    again = WallArrangement.from_json(wall.to_json(), known_cameras={1, 3})
    assert again.layout.key == "1+5" and again.cameras == [1, None, 3, None]


def test_pane_follows_scope_pages_and_tours(qtbot, make_wall, wall_clip) -> None:
    from tests.helpers.workspaces import file_workspace

    pane = make_wall(file_workspace(wall_clip, count=7), "2x2", show=False)
    assert pane.arrangement.page_count == 2
    assert [t.camera.id for t in pane.tiles if t.camera] == [1, 2, 3, 4]
    pane.next_page()
    assert [t.camera.id if t.camera else None for t in pane.tiles] == [5, 6, 7, None]
    assert pane.toolbar.page_label.text() == "Page 2 of 2"
    # Classroom 1004 (大方县交警中队 学习室) holds cameras 4 in this workspace.
    pane.set_scope(Scope(ScopeLevel.SITE, 12, 103, 1004))
    assert [t.camera.id for t in pane.tiles if t.camera] == [4]
    pane.set_scope(Scope.city())
    pane._tour.setInterval(50)
    pane.set_tour(True)
    qtbot.waitUntil(lambda: pane.arrangement.page == 1, timeout=2000)
    qtbot.waitUntil(lambda: pane.arrangement.page == 0, timeout=2000)
    pane.set_tour(False)
    for key in LAYOUTS:
        pane.set_layout(key)
        assert len(pane.tiles) == LAYOUTS[key].tile_count
        assert len(pane.canvas.visible_tiles()) == LAYOUTS[key].tile_count


def test_named_layouts_are_saved_per_user_and_restored(qtbot, make_wall, wall_clip, settings) -> None:
    from tests.helpers.workspaces import file_workspace

    pane = make_wall(file_workspace(wall_clip), "3x3", show=False)
    pane.drop_cameras(0, [7])
    pane.save_named_layout("早班 / 七星关")
    assert "早班 / 七星关" in settings.wall_layouts("wangjg")
    assert settings.wall_layouts("limin") == {}
    pane.set_layout("1")
    pane.load_named_layout("早班 / 七星关")
    assert pane.arrangement.layout.key == "3x3" and pane.tiles[0].camera.id == 7
    pane.save_state()
    assert json.loads(json.dumps(settings.wall_state("wangjg")))["named"] == "早班 / 七星关"
    again = make_wall(file_workspace(wall_clip), "3x3", show=False)
    assert again._named == "早班 / 七星关" and again.tiles[0].camera.id == 7
    pane.delete_named_layout("早班 / 七星关")
    assert settings.wall_layouts("wangjg") == {}


def test_tree_nodes_drag_their_cameras_onto_a_tile(qtbot, make_wall, wall_clip) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QDropEvent

    from tests.helpers.workspaces import file_workspace
    from widgets.scope_tree import ScopeTree

    workspace = file_workspace(wall_clip)
    pane = make_wall(workspace, "3x3")
    tree = ScopeTree(workspace, Scope.city())
    qtbot.addWidget(tree)
    classroom = tree.model.index_of(Scope(ScopeLevel.SITE, 11, 101, 1001))  # cameras 1 and 6
    mime = tree.model.mimeData([classroom])
    target = pane.tiles[4].rect.center()
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    pane.canvas.dropEvent(drop)
    assert [pane.tiles[4].camera.id, pane.tiles[5].camera.id] == [1, 6]
    assert pane.tiles[0].camera.id != 1  # moved, not copied
    qtbot.waitUntil(lambda: pane.tiles[4].stream_id is not None, timeout=2000)  # and playing there
    assert pane.canvas.tile_at(QPoint(-5, -5)) is None
