"""The console's look: Fusion with a calm dark-grey palette, refined by resources/style.qss.

Why a palette as well as a style sheet: Fusion draws check boxes, spin-box arrows and combo boxes
correctly from the palette alone, which QSS makes brittle; the style sheet then only shapes what
is ours (docks, tiles, empty states, the status bar). Dark, because officers watch video for hours
and a bright frame around dark classroom footage tires the eyes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleHintReturn, QStyleOption, QWidget

from widgets.resources import style_sheet

# One table, so palette and style sheet agree (style.qss repeats these values).
COLOURS = {
    "window": "#1e2126",
    "base": "#23272d",
    "alternate": "#282d34",
    "raised": "#2b3038",
    "text": "#d9dee5",
    "muted": "#8f99a6",
    "disabled": "#5d6570",
    "accent": "#3d7fd9",
    "accent_text": "#ffffff",
    "link": "#6aa8ff",
    "tooltip": "#2f353e",
}


def dark_palette() -> QPalette:
    c = {name: QColor(value) for name, value in COLOURS.items()}
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, colour in (
        (role.Window, c["window"]),
        (role.WindowText, c["text"]),
        (role.Base, c["base"]),
        (role.AlternateBase, c["alternate"]),
        (role.ToolTipBase, c["tooltip"]),
        (role.ToolTipText, c["text"]),
        (role.PlaceholderText, c["muted"]),
        (role.Text, c["text"]),
        (role.Button, c["raised"]),
        (role.ButtonText, c["text"]),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Highlight, c["accent"]),
        (role.HighlightedText, c["accent_text"]),
        (role.Link, c["link"]),
        (role.Light, QColor("#3a414b")),
        (role.Midlight, QColor("#323841")),
        (role.Mid, QColor("#2a2f36")),
        (role.Dark, QColor("#16181c")),
        (role.Shadow, QColor("#0d0f12")),
    ):
        palette.setColor(r, colour)
    for r in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        palette.setColor(group.Disabled, r, c["disabled"])
    palette.setColor(group.Disabled, role.Highlight, QColor("#39404a"))
    return palette


class ConsoleStyle(QProxyStyle):
    """Fusion without the clip-art icons some desktops put on OK/Cancel buttons."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        return_data: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, return_data)


def apply_theme(app: QApplication) -> None:
    """Call once at start-up, before the first window is shown."""
    app.setStyle(ConsoleStyle())
    app.setPalette(dark_palette())
    app.setStyleSheet(style_sheet())
