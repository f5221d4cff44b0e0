"""Switching language at run time retranslates open windows (a real translator, built here)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from app.domain.enums import Post
from app.switched_off import AnalysisOff
from tests.helpers.small_city import USERS, user
from widgets.login_dialog import LoginDialog
from widgets.panes.dashboard_pane import DashboardPane
from widgets.settings_dialog import SettingsDialog

# (context, English source, Chinese) — a handful of strings from different widgets.
MESSAGES = [
    ("MainWindow", "&View", "视图(&V)"),
    ("MainWindow", "Sites", "站点"),
    ("VideoWallPane", "Video wall", "视频墙"),
    ("WallToolbar", "Tour", "轮巡"),
    ("DashboardPane", "Dashboard", "概览"),
    ("DashboardPane", "Learners", "学员"),
    (
        "DashboardPane",
        "Events nobody has claimed yet: open them in the Events pane",
        "尚无人认领的事件：在事件窗格中打开",
    ),
    ("PlaceholderPane", "Not available in this version", "本版本暂不提供"),
    ("Labels", "Supervisory post", "监督岗"),
    ("Labels", "County manager", "管理岗"),
    ("ConsoleStatusBar", "No streams open", "未打开视频流"),
    ("ScopeText", "Demo workspace", "演示工作区"),
    ("ScopeTree", "Filter counties, sites, classrooms…", "筛选区县、站点、教室…"),
    ("SettingsDialog", "Classroom rules", "课堂规则"),
    ("LoginDialog", "Name", "姓名"),
]


def _ts(messages: list[tuple[str, str, str]]) -> str:
    contexts: dict[str, list[tuple[str, str]]] = {}
    for context, source, target in messages:
        contexts.setdefault(context, []).append((source, target))
    body = "".join(
        f"<context><name>{name}</name>"
        + "".join(
            f"<message><source>{escape(s)}</source><translation>{escape(t)}</translation></message>"
            for s, t in entries
        )
        + "</context>"
        for name, entries in contexts.items()
    )
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    return f'{header}<TS version="2.1" language="zh_CN">{body}</TS>\n'


@pytest.fixture(scope="module")
def zh_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("i18n")
    ts, qm = folder / "test_zh_CN.ts", folder / "test_zh_CN.qm"
    ts.write_text(_ts(MESSAGES), encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    return qm


@pytest.fixture
def chinese(qapp: QApplication, zh_qm: Path) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(zh_qm))
    yield translator
    QCoreApplication.removeTranslator(translator)


def _switch(qtbot, install: bool, translator: QTranslator) -> None:
    if install:
        QCoreApplication.installTranslator(translator)
    else:
        QCoreApplication.removeTranslator(translator)
    qtbot.wait(20)  # LanguageChange is posted to every top-level widget, then sent down


def test_open_window_retranslates(qtbot, make_window, chinese: QTranslator) -> None:
    window = make_window()
    window.show()
    assert window.docks["video_wall"].windowTitle() == "Video wall"

    _switch(qtbot, True, chinese)
    assert window.docks["video_wall"].windowTitle() == "视频墙"
    assert window.docks["dashboard"].windowTitle() == "概览"
    assert window.tree_dock.windowTitle() == "站点"
    assert window.pane_action("video_wall").text() == "视频墙"
    assert "视图(&V)" in [action.text() for action in window.menuBar().actions()]
    wall = window.video_wall  # the live wall replaced its placeholder
    assert wall.toolbar.tour_button.text() == "轮巡"
    dashboard = window.panes["dashboard"]
    assert isinstance(dashboard, DashboardPane)
    assert dashboard.tiles["learners"].caption_label.text() == "学员"
    assert dashboard.figures["events_new"].toolTip() == "尚无人认领的事件：在事件窗格中打开"
    assert window.status.user_label.text() == "王建国 · 监督岗"
    assert window.status.streams_label.text() == "未打开视频流"
    assert window.status.workspace_label.text() == "演示工作区 · 毕节市"
    assert window.tree.filter_edit.placeholderText() == "筛选区县、站点、教室…"

    _switch(qtbot, False, chinese)
    assert window.docks["video_wall"].windowTitle() == "Video wall"
    assert window.status.user_label.text() == "王建国 · Supervisory post"
    assert dashboard.tiles["learners"].caption_label.text() == "Learners"
    assert dashboard.figures["events_new"].toolTip().startswith("Events nobody has claimed")


def test_dialogs_retranslate(qtbot, context, settings, chinese: QTranslator) -> None:
    settings_dialog = SettingsDialog(settings, context.database, analysis=AnalysisOff())
    login = LoginDialog(USERS, settings, context.workspace)
    for dialog in (settings_dialog, login):
        qtbot.addWidget(dialog)
        dialog.show()
    _switch(qtbot, True, chinese)
    assert settings_dialog._rules_group.title() == "课堂规则"
    assert login.user_list.headerItem().text(0) == "姓名"
    groups = [group.text(0) for group in login._groups()]
    assert groups[:2] == ["监督岗", "管理岗"]
    assert user(Post.COUNTY_MANAGER).display_name in [item.text(0) for item in login._user_items()]
