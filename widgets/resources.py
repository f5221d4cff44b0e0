"""Where the console's packaged assets live: SVG icons and the style sheet, by path, no .qrc.

The files sit in `resources/` next to the `widgets` package (PyInstaller keeps that layout). They are
small and read once, when the window is built at start-up; the icon cache means no slot or paint
handler ever reads a file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
ICONS_DIR = RESOURCES_DIR / "icons"
STYLE_SHEET = RESOURCES_DIR / "style.qss"


def icon_path(name: str) -> Path:
    return ICONS_DIR / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """The SVG icon `resources/icons/<name>.svg`, cached; an empty icon if it does not exist."""
    path = icon_path(name)
    return QIcon(str(path)) if path.is_file() else QIcon()


def style_sheet() -> str:
    """The application style sheet. Called once by the composition root before the window shows.

    QSS resolves url() against the working directory, not the sheet, so the sheet names the icon
    folder as @ICONS@ and we substitute the real path here.
    """
    try:
        text = STYLE_SHEET.read_text(encoding="utf-8")
    except OSError:
        return ""  # an unstyled console still works
    return text.replace("@ICONS@", ICONS_DIR.as_posix())
