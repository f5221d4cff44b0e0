"""The video wall's one painting widget: every tile's picture and overlay in a single paintEvent.

Why one widget rather than a QLabel per tile (docs/context.md, budgets): a label per tile means a
QPixmap conversion, a layout pass and a separate paint per frame per tile, which starved the GUI
thread at about 20 × 360p here. This widget paints each tile's newest frame straight from the
decoder's BGRA array (QImage.Format_RGB32 wrapping the numpy buffer, no copy, no scaling when the
decoder already converted to the tile's size), and repaints only the rectangles of tiles that got
a new frame. The overlay's text band is cached per tile (tile_overlay.py). A click on an alarmed
tile's label asks for its recording (`alarm_clicked`) instead of selecting or dragging the tile.

Threads: GUI thread only. Decoder threads never touch this widget; they fill the tiles' slots and
the stream controller schedules `update(rect)` calls here at display rate.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from app.video.wall_layout import LAYOUTS, WallLayout
from widgets.video_wall.camera_mime import cameras_from_mime, cameras_mime
from widgets.video_wall.tile import Tile
from widgets.video_wall.tile_overlay import (
    TileTexts,
    band_height,
    band_is_current,
    draw_alarm,
    draw_analysis_badge,
    draw_badge,
    draw_state,
    render_band,
)

BACKGROUND = QColor("#101216")
TILE_BACKGROUND = QColor("#181b20")
SELECTED = QColor("#3d7fd9")
DROP_TARGET = QColor("#6aa8ff")
GAP = 2
# How long one paint may spend laying out new tile bands (render_band). The first paint of a 4×4
# wall laid out sixteen bands of Chinese text at once, each glyph rasterised for the first time:
# 100–230 ms of the GUI thread. Past the budget a tile shows its previous band (or none yet) and
# gets its new one at the next paint, which is asked for at once; each paint renders at least one.
BAND_BUDGET_S = 0.010


class WallCanvas(QWidget):
    tile_dropped = Signal(int, list)  # (tile index, camera ids)
    maximise_toggled = Signal(int)  # tile index (double-click)
    context_menu_requested = Signal(int, QPoint)  # (tile index, global position)
    alarm_clicked = Signal(int)  # tile index whose alarm label was clicked
    geometry_changed = Signal()  # tiles moved or resized: the controller updates target sizes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallCanvas")
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setMinimumSize(QSize(160, 90))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Every pixel is painted here (background, pictures), so Qt need not clear first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.texts = TileTexts(self)
        self.tiles: list[Tile] = []
        self.layout_spec: WallLayout = LAYOUTS["2x2"]
        self.maximised: int | None = None
        self.selected: int | None = None
        self._drop_target: int | None = None
        self._press: tuple[int, QPoint] | None = None
        self.paint_count = 0  # paintEvents so far, for tests and the benchmark
        self._band_deadline = 0.0  # perf_counter() until which this paint may render new bands
        self._bands_rendered = 0  # new bands rendered in this paint
        self._late_bands: set[int] = set()  # tiles whose band waits for the next paint

    # -- layout

    def set_tiles(self, layout: WallLayout, tiles: list[Tile]) -> None:
        self.layout_spec, self.tiles = layout, tiles
        if self.maximised is not None and self.maximised >= len(tiles):
            self.maximised = None
        self.relayout()

    def set_maximised(self, index: int | None) -> None:
        self.maximised = index
        self.relayout()

    def relayout(self) -> None:
        """Place the tiles for the current size, layout and maximised tile, then repaint all."""
        rects = self.layout_spec.rects(self.width(), self.height(), GAP)
        for tile, (x, y, w, h) in zip(self.tiles, rects, strict=False):
            tile.rect = QRect(x, y, w, h)
        if self.maximised is not None:
            for tile in self.tiles:
                tile.rect = self.rect() if tile.index == self.maximised else QRect()
        self.geometry_changed.emit()
        self.update()

    def visible_tiles(self) -> list[Tile]:
        return [t for t in self.tiles if not t.rect.isEmpty()]

    def tile_at(self, pos: QPoint) -> int | None:
        for tile in self.visible_tiles():
            if tile.rect.contains(pos):
                return tile.index
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paint_count += 1
        now = time.monotonic()
        region = event.region()
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        font = self.font()
        self._band_deadline, self._bands_rendered = time.perf_counter() + BAND_BUDGET_S, 0
        late_before = bool(self._late_bands)
        for tile in self.visible_tiles():
            if not region.intersects(tile.rect):
                continue
            tile.take_frame(now)
            self._paint_tile(painter, tile, font, now)
        painter.end()
        if self._late_bands and not late_before:
            QTimer.singleShot(0, self._paint_late_bands)

    def _paint_tile(self, painter: QPainter, tile: Tile, font: object, now: float) -> None:
        rect = tile.rect
        image = tile.image
        state = self.texts.state_text(tile, now)
        if image is None or state:
            painter.fillRect(rect, TILE_BACKGROUND)
        if image is not None and not state:
            size = image.size()
            if size.width() <= rect.width() and size.height() <= rect.height():
                # The decoder converted to this tile's size: a plain blit, centred (letterboxed).
                target = QRect(QPoint(0, 0), size)
                target.moveCenter(rect.center())
                if target != rect:
                    painter.fillRect(rect, TILE_BACKGROUND)
                painter.drawImage(target.topLeft(), image)
            else:
                # A frame still at the previous, larger size (the tile just shrank): scale it once.
                fitted = size.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(QPoint(0, 0), fitted)
                target.moveCenter(rect.center())
                painter.fillRect(rect, TILE_BACKGROUND)
                painter.drawImage(target, image)
        band = self._band(tile, font, now)  # type: ignore[arg-type]
        if band is not None:
            painter.drawImage(rect.topLeft(), band)
        if state:
            draw_state(painter, tile, state, font)  # type: ignore[arg-type]
        badge = self.texts.badge_text(tile)
        left_badge_end = None  # where the bottom-left pill ends: the analysis pill must not cover it
        if badge and rect.height() >= 60:
            left_badge_end = draw_badge(painter, tile, badge, font)  # type: ignore[arg-type]
        elif tile.main_stream and rect.height() >= 60:
            left_badge_end = draw_badge(painter, tile, self.texts.main_stream_text(), font, QColor("#6aa8ff"))  # type: ignore[arg-type]
        draw_analysis_badge(painter, tile, self.texts, font, beside=left_badge_end)  # type: ignore[arg-type]
        draw_alarm(painter, tile, self.texts, font)  # type: ignore[arg-type]
        if tile.index in (self.selected, self._drop_target):
            colour = DROP_TARGET if tile.index == self._drop_target else SELECTED
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def _band(self, tile: Tile, font: QFont, now: float) -> QImage | None:
        """The tile's top band, or while this paint is over its budget the previous one if it still
        fits (None if not): the new one follows at the next paint."""
        if band_is_current(tile, now):
            self._late_bands.discard(tile.index)
            return render_band(tile, self.texts, font, now)
        if self._bands_rendered == 0 or time.perf_counter() < self._band_deadline:
            self._bands_rendered += 1
            self._late_bands.discard(tile.index)
            return render_band(tile, self.texts, font, now)
        self._late_bands.add(tile.index)
        stale = tile.overlay
        fits = stale is not None and stale.size() == QSize(tile.rect.width(), band_height(tile.rect.height()))
        return stale if fits else None

    def _paint_late_bands(self) -> None:
        late, self._late_bands = self._late_bands, set()
        for index in late:
            self._update_tile(index)

    # -- mouse

    def alarm_at(self, pos: QPoint) -> int | None:
        """The tile whose alarm label is at `pos`."""
        for tile in self.visible_tiles():
            if tile.alarm is not None and tile.alarm_rect.contains(pos):
                return tile.index
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        alarm = self.alarm_at(pos) if event.button() == Qt.MouseButton.LeftButton else None
        if alarm is not None:
            self._press = None
            self.alarm_clicked.emit(alarm)
            return
        index = self.tile_at(pos)
        if event.button() == Qt.MouseButton.LeftButton and index is not None:
            self._press = (index, event.position().toPoint())
            if self.selected != index:
                previous = self.selected
                self.selected = index
                self._update_tile(previous)
                self._update_tile(index)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        index, origin = press
        if (event.position().toPoint() - origin).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        camera = self.tiles[index].camera
        if camera is None:
            return
        drag = QDrag(self)  # a tile dragged onto another swaps the two cameras
        drag.setMimeData(cameras_mime([camera.id]))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        index = self.tile_at(pos)
        if index is not None and event.button() == Qt.MouseButton.LeftButton and self.alarm_at(pos) is None:
            self.maximise_toggled.emit(index)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.tile_at(event.pos())
        if index is not None:
            self.selected = index
            self.update()
            self.context_menu_requested.emit(index, event.globalPos())

    # -- drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if cameras_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        index = self.tile_at(event.position().toPoint())
        if index is None or not cameras_from_mime(event.mimeData()):
            event.ignore()
            return
        event.acceptProposedAction()
        if index != self._drop_target:
            previous, self._drop_target = self._drop_target, index
            self._update_tile(previous)
            self._update_tile(index)

    def dragLeaveEvent(self, event: object) -> None:
        previous, self._drop_target = self._drop_target, None
        self._update_tile(previous)

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.tile_at(event.position().toPoint())
        cameras = cameras_from_mime(event.mimeData())
        previous, self._drop_target = self._drop_target, None
        self._update_tile(previous)
        if index is None or not cameras:
            event.ignore()
            return
        event.acceptProposedAction()
        self.tile_dropped.emit(index, cameras)

    def _update_tile(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.tiles):
            self.update(self.tiles[index].rect)
