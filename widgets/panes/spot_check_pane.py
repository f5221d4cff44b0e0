"""抽查 Spot-check — placeholder until the online-photo spot-check issue replaces this module."""

from __future__ import annotations

from widgets.panes.pane import PlaceholderPane


class SpotCheckPane(PlaceholderPane):
    OBJECT_NAME = "spotCheckPane"
    ICON = "pane_spot_check"

    def pane_title(self) -> str:
        return self.tr("Spot-check")

    def pane_purpose(self) -> str:
        return self.tr("Sampled online study photos, compared with the learner's enrolment photo.")
