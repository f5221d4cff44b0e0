"""Snapshot thumbnails: decoded and scaled on a worker thread, cached as pixmaps on the GUI thread.

A table of a million events asks for a few dozen thumbnails at a time (only painted rows ask).
QImage may be used off the GUI thread, QPixmap may not: the worker returns a scaled QImage and the
GUI thread converts it. Missing or unreadable files are remembered as such, so they are not retried
on every repaint.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from app.tasks import TaskRunner


def load_scaled(path: str, size: QSize) -> QImage | None:
    """Worker thread: read `path` scaled to fit `size` (JPEG decodes at reduced size, cheaply)."""
    reader = QImageReader(path)
    if not reader.canRead():
        return None
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class ThumbnailCache(QObject):
    """`get(path)` answers at once (None while loading); `ready(path)` says when to ask again."""

    ready = Signal(str)

    def __init__(self, tasks: TaskRunner, size: QSize, capacity: int = 400, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks = tasks
        self._size = size
        self._capacity = capacity
        self._pixmaps: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._loading: set[str] = set()

    def get(self, path: str) -> QPixmap | None:
        if not path:
            return None
        if path in self._pixmaps:
            self._pixmaps.move_to_end(path)
            return self._pixmaps[path]
        if path not in self._loading:
            self._loading.add(path)
            size = self._size
            self._tasks.run(
                lambda: load_scaled(path, size),
                lambda image: self._loaded(path, image),
                lambda _error: self._loaded(path, None),
            )
        return self._pixmaps.get(path)  # loaded already when the runner is synchronous

    def _loaded(self, path: str, image: QImage | None) -> None:  # GUI thread
        self._loading.discard(path)
        self._pixmaps[path] = None if image is None else QPixmap.fromImage(image)
        while len(self._pixmaps) > self._capacity:
            self._pixmaps.popitem(last=False)
        if image is not None:
            self.ready.emit(path)
