"""What every dockable pane offers the main window, and the honest empty state of unbuilt panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.people import Scope
from widgets.resources import icon


class Pane(QWidget):
    """A dockable pane. Subclasses name themselves (`pane_title`) and react to the selected scope.

    `OBJECT_NAME` is what QMainWindow.saveState records for the pane's dock; never rename it, or
    every saved layout forgets where the pane was.
    """

    OBJECT_NAME = "pane"
    ICON = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scope = Scope.city()
        self.setObjectName(self.OBJECT_NAME)
        # Panes take focus so that Ctrl+1…6 can move the keyboard into them.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def scope(self) -> Scope:
        return self._scope

    def set_scope(self, scope: Scope) -> None:
        """The part of the city the pane shows. GUI thread; must not block (use the task runner)."""
        self._scope = scope

    def pane_title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Re-read every visible string; called on QEvent.LanguageChange."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PlaceholderPane(Pane):
    """Empty state for a pane a later version provides: icon, title, purpose, and "not available".

    No sample rows, no fake figures: an officer must never mistake a mock-up for live supervision data.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel(self)
        self._icon.setPixmap(icon(self.ICON).pixmap(56, 56))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = QLabel(self)
        self._title.setObjectName("emptyStateTitle")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._purpose = QLabel(self)
        self._purpose.setObjectName("emptyStateText")
        self._purpose.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._purpose.setWordWrap(True)
        self._status = QLabel(self)
        self._status.setObjectName("emptyStateNote")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        for widget in (self._icon, self._title, self._purpose):
            layout.addWidget(widget)
        layout.addWidget(self._status, 0, Qt.AlignmentFlag.AlignHCenter)  # a small pill, not a bar
        layout.addStretch(2)
        self.retranslate()

    def pane_purpose(self) -> str:
        """One sentence: what the pane will do once it is built."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self._title.setText(self.pane_title())
        self._purpose.setText(self.pane_purpose())
        self._status.setText(self.tr("Not available in this version"))
