"""The main window: docks, the county tree driving every pane's scope, shortcuts, layout, status."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope
from app.settings import Settings
from app.tasks import TaskRunner
from tests.helpers.small_city import RecordingDashboard, user
from widgets.main_window import PANE_KEYS, MainWindow
from widgets.panes.audit_pane import AuditPane
from widgets.panes.completions_pane import CompletionsPane
from widgets.panes.dashboard_pane import DashboardPane, DashboardState
from widgets.panes.deferred_pane import DeferredPane
from widgets.panes.pane import PlaceholderPane
from widgets.panes.spot_check_pane import SpotCheckPane
from widgets.scope_tree import ScopeTree
from widgets.status_bar import Health


def tree_names(tree: ScopeTree) -> list[tuple[int, str]]:
    """(depth, name) of every node, depth first, as the model holds them."""
    out: list[tuple[int, str]] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(tree.model.rowCount(parent)):
            index = tree.model.index(row, 0, parent)
            out.append((depth, index.data()))
            walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return out


def is_raised(dock: QDockWidget) -> bool:
    """Open and on top: tabbed-away docks stay "visible" to Qt but get no screen area."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def click_node(qtbot, tree: ScopeTree, name: str) -> None:
    proxy = tree.view.model()
    matches = proxy.match(
        proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1, Qt.MatchFlag.MatchRecursive
    )
    assert matches, f"{name} not in the tree"
    tree.view.scrollTo(matches[0])
    rect = tree.view.visualRect(matches[0])
    qtbot.mouseClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_has_all_six_docks(make_window) -> None:
    window = make_window()
    docks = window.findChildren(QDockWidget)
    names = {dock.objectName() for dock in docks}
    assert len(names) == len(docks) == 8  # seven panes and the county tree
    assert set(window.docks) == set(PANE_KEYS)
    titles = [window.docks[key].windowTitle() for key in PANE_KEYS]
    expected = ["Video wall", "Events", "Spot-check", "Completions", "Recordings", "Dashboard", "Audit log"]
    assert titles == expected
    for key, dock in window.docks.items():
        assert dock.widget() is window.panes[key]
        assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetMovable
        assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable
    placeholders = [p for p in window.panes.values() if isinstance(p, PlaceholderPane)]
    assert not isinstance(window.panes["video_wall"], PlaceholderPane)  # the live wall is built
    assert len(placeholders) <= 4
    for pane in placeholders:
        assert "Not available in this version" in [
            label.text() for label in pane.findChildren(type(pane._status))
        ]
    assert isinstance(window.panes["dashboard"], DashboardPane)


def test_tree_shows_counties_sites_classrooms(make_window) -> None:
    window = make_window()
    assert tree_names(window.tree) == [
        (0, "毕节市"),
        (1, "七星关区"),
        (2, "车管所"),
        (3, "第一教室"),
        (3, "第二教室"),
        (2, "毕节市安达驾校"),
        (3, "理论教室"),
        (1, "大方县"),
        (2, "交警中队"),
        (3, "学习室"),
        (3, "警示教育室"),
    ]
    model = window.tree.model
    city = model.index(0, 0)
    assert model.index(0, 1).data() == "7"  # cameras under the city
    assert model.index(0, 1, city).data() == "4"  # 七星关区: 2 + 1 + 1
    assert model.index(1, 1, city).data() == "3"  # 大方县, one of them disabled
    assert "1 disabled" in model.index(1, 1, city).data(Qt.ItemDataRole.ToolTipRole)
    school = model.index(1, 0, model.index(0, 0, city))
    assert "Driving school" in school.data(Qt.ItemDataRole.ToolTipRole)


def test_selecting_a_county_rescopes_every_pane(qtbot, make_window, dashboard: RecordingDashboard) -> None:
    window = make_window()
    with qtbot.waitExposed(window):
        window.show()
    assert window.scope == Scope.city()
    assert dashboard.scopes[-1] == Scope.city()
    assert window.windowTitle() == "Liangjiao Console — Demo workspace · 毕节市"

    click_node(qtbot, window.tree, "大方县")
    county = Scope(ScopeLevel.COUNTY, 12)
    assert window.scope == county
    assert all(pane.scope == county for pane in window.panes.values())
    assert dashboard.scopes[-1] == county
    assert "大方县" in window.windowTitle()

    click_node(qtbot, window.tree, "学习室")
    classroom = Scope(ScopeLevel.SITE, 12, 103, 1004)
    assert all(pane.scope == classroom for pane in window.panes.values())
    assert dashboard.scopes[-1] == classroom


