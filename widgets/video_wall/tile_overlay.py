"""What a tile says about itself: name, place, clock, fps, health dot, state text, badges, alarm.

The top band (name, place, clock, fps, dot) changes about once a second, so it is rendered into a
cached QImage and blitted on every frame instead of laying out text 25 times a second per tile
(the per-frame budget of docs/context.md). State texts and badges are drawn directly: a tile that shows one
is not playing at full rate. An alarm (an unclaimed high-severity event of the camera) is a red
frame round the tile and a red label under the band, which is also the click target that opens the
camera's recording of the moments before. GUI thread only.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QLinearGradient, QPainter, QPen

from app.video import DecodeMode, StreamState, StreamStats
from widgets.labels import event_kind_label
from widgets.scope_text import SEPARATOR, camera_within, name_within
from widgets.video_wall.tile import Tile

GREEN, AMBER, RED, GREY = QColor("#3fb27f"), QColor("#e0a030"), QColor("#e5534b"), QColor("#7d8694")
TEXT = QColor("#eef2f6")
MUTED = QColor("#b7c0cc")
ANALYSIS = QColor("#7fd1ff")
GAP = QColor("#ffb347")  # analysis paused (a coverage gap): amber, not the alarm red
NARROW_TILE = 200  # px; narrower tiles show the clock without seconds


def health_colour(tile: Tile) -> QColor:
    stats = tile.stats
    if stats is None or tile.stream_id is None:
        return GREY
    if stats.state is StreamState.PLAYING:
        return GREEN if tile.mode is DecodeMode.ALL else AMBER
    if tile.preparing_demo:
        return GREY  # nothing wrong with the camera: its demo clip is being made
    if stats.state in (StreamState.CONNECTING, StreamState.RECONNECTING) or tile.waiting_for_media:
        return AMBER
    return RED


class TileTexts(QObject):
    """Translated texts for tiles (a QObject so that lupdate and self.tr() see them)."""

    def state_text(self, tile: Tile, now: float | None = None) -> str:
        """The centre text of a tile that is not playing; "" while it plays."""
        if tile.camera is None:
            return self.tr("Drag a camera or classroom here")
        stats = tile.stats
        if tile.stream_id is None or stats is None:
            return self.tr("Paused")
        state = stats.state
        if tile.preparing_demo and state is not StreamState.PLAYING:
            return self.tr("Preparing demo video…")
        if tile.waiting_for_media and state in (StreamState.NOT_FOUND, StreamState.CONNECTING):
            return self.tr("Waiting for media…")
        if state is StreamState.PLAYING:
            return "" if tile.image is not None else self.tr("Connecting…")
        if state is StreamState.CONNECTING:
            return self.tr("Connecting…")
        if state is StreamState.RECONNECTING:
            seconds = stats.retry_in(now)
            if seconds is None:
                return self.tr("Reconnecting…")
            return self.tr("Reconnecting in %n s", "", max(1, round(seconds)))
        if state is StreamState.OFFLINE:
            since = stats.offline_since or datetime.now()
            return self.tr("Offline since %1").replace("%1", since.astimezone().strftime("%H:%M"))
        if state is StreamState.UNAUTHORISED:
            return self.tr("Unauthorised: check the camera's password")
        if state is StreamState.NOT_FOUND:
            return self.tr("Stream not found")
        if state is StreamState.ENDED:
            return self.tr("Stream ended")
        return self.tr("Closed")

    def badge_text(self, tile: Tile) -> str:
        if tile.mode is DecodeMode.SKIP_NONREF:
            return self.tr("Reduced rate")
        if tile.mode is DecodeMode.KEYFRAMES:
            return self.tr("Keyframes only")
        return ""

    def fps_text(self, fps: float) -> str:
        return self.tr("%1 fps").replace("%1", f"{fps:.0f}")

    def main_stream_text(self) -> str:
        return self.tr("Main stream")

    def alarm_text(self, tile: Tile) -> str:
        """The alarm label: kind, time and what a click does; "+N" when the camera has more."""
        texts = self.alarm_texts(tile)
        return texts[0] if texts else ""

    def alarm_texts(self, tile: Tile) -> list[str]:
        """The alarm label, longest first: a small tile shows the longest that fits (kind and time,
        then the kind alone) rather than an elided sentence."""
        alarm = tile.alarm
        if alarm is None:
            return []
        kind = event_kind_label(alarm.kind)
        more = f"  +{tile.alarm_count - 1}" if tile.alarm_count > 1 else ""
        full = self.tr("%1 %2 · play").replace("%1", kind).replace("%2", f"{alarm.started_at:%H:%M:%S}")
        return [full + more, f"{kind} {alarm.started_at:%H:%M}{more}", kind + more]

    def analysis_text(self, tile: Tile) -> str:
        """The face-analysis badge: rate and faces in the last analysed frame; "" when not analysed."""
        status = tile.analysis
        if status is None:
            return ""
        if status.interrupted_since is not None:  # a coverage gap: crashed, hung or failing to start
            return self.tr("Analysis paused since %1 · restarting").replace(
                "%1", f"{status.interrupted_since:%H:%M:%S}"
            )
        if not status.worker_ready:
            return self.tr("Analysis starting…")
        return self.tr("Analysis %1/s · %n face(s)", "", status.faces).replace("%1", f"{status.rate:.1f}")


def _small_font(base: QFont, pixel_size: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


def band_height(tile_height: int) -> int:
    """Two lines on tiles tall enough, one on small ones; never more than a third of the tile."""
    return 30 if tile_height >= 100 else 16


def band_key(tile: Tile, now: float) -> tuple[object, ...] | None:
    """What the top band of `tile` shows (None: no band); its cached image is kept while equal."""
    width, height = tile.rect.width(), band_height(tile.rect.height())
    if tile.camera is None or width < 40:
        return None
    # A narrow tile (4×4 on a laptop) keeps room for names: minutes suffice.
    clock = time.strftime("%H:%M:%S" if width >= NARROW_TILE else "%H:%M")
    fps = round(tile.displayed_fps(now))
    return (width, height, tile.camera.id, tile.place, clock, fps, health_colour(tile).name())


def band_is_current(tile: Tile, now: float) -> bool:
    """True when `render_band` would return the cached image (or no band) without laying out text."""
    key = band_key(tile, now)
    return key is None or (key == tile.overlay_key and tile.overlay is not None)


def render_band(tile: Tile, texts: TileTexts, base_font: QFont, now: float) -> QImage | None:
    """The cached top band of `tile`, re-rendered only when what it shows has changed."""
    key = band_key(tile, now)
    if key is None:
        return None
    if key == tile.overlay_key and tile.overlay is not None:
        return tile.overlay
    width, height, clock = tile.rect.width(), band_height(tile.rect.height()), str(key[4])
    fps = tile.displayed_fps(now)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0.0, QColor(0, 0, 0, 190))
    gradient.setColorAt(1.0, QColor(0, 0, 0, 90))
    painter.fillRect(image.rect(), gradient)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    two_lines = height > 20
    line = 15 if two_lines else height
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(health_colour(tile))
    painter.drawEllipse(QRectF(5, (line - 8) / 2 + 1, 8, 8))
    small = _small_font(base_font, 10)
    small_metrics = QFontMetrics(small)
    fps_text = texts.fps_text(fps)
    # Line 1: name … clock; line 2: county · site … fps (dropped on one-line tiles).
    clock_width = small_metrics.horizontalAdvance(clock) + 4
    painter.setFont(small)
    painter.setPen(MUTED)
    right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
    painter.drawText(QRect(width - clock_width - 4, 0, clock_width, line + 1), right, clock)
    name_font = _small_font(base_font, 12, bold=True)
    name_width = max(0, width - clock_width - 24)
    name = fit_title(QFontMetrics(name_font), *_title_parts(tile), name_width)
    painter.setFont(name_font)
    painter.setPen(TEXT)
    painter.drawText(QRect(17, 0, name_width, line + 1), Qt.AlignmentFlag.AlignVCenter, name)
    if two_lines:
        fps_width = small_metrics.horizontalAdvance(fps_text) + 4
        lower = QRect(0, line, width, height - line)
        painter.setFont(small)
        painter.drawText(lower.adjusted(0, 0, -4, 0), right, fps_text)
        place_width = max(0, width - fps_width - 22)
        place = small_metrics.elidedText(_place(tile), Qt.TextElideMode.ElideMiddle, place_width)
        painter.setPen(MUTED)
        painter.drawText(QRect(17, line, place_width, height - line), Qt.AlignmentFlag.AlignVCenter, place)
    painter.end()
    tile.overlay, tile.overlay_key = image, key
    return image


def _place(tile: Tile) -> str:
    """County and site (the classroom is already in the title), the site without the county's name
    in front of it (七星关区 · 七星关区车管所 → 七星关区 · 车管所), as in the tree."""
    parts = tile.place.split(SEPARATOR)
    if len(parts) >= 3:
        county, site = parts[0], parts[1]
        return f"{county}{SEPARATOR}{name_within(site, county)}"
    return tile.place.rsplit(SEPARATOR, 1)[0] if SEPARATOR in tile.place else tile.place


def _title_parts(tile: Tile) -> tuple[str, str]:
    """(classroom, camera) for the title, the camera without the words it repeats from the room."""
    camera = tile.camera
    assert camera is not None
    classroom = tile.place.rsplit(SEPARATOR, 1)[-1] if tile.place else ""
    return classroom, camera_within(camera.name, classroom) if classroom else camera.name


def fit_title(metrics: QFontMetrics, classroom: str, camera: str, width: int) -> str:
    """ "classroom camera" in `width` px: when it does not fit, the classroom is shortened first,
    because the camera's part is what tells two tiles of one room apart (前方 / 后方)."""
    full = f"{classroom} {camera}".strip()
    if metrics.horizontalAdvance(full) <= width or not classroom:
        return metrics.elidedText(full, Qt.TextElideMode.ElideRight, width)
    room_width = width - metrics.horizontalAdvance(f" {camera}")
    if room_width >= metrics.horizontalAdvance(classroom[:2] + "…"):
        return metrics.elidedText(classroom, Qt.TextElideMode.ElideRight, room_width) + f" {camera}"
    return metrics.elidedText(full, Qt.TextElideMode.ElideRight, width)


