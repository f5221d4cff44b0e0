"""The Recordings pane must fit beside the scope tree and the events dock on a 1366×768 screen.

In the default layout the tree takes 280 px and the events dock a quarter of the window, which
leaves the pane about 745 px of a 1366-px window; a wider minimum squeezes the tree to its counts.
"""

from __future__ import annotations

from tests.helpers.recordings_world import DUTY_MANAGER, ReviewWorld, open_pane
from tests.helpers.synchronous_tasks import SynchronousTaskRunner
from widgets.main_window import MainWindow

ROOM_AT_1366 = 1366 - 280 - 1366 // 4 - 20  # window − tree − events dock − splitters and margins


def test_the_pane_fits_beside_the_tree_and_the_events_dock(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    for grid in (1, 4):
        pane.set_grid(grid)
        assert pane.minimumSizeHint().width() <= ROOM_AT_1366, (grid, pane.minimumSizeHint())
        assert pane.evidence.minimumSizeHint().width() <= 220
        # A 768-px screen: the menu, the tabs, the overview below and the status bar leave it ~500 px.
        assert pane.minimumSizeHint().height() <= 500, (grid, pane.minimumSizeHint())


def test_the_legend_wraps_instead_of_being_clipped(qtbot, make_pane, world: ReviewWorld) -> None:
    pane = open_pane(qtbot, make_pane, world)
    legend = pane.timeline_stack.legend
    one_line = legend.fontMetrics().height()
    pane.resize(ROOM_AT_1366, 800)
    qtbot.waitUntil(lambda: pane.width() == ROOM_AT_1366)
    qtbot.wait(20)  # the layout settles
    assert legend.heightForWidth(legend.width()) > 1.5 * one_line  # it wraps here…
    assert legend.height() >= legend.heightForWidth(legend.width())  # …and every line of it is shown
    assert legend.geometry().right() <= pane.timeline_stack.width()


def test_on_a_1366_screen_the_pane_is_not_what_squeezes_the_tree(qtbot, world: ReviewWorld, settings) -> None:
    window = MainWindow(world.context(), settings, SynchronousTaskRunner(), DUTY_MANAGER)
    qtbot.addWidget(window)
    window.resize(1366, 728)  # a maximised window under a 40-px task bar
    window.show()
    qtbot.waitExposed(window)
    window.show_pane("recordings")
    qtbot.waitUntil(lambda: window.recordings.isVisible())
    qtbot.wait(50)  # the dock layout settles
    pane, events = window.recordings, window.docks["events"]
    assert pane.width() >= pane.minimumSizeHint().width()  # the pane gets its minimum…
    # …and with the tree at its default 280 px and the events dock at its own minimum, it still would.
    room = window.width() - 280 - events.minimumSizeHint().width() - 16
    assert pane.minimumSizeHint().width() <= room, (pane.minimumSizeHint(), room)
    assert window.tree_dock.width() >= 260  # the default layout's 280, give or take the separators


def test_a_layout_saved_in_a_larger_window_keeps_the_tree_readable(
    qtbot, world: ReviewWorld, settings
) -> None:
    first = MainWindow(world.context(), settings, SynchronousTaskRunner(), DUTY_MANAGER)
    qtbot.addWidget(first)
    first.resize(1600, 1000)
    first.show()
    qtbot.waitExposed(first)
    first.show_pane("recordings")
    qtbot.wait(50)
    first.close()  # saves the layout
    assert settings.window_state is not None

    window = MainWindow(world.context(), settings, SynchronousTaskRunner(), DUTY_MANAGER)
    qtbot.addWidget(window)
    window.resize(1366, 728)  # the same user on a 1366×768 laptop
    window.show()
    qtbot.waitExposed(window)
    # The Recordings pane was raised when the layout was saved: it is built as the window shows, and
    # the tree gets its width back once the docks have taken the pane's minimum.
    qtbot.waitUntil(lambda: window.tree_dock.width() >= 240, timeout=2000)
