"""The drag-and-drop payload for cameras: a JSON list of camera ids under one private MIME type.

The county tree puts every enabled camera under the dragged node in it (a classroom's one or two
cameras, or a whole site's); a tile dragged to another tile carries its one camera.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData

CAMERAS_MIME = "application/x-liangjiao-cameras"


def cameras_mime(camera_ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERAS_MIME, QByteArray(json.dumps(camera_ids).encode("ascii")))
    return data


def cameras_from_mime(data: QMimeData) -> list[int]:
    """The camera ids in a drop, or [] when the drop is not ours or is malformed."""
    if not data.hasFormat(CAMERAS_MIME):
        return []
    try:
        values = json.loads(bytes(data.data(CAMERAS_MIME).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [v for v in values if isinstance(v, int)] if isinstance(values, list) else []
