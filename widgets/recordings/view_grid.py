"""The Recordings pane's pictures: one view, or four in a 2×2 played in sync; the selected one outlined."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from app.playback.player import PlaybackStatus, PlayerFrame
from widgets.recordings.playback_view import PlaybackView

VIEWS = 4


class ViewGrid(QWidget):
    clicked = Signal(int)  # index of the view clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views = [PlaybackView(i, self) for i in range(VIEWS)]
        self.grid = 1
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for index, view in enumerate(self.views):
            layout.addWidget(view, index // 2, index % 2)
            view.clicked.connect(lambda i=index: self.clicked.emit(i))

    @property
    def shown(self) -> list[PlaybackView]:
        return self.views[: self.grid]

    def set_grid(self, size: int) -> None:
        self.grid = size
        for view in self.views:
            view.setVisible(view.index < size)

    def set_cameras(self, slots: list[int | None], label: Callable[[int], str]) -> None:
        for view, camera_id in zip(self.views, slots, strict=True):
            view.set_camera(camera_id, label(camera_id) if camera_id is not None else "")

    def select(self, index: int) -> None:
        for view in self.views:
            view.set_selected(self.grid > 1 and view.index == index)

    def show_frames(self, frames: dict[int, PlayerFrame]) -> None:
        for camera_id, frame in frames.items():
            for view in self.shown:
                if view.camera_id == camera_id:
                    view.show_frame(frame.image, frame.wall_time, frame.keyframe_only)

    def show_status(self, status: PlaybackStatus) -> None:
        for view in self.shown:
            if view.camera_id is not None:
                view.set_in_gap(status.in_gap.get(view.camera_id, False))

    def set_notes(self, note_of: Callable[[int | None], str]) -> None:
        """The text each view shows when it has no picture."""
        for view in self.views:
            note = note_of(view.camera_id)
            if note != view.note:
                view.note = note
                view.update()
