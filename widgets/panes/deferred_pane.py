"""A dock's stand-in that builds the real pane the first time it is shown (or asked for).

Why: the Recordings pane imports pyqtgraph and PyAV (443 ms of start-up by `python -X importtime`)
for a pane a supervisory post may never open, and a duty manager opens minutes after start. The
stand-in has the pane's dock name, icon and title from the start, so saved layouts, the View menu
and Ctrl+N work before the content exists; the scope chosen meanwhile is handed over when it is built.
Spot-check, Completions and Audit use it too: tabbed behind the wall, they cost the window's first
paint (and Completions a list load) for nothing until someone opens them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.people import Scope
from widgets.panes.pane import Pane

P = TypeVar("P", bound=Pane)


class DeferredPane(Pane, Generic[P]):
    # The real pane exists: its minimum size may differ, so docks may need another look.
    content_built = Signal()

    def __init__(
        self,
        object_name: str,
        icon_name: str,
        title: Callable[[], str],
        build: Callable[[], P],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Instance values shadow the class's: the main window names the dock after them.
        self.OBJECT_NAME = object_name
        self.ICON = icon_name
        self.setObjectName(object_name)
        self._title = title
        self._build = build
        self._content: P | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> P:
        """The real pane, built now if nobody has looked at it yet."""
        if self._content is None:
            pane = self._build()
            pane.set_scope(self.scope)
            self._layout.addWidget(pane)
            pane.show()  # now, not at the layout's queued show: the caller may use it at once
            self.setFocusProxy(pane)  # Ctrl+N focuses the stand-in: the keys must reach the pane
            self._content = pane
            self.content_built.emit()
        return self._content

    def pane_title(self) -> str:
        return self._title()

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        if self._content is not None:
            self._content.set_scope(scope)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.maybe_shown()

    def maybe_shown(self) -> None:
        """Build once the pane can really be seen. Also connected to its dock's visibilityChanged:
        a dock tabbed behind another counts as visible (isVisible, showEvent) with nothing on screen,
        and raising its tab sends it no show event. Checked after the layout has settled."""
        if self._content is None:
            QTimer.singleShot(0, self._build_if_seen)

    def _build_if_seen(self) -> None:
        if self._content is None and self.isVisible() and not self.visibleRegion().isEmpty():
            self.content()
