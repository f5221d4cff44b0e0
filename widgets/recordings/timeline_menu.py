"""The timeline's right-click menu: play from there, start or end the span there, lock, export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget


def exec_timeline_menu(
    parent: QWidget,
    at: datetime,
    where: QPoint,
    play_from: Callable[[datetime], object],
    mark: Callable[[datetime, bool], object],  # (moment, True for the span's start)
    span_actions: Sequence[QAction],
) -> None:
    menu = QMenu(parent)
    play = QCoreApplication.translate("RecordingsPane", "Play from %1").replace("%1", at.strftime("%H:%M:%S"))
    menu.addAction(play, lambda: play_from(at))
    menu.addAction(QCoreApplication.translate("RecordingsPane", "Span starts here"), lambda: mark(at, True))
    menu.addAction(QCoreApplication.translate("RecordingsPane", "Span ends here"), lambda: mark(at, False))
    menu.addSeparator()
    for action in span_actions:
        menu.addAction(action)
    menu.exec(where)