def test_the_recordings_pane_is_built_when_first_shown(qtbot, make_window) -> None:
    window: MainWindow = make_window()
    with qtbot.waitExposed(window):
        window.show()
    stand_in = window.panes["recordings"]
    assert isinstance(stand_in, DeferredPane) and not stand_in.built  # start-up does not pay for it
    assert window.docks["recordings"].windowTitle() == window.pane_action("recordings").text() == "Recordings"
    click_node(qtbot, window.tree, "大方县")  # a scope chosen before the pane exists
    window.show_pane("recordings")
    qtbot.waitUntil(lambda: stand_in.built, timeout=2000)
    assert window.recordings.scope == Scope(ScopeLevel.COUNTY, 12)
    assert window.recordings.isVisible() and stand_in.focusProxy() is window.recordings
    click_node(qtbot, window.tree, "学习室")  # and after
    assert window.recordings.scope == Scope(ScopeLevel.SITE, 12, 103, 1004)


@pytest.mark.parametrize(
    ("key", "real"),
    [("spot_check", SpotCheckPane), ("completions", CompletionsPane), ("audit", AuditPane)],
)
def test_panes_tabbed_behind_the_wall_are_built_when_first_shown(qtbot, make_window, key, real) -> None:
    window: MainWindow = make_window()
    with qtbot.waitExposed(window):
        window.show()
    stand_in = window.panes[key]
    # Tabbed behind the wall at the first start: the window's first paint does not build it.
    assert isinstance(stand_in, DeferredPane) and not stand_in.built
    click_node(qtbot, window.tree, "大方县")  # a scope chosen before the pane exists
    window.show_pane(key)
    qtbot.waitUntil(lambda: stand_in.built, timeout=2000)
    assert isinstance(stand_in.content(), real)
    assert stand_in.content().scope == Scope(ScopeLevel.COUNTY, 12)
    assert stand_in.focusProxy() is stand_in.content()
    window.close()  # its stop() runs with the window's


def test_closing_builds_no_hidden_pane(qtbot, make_window) -> None:
    window = make_window()
    with qtbot.waitExposed(window):
        window.show()
    window.close()
    for key in ("spot_check", "completions", "recordings", "audit"):
        pane = window.panes[key]
        assert isinstance(pane, DeferredPane) and not pane.built, key


def test_the_window_fits_a_1366_by_768_laptop_screen(qtbot, make_window) -> None:
    window = make_window()
    window.resize(1366, 728)  # maximised under a 40-px task bar
    with qtbot.waitExposed(window):
        window.show()
    for key in PANE_KEYS:  # whichever pane is raised in the centre
        window.show_pane(key)
        qtbot.wait(10)
        hint = window.minimumSizeHint()
        assert hint.height() <= 728 and hint.width() <= 1366, (key, hint)
        assert window.height() <= 728, key


def test_closing_never_builds_the_recordings_pane(qtbot, make_window) -> None:
    window = make_window()
    with qtbot.waitExposed(window):
        window.show()
    window.close()
    assert not window.panes["recordings"].built


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (Post.COUNTY_MANAGER, [(0, "七星关区"), (1, "车管所"), (2, "第一教室"), (2, "第二教室"),
                               (1, "毕节市安达驾校"), (2, "理论教室")]),
        (Post.ACCEPTANCE, [(0, "大方县交警中队"), (1, "学习室"), (1, "警示教育室")]),
    ],
)  # fmt: skip
def test_tree_is_limited_to_the_users_scope(make_window, dashboard, post, expected) -> None:
    who = user(post)
    window = make_window(who)
    assert tree_names(window.tree) == expected
    # The first scope is the user's own area, never the city.
    assert window.scope == who.scope
    assert dashboard.scopes == [who.scope]
    assert all(pane.scope == who.scope for pane in window.panes.values())


