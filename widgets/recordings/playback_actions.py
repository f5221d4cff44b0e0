"""The Recordings pane's commands as QActions: one object per command for its button, key and tooltip.

Keys are pane shortcuts (WidgetWithChildrenShortcut): Space or ← in another pane must not drive
playback. Editing widgets inside the pane (the go-to-time field) still get their own keys, because
they claim them through ShortcutOverride before a shortcut fires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

# name → (keys, standard icon or None)
_SPECS: dict[str, tuple[tuple[str, ...], QStyle.StandardPixmap | None]] = {
    "play": (("Space",), QStyle.StandardPixmap.SP_MediaPlay),
    "back_10": (("Left",), QStyle.StandardPixmap.SP_MediaSeekBackward),
    "forward_10": (("Right",), QStyle.StandardPixmap.SP_MediaSeekForward),
    "frame_back": ((",",), QStyle.StandardPixmap.SP_MediaSkipBackward),
    "frame_forward": ((".",), QStyle.StandardPixmap.SP_MediaSkipForward),
    "slower": (("[",), None),
    "faster": (("]",), None),
    "mark_in": (("I",), None),
    "mark_out": (("O",), None),
    "clear_span": (("Escape",), None),
    "bookmark": (("B",), None),
    "lock": ((), None),
    "export_clip": ((), None),
    "export_package": ((), None),
}


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    tip: str


def _texts() -> dict[str, _Text]:
    # Spelled out in full each time: lupdate only collects literal QCoreApplication.translate calls.
    return {
        "play": _Text(
            QCoreApplication.translate("PlaybackActions", "Play / pause"),
            QCoreApplication.translate("PlaybackActions", "Play or pause (Space)"),
        ),
        "back_10": _Text(
            QCoreApplication.translate("PlaybackActions", "−10 s"),
            QCoreApplication.translate("PlaybackActions", "Back 10 seconds (←)"),
        ),
        "forward_10": _Text(
            QCoreApplication.translate("PlaybackActions", "+10 s"),
            QCoreApplication.translate("PlaybackActions", "Forward 10 seconds (→)"),
        ),
        "frame_back": _Text(
            QCoreApplication.translate("PlaybackActions", "Previous frame"),
            QCoreApplication.translate("PlaybackActions", "One frame back (,)"),
        ),
        "frame_forward": _Text(
            QCoreApplication.translate("PlaybackActions", "Next frame"),
            QCoreApplication.translate("PlaybackActions", "One frame forward (.)"),
        ),
        "slower": _Text(
            QCoreApplication.translate("PlaybackActions", "Slower"),
            QCoreApplication.translate("PlaybackActions", "Slower ([)"),
        ),
        "faster": _Text(
            QCoreApplication.translate("PlaybackActions", "Faster"),
            QCoreApplication.translate("PlaybackActions", "Faster (])"),
        ),
        "mark_in": _Text(
            QCoreApplication.translate("PlaybackActions", "In"),
            QCoreApplication.translate("PlaybackActions", "Start the span here (I)"),
        ),
        "mark_out": _Text(
            QCoreApplication.translate("PlaybackActions", "Out"),
            QCoreApplication.translate("PlaybackActions", "End the span here (O)"),
        ),
        "clear_span": _Text(
            QCoreApplication.translate("PlaybackActions", "Clear span"),
            QCoreApplication.translate("PlaybackActions", "Clear the selected span (Esc)"),
        ),
        "bookmark": _Text(
            QCoreApplication.translate("PlaybackActions", "Bookmark…"),
            QCoreApplication.translate("PlaybackActions", "Bookmark this moment with a note (B)"),
        ),
        "lock": _Text(
            QCoreApplication.translate("PlaybackActions", "Lock as evidence…"),
            QCoreApplication.translate(
                "PlaybackActions", "Keep the selected span from being deleted by retention"
            ),
        ),
        "export_clip": _Text(
            QCoreApplication.translate("PlaybackActions", "Export clip (MP4)…"),
            QCoreApplication.translate("PlaybackActions", "Export the selected span as one MP4 file"),
        ),
        "export_package": _Text(
            QCoreApplication.translate("PlaybackActions", "Export evidence package…"),
            QCoreApplication.translate(
                "PlaybackActions",
                "Export the selected span with event snapshots, a manifest and SHA-256 sums (zip)",
            ),
        ),
    }


class PlaybackActions:
    """Creates the actions on `owner` and connects each to its handler."""

    def __init__(self, owner: QWidget, handlers: dict[str, Callable[[], object]]) -> None:
        self.actions: dict[str, QAction] = {}
        style = owner.style()
        for name, (keys, standard_icon) in _SPECS.items():
            action = QAction(owner)
            action.setObjectName(f"recordings_{name}")
            if standard_icon is not None:
                action.setIcon(style.standardIcon(standard_icon))
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            handler = handlers[name]
            action.triggered.connect(lambda _checked=False, h=handler: h())
            owner.addAction(action)
            self.actions[name] = action
        self.retranslate()

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def retranslate(self) -> None:
        for name, text in _texts().items():
            action = self.actions[name]
            action.setText(text.text)
            action.setToolTip(text.tip)

    def set_playing(self, playing: bool, style: QStyle) -> None:
        pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.actions["play"].setIcon(style.standardIcon(pixmap))
