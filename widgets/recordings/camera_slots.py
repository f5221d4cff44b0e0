"""Which camera each of the Recordings pane's four views plays, how many are shown, which is selected.

Plain state with its rules (no Qt): one view or a 2×2; a camera plays in at most one view; going to
2×2 fills the empty views with the scope's next cameras, going back keeps the selected camera.
"""

from __future__ import annotations

from collections.abc import Sequence

GRID_SIZES = (1, 4)
VIEWS = 4


class CameraSlots:
    def __init__(self) -> None:
        self.slots: list[int | None] = [None] * VIEWS  # camera of each view
        self.grid = 1
        self.selected = 0

    @property
    def active(self) -> list[int]:
        """The cameras being played, in view order."""
        return [cid for cid in self.slots[: self.grid] if cid is not None]

    @property
    def selected_camera(self) -> int | None:
        return self.slots[self.selected] if self.selected < self.grid else None

    def index_of(self, camera_id: int) -> int | None:
        """The shown view playing `camera_id`, if any."""
        shown = self.slots[: self.grid]
        return shown.index(camera_id) if camera_id in shown else None

    def fill_from_scope(self, in_scope: Sequence[int]) -> bool:
        """A new scope: keep the cameras still in it (False), else play its first ones (True)."""
        if any(cid in in_scope for cid in self.slots if cid is not None):
            return False
        self.slots = [*in_scope[:VIEWS], *([None] * max(0, VIEWS - len(in_scope)))][:VIEWS]
        if self.grid == 1:
            self.slots[1:] = [None] * (VIEWS - 1)
        self.selected = 0
        return True

    def put(self, camera_id: int) -> None:
        """Play `camera_id` in the selected view (selecting it when it already plays)."""
        index = self.index_of(camera_id)
        if index is None:
            self.slots[self.selected] = camera_id
        else:
            self.selected = index

    def set_grid(self, size: int, spare: Sequence[int]) -> bool:
        """1 view or 2×2 (filled from `spare`, the scope's cameras in order); False when unchanged."""
        if size not in GRID_SIZES or size == self.grid:
            return False
        camera = self.selected_camera
        self.grid = size
        if size == VIEWS:
            unused = [cid for cid in spare if cid not in self.slots]
            for index in range(VIEWS):
                if self.slots[index] is None and unused:
                    self.slots[index] = unused.pop(0)
        else:
            self.slots = [camera, *([None] * (VIEWS - 1))]
            self.selected = 0
        return True
