"""录像 Recordings — placeholder until the recording-playback issue replaces this module."""

from __future__ import annotations

from widgets.panes.pane import PlaceholderPane


class RecordingsPane(PlaceholderPane):
    OBJECT_NAME = "recordingsPane"
    ICON = "pane_recordings"

    def pane_title(self) -> str:
        return self.tr("Recordings")

    def pane_purpose(self) -> str:
        return self.tr("Recorded classroom video on a timeline, to review events and export evidence.")
