"""Where the main window's docks go and how big they start: the default arrangement, its sizes for
the window's real size, the Dashboard's height as it collapses and grows, and a readable scope tree.

MainWindow owns the docks; this object only places and sizes them (QMainWindow's dock calls).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from widgets.panes.dashboard_pane import DashboardPane

TREE_WIDTH = 280  # the scope tree's default width
TREE_MIN_WIDTH = 240  # narrower, a restored layout gets the default back: names, not only counts
# Below this height the Dashboard starts collapsed: the wall needs the room (1366×768 laptops).
DASHBOARD_COLLAPSE_BELOW = 900


class DockArrangement:
    def __init__(
        self,
        window: QMainWindow,
        tree: QDockWidget,
        docks: Mapping[str, QDockWidget],
        dashboard: DashboardPane,
    ) -> None:
        self._window = window
        self._tree = tree
        self._docks = docks
        self._dashboard = dashboard

    def arrange_default(self) -> None:
        window, docks = self._window, self._docks
        for dock in (self._tree, *docks.values()):
            dock.setFloating(False)
            dock.show()
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._tree)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["video_wall"])
        window.splitDockWidget(docks["video_wall"], docks["events"], Qt.Orientation.Horizontal)
        window.splitDockWidget(docks["video_wall"], docks["dashboard"], Qt.Orientation.Vertical)
        # The big views share the centre with the wall; the event list stays beside, narrow.
        for previous, key in zip(
            ("video_wall", "recordings", "spot_check", "completions"),
            ("recordings", "spot_check", "completions", "audit"),
            strict=True,
        ):
            window.tabifyDockWidget(docks[previous], docks[key])
        docks["video_wall"].raise_()
        docks["events"].raise_()

    def size_default(self) -> None:
        """Proportions for a fresh layout; needs the real window size, so runs once shown."""
        width, height = max(self._window.width(), 800), max(self._window.height(), 600)
        video, events, dashboard = (self._docks[k] for k in ("video_wall", "events", "dashboard"))
        # One call for the whole row: sized one by one, the wall's share squeezed the tree.
        self._size_row(max(TREE_WIDTH, width // 5), max(width // 4, events.minimumSizeHint().width()))
        # The wall, watched for hours, gets two thirds of the height.
        pane = self._dashboard
        if height < DASHBOARD_COLLAPSE_BELOW:
            pane.set_collapsed(True)
            # Once the row above has its widths: the figures' lines depend on the pane's width.
            QTimer.singleShot(0, lambda: self.size_dashboard(pane.compact_height()))
        else:
            self._window.resizeDocks(
                [video, dashboard], [height * 2 // 3, height // 3], Qt.Orientation.Vertical
            )

    def size_dashboard(self, pane_height: int) -> None:
        """Give the Dashboard's dock about `pane_height` (its title bar added), the wall the rest."""
        video, dashboard = self._docks["video_wall"], self._docks["dashboard"]
        if dashboard.isFloating() or not dashboard.isVisible():
            return
        # A just-collapsed pane keeps its old minimum until its layout runs.
        for layout in (self._dashboard.layout(), dashboard.layout()):
            if layout is not None:
                layout.activate()
        wanted = pane_height + (dashboard.height() - self._dashboard.height())
        total = video.height() + dashboard.height()
        self._window.resizeDocks(
            [video, dashboard], [max(total - wanted, 100), wanted], Qt.Orientation.Vertical
        )

    def keep_tree_readable(self) -> None:
        # A layout saved in a larger window squeezes the tree on a laptop: widen it again.
        tree = self._tree
        if tree.isVisible() and not tree.isFloating() and tree.width() < TREE_MIN_WIDTH:
            self._size_row(TREE_WIDTH, self._docks["events"].width())

    def _size_row(self, tree_width: int, events_width: int) -> None:
        video, events = self._docks["video_wall"], self._docks["events"]
        self._window.resizeDocks(
            [self._tree, video, events],
            [tree_width, self._window.width() - tree_width - events_width, events_width],
            Qt.Orientation.Horizontal,
        )