def test_ctrl_numbers_show_raise_and_focus_panes(qtbot, make_window) -> None:
    window = make_window()
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.docks["recordings"].close()  # a closed pane must come back too
    for number, key in enumerate(PANE_KEYS, start=1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        pane = window.panes[key]
        qtbot.waitUntil(lambda key=key: is_raised(window.docks[key]), timeout=2000)
        assert window.pane_action(key).isChecked()
        focus = QApplication.focusWidget()
        assert focus is pane or pane.isAncestorOf(focus), f"Ctrl+{number} did not focus {key}"
    # The working views share the centre with the wall: raising one puts the wall behind it.
    assert window.docks["completions"] in window.tabifiedDockWidgets(window.docks["video_wall"])
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: is_raised(window.docks["events"]), timeout=2000)
    assert not is_raised(window.docks["completions"])
    # Ctrl+0 brings the county tree back with the cursor in its filter box.
    window.tree_dock.close()
    assert not window.tree_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.tree.isVisible, timeout=2000)
    assert QApplication.focusWidget() is window.tree.filter_edit and window.tree_action.isChecked()


def test_layout_is_saved_on_close_and_restored(qtbot, make_window, settings: Settings) -> None:
    window = make_window()
    with qtbot.waitExposed(window):
        window.show()
    window.docks["spot_check"].close()
    window.close()
    assert settings.window_state is not None and settings.window_geometry is not None

    again = make_window()
    with qtbot.waitExposed(again):
        again.show()
    assert again.docks["spot_check"].isHidden()
    assert not again.pane_action("spot_check").isChecked()
    again.reset_layout()
    assert not again.docks["spot_check"].isHidden()
    assert all(not dock.isFloating() for dock in again.docks.values())


def test_status_bar(make_window) -> None:
    window = make_window(user(Post.COUNTY_MANAGER))
    status = window.status
    assert status.user_label.text() == "李敏 · County manager"
    assert status.workspace_label.text() == "Demo workspace · 毕节市"
    assert status.database_label.text().startswith("SQLite · sqlite:///")
    assert status.health is Health.OK
    assert status.streams_label.text() == "No streams open"
    assert status.clock_label.text()[:2] == "20"


def test_status_bar_reports_database_trouble(qtbot, context, settings, threaded_tasks: TaskRunner) -> None:
    from widgets.main_window import MainWindow

    gate = threading.Event()
    context = dataclasses.replace(context, database_health=lambda: (gate.wait(5), "connection refused")[1])
    window = MainWindow(context, settings, threaded_tasks, user(Post.SUPERVISOR))
    qtbot.addWidget(window)
    assert window.status.health is Health.UNKNOWN
    window.status.probe_health()  # the first probe is still hanging: say so, start no second one
    assert window.status.health is Health.SLOW
    gate.set()
    qtbot.waitUntil(lambda: window.status.health is Health.ERROR, timeout=5000)
    assert "connection refused" in window.status.health_dot.toolTip()


def test_dashboard_is_computed_off_the_gui_thread(qtbot, make_window, dashboard, threaded_tasks) -> None:
    window = make_window(tasks=threaded_tasks)
    pane = window.panes["dashboard"]
    assert isinstance(pane, DashboardPane)
    qtbot.waitUntil(lambda: pane.state is DashboardState.READY, timeout=5000)
    assert dashboard.calls, "dashboard was never queried"
    assert all(thread != threading.get_ident() for _scope, thread in dashboard.calls)
    assert pane.tiles["learners"].value == 128


def test_settings_menu_applies_and_signals_language(qtbot, make_window, settings, monkeypatch) -> None:
    from widgets import main_window as module

    def fake_exec(dialog) -> int:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
        dialog.database_edit.setText("sqlite:////srv/liangjiao/console.db")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(module.SettingsDialog, "exec", fake_exec)
    window = make_window()
    with qtbot.waitSignal(window.language_changed) as blocker:
        window.settings_action.trigger()
    assert blocker.args == ["zh_CN"]
    assert settings.language == "zh_CN"
    assert "restart" in window.status.currentMessage()