def draw_state(painter: QPainter, tile: Tile, text: str, base_font: QFont) -> None:
    """The centre text of a tile that shows no live picture, word-wrapped to the tile."""
    rect = tile.rect.adjusted(8, band_height(tile.rect.height()) + 4, -8, -8)
    size = 15 if tile.rect.height() >= 200 else 12
    painter.setFont(_small_font(base_font, size, bold=tile.camera is not None))
    painter.setPen(MUTED if tile.camera is None else TEXT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


def draw_badge(painter: QPainter, tile: Tile, text: str, base_font: QFont, colour: QColor = AMBER) -> int:
    """A small pill in the bottom-left corner (reduced decoding, main stream); returns its right edge."""
    font = _small_font(base_font, 11, bold=True)
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
    corner = tile.rect.bottomLeft() + QPoint(6, -height - 5)
    box = QRect(corner, corner + QPoint(width, height))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 170))
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    return box.right()


def draw_analysis_badge(
    painter: QPainter, tile: Tile, texts: TileTexts, base_font: QFont, beside: int | None = None
) -> None:
    """A small pill in the bottom-right corner saying the camera is analysed, and how fast. Rendered
    into a cached image when its text changes (about once a second at most), blitted per frame.
    `beside`: the right edge of a bottom-left pill; on a narrow tile this one goes above it then."""
    status = tile.analysis
    if status is None or tile.rect.height() < 60 or tile.rect.width() < 120:
        return
    key = (round(status.rate, 1), status.faces, status.worker_ready, status.interrupted_since)
    if key != tile.analysis_badge_key or tile.analysis_badge is None:
        text = texts.analysis_text(tile)
        font = _small_font(base_font, 11, bold=True)
        metrics = QFontMetrics(font)
        width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 170))
        p.drawRoundedRect(QRectF(0, 0, width, height), 4, 4)
        p.setFont(font)
        p.setPen(GAP if status.interrupted_since else ANALYSIS if status.worker_ready else MUTED)
        p.drawText(QRect(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        tile.analysis_badge, tile.analysis_badge_key = image, key
    badge = tile.analysis_badge
    assert badge is not None
    corner = tile.rect.bottomRight() - QPoint(badge.width() + 5, badge.height() + 4)
    if beside is not None and corner.x() < beside + 4:  # they would overlap: one row up
        corner -= QPoint(0, badge.height() + 4)
    painter.drawImage(corner, badge)


def draw_alarm(painter: QPainter, tile: Tile, texts: TileTexts, base_font: QFont) -> None:
    """The alarm's red frame and label (under the top band, elided to the tile); remembers the
    label's rectangle on the tile for the click. Drawn per paint: only alarmed tiles pay for it."""
    if tile.alarm is None:
        tile.alarm_rect = QRect()
        return
    rect = tile.rect
    painter.setPen(QPen(RED, 4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(2, 2, -2, -2))
    font = _small_font(base_font, 12 if rect.height() >= 100 else 10, bold=True)
    metrics = QFontMetrics(font)
    room = max(0, rect.width() - 28)
    choices = texts.alarm_texts(tile)
    text = next((t for t in choices if metrics.horizontalAdvance(t) <= room), None)
    text = text or metrics.elidedText(choices[-1], Qt.TextElideMode.ElideRight, room)
    box = QRect(0, 0, metrics.horizontalAdvance(text) + 14, metrics.height() + 6)
    box.moveTopLeft(rect.topLeft() + QPoint(6, band_height(rect.height()) + 4))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RED)
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(font)
    painter.setPen(TEXT)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    tile.alarm_rect = box


def stats_state(stats: StreamStats | None) -> str:
    return "none" if stats is None else stats.state.value
