"""结业审核 Completions — placeholder until the completion-review issue replaces this module."""

from __future__ import annotations

from widgets.panes.pane import PlaceholderPane


class CompletionsPane(PlaceholderPane):
    OBJECT_NAME = "completionsPane"
    ICON = "pane_completions"

    def pane_title(self) -> str:
        return self.tr("Completions")

    def pane_purpose(self) -> str:
        return self.tr("Course completions awaiting review, with the study evidence behind each one.")
