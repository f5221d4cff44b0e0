"""视频墙 Video wall — placeholder until the live-view issue replaces this module."""

from __future__ import annotations

from widgets.panes.pane import PlaceholderPane


class VideoWallPane(PlaceholderPane):
    OBJECT_NAME = "videoWallPane"
    ICON = "pane_video_wall"

    def pane_title(self) -> str:
        return self.tr("Video wall")

    def pane_purpose(self) -> str:
        return self.tr("Live classroom cameras of the selected area, in a grid you can arrange.")
