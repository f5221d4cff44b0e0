"""Video wall layouts and the wall's camera arrangement (pure data; no Qt, no threads).

A layout is a grid with cells that may span several grid squares (1+5, 1+7). The arrangement is
one ordered list of camera ids (None = an empty tile); page p shows entries p·n … p·n+n-1 of it,
where n is the layout's tile count, so changing the layout keeps the order and only re-pages it.
Used by the GUI thread (the wall pane) and by tests; JSON round-trips for named layouts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.domain.enums import ScopeLevel
from app.domain.geography import Camera, Workspace
from app.domain.people import Scope


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True, slots=True)
class WallLayout:
    key: str  # stable identifier kept in settings and given on the command line ("4x4", "1+5")
    rows: int
    cols: int
    cells: tuple[Cell, ...]

    @property
    def tile_count(self) -> int:
        return len(self.cells)

    def rects(self, width: int, height: int, gap: int = 2) -> list[tuple[int, int, int, int]]:
        """(x, y, w, h) of every cell inside a width×height area, with `gap` pixels between cells.

        Grid lines are computed once and shared, so neighbouring tiles never overlap or leave a
        one-pixel seam whatever the rounding.
        """
        xs = [round(c * (width + gap) / self.cols) for c in range(self.cols + 1)]
        ys = [round(r * (height + gap) / self.rows) for r in range(self.rows + 1)]
        rects = []
        for cell in self.cells:
            left, right = xs[cell.col], xs[cell.col + cell.col_span] - gap
            top, bottom = ys[cell.row], ys[cell.row + cell.row_span] - gap
            rects.append((left, top, max(1, right - left), max(1, bottom - top)))
        return rects


def grid_layout(n: int) -> WallLayout:
    """An n×n grid (the benchmark uses sizes beyond the 6×6 the wall offers)."""
    return WallLayout(f"{n}x{n}", n, n, tuple(Cell(r, c) for r in range(n) for c in range(n)))


def _one_plus(small: int) -> WallLayout:
    """One large cell in the top-left corner, small ones along the right edge and the bottom."""
    side = (small - 1) // 2 + 1  # 1+5 → 3×3 grid, 1+7 → 4×4 grid
    big = side - 1
    cells = [Cell(0, 0, big, big)]
    cells += [Cell(r, side - 1) for r in range(big)]
    cells += [Cell(side - 1, c) for c in range(side)]
    return WallLayout(f"1+{small}", side, side, tuple(cells))


LAYOUTS: dict[str, WallLayout] = {
    layout.key: layout
    for layout in (
        WallLayout("1", 1, 1, (Cell(0, 0),)),
        grid_layout(2),
        grid_layout(3),
        grid_layout(4),
        grid_layout(5),
        grid_layout(6),
        _one_plus(5),
        _one_plus(7),
    )
}
DEFAULT_LAYOUT = "2x2"


def layout_for(key: str) -> WallLayout:
    """The layout called `key`; also accepts "1x1" and upper-case X. Raises KeyError if unknown."""
    normalised = key.strip().lower().replace("×", "x")
    if normalised == "1x1":
        normalised = "1"
    return LAYOUTS[normalised]


@dataclass(slots=True)
class WallArrangement:
    """Which camera each tile of each page shows. GUI thread only (not thread-safe)."""

    layout: WallLayout = field(default_factory=lambda: LAYOUTS[DEFAULT_LAYOUT])
    cameras: list[int | None] = field(default_factory=list)
    page: int = 0

    @property
    def tiles_per_page(self) -> int:
        return self.layout.tile_count

    @property
    def page_count(self) -> int:
        used = len(self.cameras)
        while used and self.cameras[used - 1] is None:
            used -= 1
        return max(1, -(-used // self.tiles_per_page))

    def visible(self) -> list[int | None]:
        """Camera ids of the current page's tiles (None where a tile is empty), one per tile."""
        start = self.page * self.tiles_per_page
        shown = self.cameras[start : start + self.tiles_per_page]
        return shown + [None] * (self.tiles_per_page - len(shown))

    def set_layout(self, layout: WallLayout) -> None:
        """Change the layout, staying on the page that holds the current page's first camera."""
        first = self.page * self.tiles_per_page
        self.layout = layout
        self.page = min(first // layout.tile_count, self.page_count - 1)

    def set_cameras(self, camera_ids: list[int]) -> None:
        """Show these cameras in order from the first tile of page 1 (scope change)."""
        self.cameras = list(camera_ids)
        self.page = 0

    def go_to_page(self, page: int) -> None:
        self.page = page % self.page_count

    def next_page(self) -> None:
        self.go_to_page(self.page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.page - 1)

    def place(self, tile: int, camera_ids: list[int]) -> None:
        """Drop cameras on `tile` of the current page (and the tiles after it, for a classroom).

        A camera already on the wall swaps places with what was at its new position, so no camera
        appears twice and nothing is lost from the rotation.
        """
        if not 0 <= tile < self.tiles_per_page:
            raise IndexError(f"tile {tile} is not on a {self.layout.key} page")
        position = self.page * self.tiles_per_page + tile
        for offset, camera_id in enumerate(camera_ids):
            target = position + offset
            need = target + 1
            if len(self.cameras) < need:
                self.cameras.extend([None] * (need - len(self.cameras)))
            displaced = self.cameras[target]
            if camera_id in self.cameras:
                self.cameras[self.cameras.index(camera_id)] = displaced
            self.cameras[target] = camera_id

    def clear_tile(self, tile: int) -> None:
        position = self.page * self.tiles_per_page + tile
        if position < len(self.cameras):
            self.cameras[position] = None

    # -- named layouts (kept in settings as JSON)

    def to_json(self) -> str:
        return json.dumps({"layout": self.layout.key, "cameras": self.cameras, "page": self.page})

    @classmethod
    def from_json(cls, text: str, known_cameras: set[int] | None = None) -> WallArrangement:
        """Rebuild from `to_json`; cameras that no longer exist (or are out of scope) become empty tiles."""
        data = json.loads(text)
        cameras: list[int | None] = []
        for value in data.get("cameras", []):
            ok = isinstance(value, int) and (known_cameras is None or value in known_cameras)
            cameras.append(value if ok else None)
        arrangement = cls(layout_for(str(data.get("layout", DEFAULT_LAYOUT))), cameras)
        page = data.get("page", 0)
        arrangement.go_to_page(page if isinstance(page, int) else 0)
        return arrangement


def cameras_in_scope(workspace: Workspace, scope: Scope) -> list[Camera]:
    """Enabled cameras of the city / county / site / classroom `scope`, in workspace order."""
    sites = {s.id: s for s in workspace.sites}
    rooms = {r.id: r for r in workspace.classrooms}
    found = []
    for camera in workspace.cameras:
        room = rooms.get(camera.classroom_id)
        site = sites.get(room.site_id) if room is not None else None
        if not camera.enabled or room is None or site is None:
            continue
        if scope.classroom_id is not None and room.id != scope.classroom_id:
            continue
        if scope.level is ScopeLevel.SITE and site.id != scope.site_id:
            continue
        if scope.level is not ScopeLevel.CITY and site.county_id != scope.county_id:
            continue
        found.append(camera)
    return found
