"""Binds the wall's tiles to decoder-pool streams: opening, sizing, repaint scheduling, adaptation.

Threads:
- Decoder threads call `_on_frame(stream_id)` / `_on_state(stream_id)` with no payload (a
  cross-thread Signal carrying a QImage crashed PySide6 here: docs/context.md, "Dependencies").
  They add the id to a set under a lock and, if no wake-up is pending, emit ONE payload-free
  queued signal; the GUI thread then repaints the rectangles of the tiles that have news, at most
  once per `PAINT_INTERVAL_MS`, so 16 streams × 25 fps become ≤100 coalesced paints a second
  instead of 400 queued events.
- Everything else runs on the GUI thread. `DecoderPool.open_stream` / `close_stream` return at once:
  av.open, reads and container.close happen in the stream's own decoder thread, so a dead camera
  never blocks the GUI or another tile.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.video import DecodeMode, DecoderPool, PixelFormat, StreamSource, StreamState, fit_size
from app.video.adaptive import AdaptiveDecoder, LoadSample, TileSample
from app.video.stream_events import StreamLossTracker
from app.video.wall_stats import TileFigures
from widgets.video_wall.tile import Tile
from widgets.video_wall.wall_canvas import WallCanvas

if TYPE_CHECKING:
    from app.context import FaceAnalysis, WallRecording
    from app.workspace_plugin import MediaInPreparation

PAINT_INTERVAL_MS = 10  # cap of coalesced repaints: 100 Hz, above any camera's rate
HEARTBEAT_MS = 20  # GUI lateness probe
TICK_MS = 1000  # stats, overlay clock, adaptation, events
_FAILING = (StreamState.OFFLINE, StreamState.UNAUTHORISED, StreamState.NOT_FOUND, StreamState.RECONNECTING)

FileCheck = Callable[[list[Path], Callable[[list[bool]], None]], None]


class WallStreams(QObject):
    _wake = Signal()  # payload-free; emitted from decoder threads, delivered queued on the GUI thread
    health_changed = Signal(int, int, int)  # (open streams, failing, waiting for demo clips being made)

    def __init__(
        self,
        pool: DecoderPool,
        canvas: WallCanvas,
        *,
        loss_tracker: StreamLossTracker | None = None,
        check_files: FileCheck | None = None,
        adaptive: AdaptiveDecoder | None = None,
        recording: WallRecording,
        analysis: FaceAnalysis,
        media_in_preparation: MediaInPreparation,
    ) -> None:
        super().__init__(canvas)
        self.pool = pool
        self._preparing = media_in_preparation
        self._analysis = analysis
        analysis.attach(pool)
        self._recording = recording
        self.canvas = canvas
        self.adaptive = adaptive or AdaptiveDecoder()
        self._loss = loss_tracker
        self._check_files = check_files
        self._lock = threading.Lock()  # guards _dirty and _wake_pending (decoder threads write them)
        self._dirty: set[str] = set()
        self._wake_pending = False
        self._by_stream: dict[str, Tile] = {}
        self._expected_fps: dict[str, float] = {}
        self._last_dropped: dict[str, int] = {}
        self._active = False
        self._last_tick = time.monotonic()
        self._last_paint = 0.0
        self.worst_lateness = 0.0  # seconds, since the last tick
        self.worst_lateness_run = 0.0  # seconds, over the whole run (for --stats and the benchmark)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._paint_timer.timeout.connect(self._flush)
        self._heartbeat = QTimer(self)
        self._heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self._last_beat = time.monotonic()
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(TICK_MS)
        self._tick_timer.timeout.connect(self.tick)
        canvas.geometry_changed.connect(self.update_target_sizes)

    # -- lifetime

    def start(self) -> None:
        self._heartbeat.start()
        self._tick_timer.start()

    def stop(self) -> None:
        """Close every stream (returns at once; the pool's threads finish on their own)."""
        self._heartbeat.stop()
        self._tick_timer.stop()
        self._paint_timer.stop()
        for tile in list(self._by_stream.values()):
            self.unbind(tile)

    # -- binding tiles to streams (GUI thread)

    def bind(self, tile: Tile, *, main_stream: bool = False) -> None:
        """Open the stream of `tile.camera` for the tile (sub stream unless `main_stream`)."""
        camera = tile.camera
        if camera is None:
            self.unbind(tile)
            return
        source = StreamSource.for_camera(camera, main_stream=main_stream, loop=True)
        if tile.stream_id is not None and tile.source == source:
            tile.main_stream = main_stream
            return  # same address (demo cameras have main = sub): keep the stream, only resize
        self.unbind(tile, keep_camera=True)
        stream_id = f"camera-{camera.id}-{'main' if main_stream else 'sub'}"
        if stream_id in self._by_stream:  # the same camera twice on a wall cannot happen; be safe
            self.unbind(self._by_stream[stream_id], keep_camera=True)
        tile.slot = self.pool.open_stream(
            stream_id,
            source,
            target_size=self._target_size(tile),
            pixel_format=PixelFormat.BGRA,
            on_frame=self._on_frame,
            on_state=self._on_state,
            on_packet=self._recording.packet_callback(camera.id),
            decode_mode=self._effective_mode(stream_id, tile),
        )
        # The same demuxed packets, remuxed into segments: starting costs a thread, no disk wait.
        self._recording.start(camera.id, stream_id)
        tile.stream_id, tile.source, tile.main_stream = stream_id, source, main_stream
        tile.mode = self._effective_mode(stream_id, tile)
        self._by_stream[stream_id] = tile
        self._last_dropped[stream_id] = 0
        self.canvas.update(tile.rect)

    def unbind(self, tile: Tile, *, keep_camera: bool = False) -> None:
        stream_id = tile.stream_id
        if stream_id is not None:
            self._by_stream.pop(stream_id, None)
            if tile.camera is not None:
                self._recording.stop_soon(tile.camera.id)
            self.adaptive.forget(stream_id)
            if self._loss is not None:
                self._loss.forget(stream_id, now=datetime.now().astimezone())
            # Returns at once, never waiting for the thread; RuntimeError: the pool is already stopped.
            with contextlib.suppress(RuntimeError):
                self.pool.close_stream(stream_id)
        camera = tile.camera
        tile.unbind()
        if keep_camera:
            tile.camera = camera
        self.canvas.update(tile.rect)

    def restart(self, tile: Tile) -> None:
        """Reconnect now (the officer fixed the password, or does not want to wait for the backoff)."""
        if tile.stream_id is not None:
            self.pool.restart_stream(tile.stream_id)

    def tiles(self) -> list[Tile]:
        return list(self._by_stream.values())

    # -- sizes and modes

    def _target_size(self, tile: Tile) -> tuple[int, int] | None:
        if tile.rect.isEmpty():
            return (160, 90)  # not shown (another tile is maximised): keep frames tiny
        ratio = self.canvas.devicePixelRatioF()
        box = (max(2, int(tile.rect.width() * ratio)), max(2, int(tile.rect.height() * ratio)))
        source = tile.stats.source_size if tile.stats is not None else None
        if source is None:
            return fit_size((16, 9), box)
        fitted = fit_size(source, box)
        if fitted[0] > source[0]:
            return fit_size(source, source)  # never upscale in the decoder; the painter scales
        return fitted

    @Slot()
    def update_target_sizes(self) -> None:
        for stream_id, tile in list(self._by_stream.items()):
            self.pool.set_target_size(stream_id, self._target_size(tile))
        self._apply_modes()

    def _effective_mode(self, stream_id: str, tile: Tile) -> DecodeMode:
        if not self._active or tile.rect.isEmpty():
            # Not on screen: one frame per GOP keeps the tile warm, cheaply.
            return DecodeMode.KEYFRAMES
        return self.adaptive.mode_of(stream_id)

    def set_active(self, active: bool) -> None:
        """The wall is on screen (True) or hidden/minimised (False): full rate vs keyframes only."""
        if active == self._active:
            return
        self._active = active
        self._apply_modes()
        if active:
            self.canvas.update()

    @property
    def active(self) -> bool:
        return self._active

    def _apply_modes(self) -> None:
        for stream_id, tile in self._by_stream.items():
            mode = self._effective_mode(stream_id, tile)
            if mode is not tile.mode:
                tile.mode = mode
                self.pool.set_decode_mode(stream_id, mode)
                self.canvas.update(tile.rect)

    # -- frames: decoder threads → one queued wake-up → coalesced repaints

    def _on_frame(self, stream_id: str) -> None:  # decoder thread
        with self._lock:
            self._dirty.add(stream_id)
            if self._wake_pending:
                return
            self._wake_pending = True
        self._wake.emit()

    def _on_state(self, stream_id: str) -> None:  # decoder thread: repaint the tile's state text
        self._on_frame(stream_id)

    @Slot()
    def _on_wake(self) -> None:
        if self._paint_timer.isActive():
            return
        wait = PAINT_INTERVAL_MS - (time.monotonic() - self._last_paint) * 1000
        self._paint_timer.start(max(0, int(wait)))

    @Slot()
    def _flush(self) -> None:
        with self._lock:
            dirty, self._dirty = self._dirty, set()
            self._wake_pending = False
        self._last_paint = time.monotonic()
        for stream_id in dirty:
            tile = self._by_stream.get(stream_id)
            if tile is not None and not tile.rect.isEmpty():
                self.canvas.update(tile.rect)

    # -- once a second: stats, overlays, adaptation, events, health

    @Slot()
    def _beat(self) -> None:
        now = time.monotonic()
        lateness = now - self._last_beat - HEARTBEAT_MS / 1000
        self._last_beat = now
        self.worst_lateness = max(self.worst_lateness, lateness)
        self.worst_lateness_run = max(self.worst_lateness_run, lateness)

    @Slot()
    def tick(self) -> None:
        now = time.monotonic()
        interval, self._last_tick = max(0.1, now - self._last_tick), now
        wall_now = datetime.now().astimezone()
        samples, failing, preparing, missing = [], 0, 0, []
        for stream_id, tile in list(self._by_stream.items()):
            try:
                stats = self.pool.stats(stream_id)
            except KeyError:
                continue
            first_size = tile.stats is None or tile.stats.source_size != stats.source_size
            tile.stats = stats
            if first_size and stats.source_size is not None:
                self.pool.set_target_size(stream_id, self._target_size(tile))
            path = tile.source.file_path if tile.source is not None else None
            # A clip still being rendered is not a faulty stream: counted apart.
            tile.preparing_demo = (
                stats.state is not StreamState.PLAYING
                and path is not None
                and self._preparing.preparing(path)
            )
            if tile.preparing_demo:
                preparing += 1
            elif stats.state in _FAILING:
                failing += 1
            if stats.state is StreamState.NOT_FOUND and path is not None:
                missing.append((tile, path))
            elif tile.waiting_for_media and stats.state is StreamState.PLAYING:
                tile.waiting_for_media = False
            if self._loss is not None and tile.camera is not None:
                self._loss.observe(
                    stream_id,
                    tile.camera.id,
                    tile.camera.classroom_id,
                    stats.state,
                    now=wall_now,
                    monotonic=now,
                    lost_since=stats.offline_since,
                )
            if not tile.rect.isEmpty():  # tiles off screen decode keyframes anyway
                samples.append(self._sample(stream_id, tile, interval))
            self.canvas.update(tile.rect)  # the clock, fps and state texts move once a second
        self._update_analysis()
        if self._active:
            changes = self.adaptive.update(
                LoadSample(tuple(samples), interval=interval, gui_lateness=max(0.0, self.worst_lateness))
            )
            if changes:
                self._apply_modes()
        self.worst_lateness = 0.0
        if missing:
            self._check_missing(missing)
        self.health_changed.emit(len(self._by_stream), failing, preparing)

    def _update_analysis(self) -> None:
        """Tell face analysis which cameras the page shows, and adopt its latest statuses for the
        tiles' badges (a lock-guarded dict copy: no cross-thread signal, no blocking)."""
        analysis = self._analysis
        visible: dict[int, str] = {}
        for tile in sorted(self._by_stream.values(), key=lambda t: t.index):  # page order
            if tile.camera is not None and tile.stream_id is not None:
                visible[tile.camera.id] = tile.stream_id
        analysis.set_visible(visible)
        statuses = analysis.statuses()
        for tile in self._by_stream.values():
            tile.analysis = statuses.get(tile.camera.id) if tile.camera is not None else None

    def _sample(self, stream_id: str, tile: Tile, interval: float) -> TileSample:
        stats = tile.stats
        assert stats is not None
        dropped = stats.frames_dropped - self._last_dropped.get(stream_id, 0)
        self._last_dropped[stream_id] = stats.frames_dropped
        playing = stats.state is StreamState.PLAYING
        if playing and tile.mode is DecodeMode.ALL and stats.frames_decoded > 75:
            # The source's rate: the best the stream has delivered while decoding every frame.
            self._expected_fps[stream_id] = max(self._expected_fps.get(stream_id, 0.0), stats.decoded_fps)
        priority = 2 if self.canvas.maximised == tile.index else 1 if tile.rect.width() > 480 else 0
        return TileSample(
            key=stream_id,
            mode=tile.mode,
            playing=playing,
            decoded_fps=stats.decoded_fps,
            expected_fps=self._expected_fps.get(stream_id, 0.0),
            dropped=max(0, dropped),
            priority=priority,
            index=tile.index,
        )

    def _check_missing(self, missing: list[tuple[Tile, Path]]) -> None:
        """A demo clip may not be rendered yet at first start: wait for it and retry as soon as it
        appears instead of waiting out the NOT_FOUND backoff. The existence check is disk I/O, so it
        runs on the task runner when there is one."""

        def done(exists: list[bool]) -> None:
            for (tile, _path), present in zip(missing, exists, strict=True):
                if tile.stream_id is None:
                    continue
                tile.waiting_for_media = True
                if present:
                    self.pool.restart_stream(tile.stream_id)

        paths = [path for _tile, path in missing]
        if self._check_files is None:
            done([path.exists() for path in paths])
        else:
            self._check_files(paths, done)

    # -- figures

    def figures(self, tiles: list[Tile]) -> list[TileFigures]:
        out = []
        for tile in tiles:
            if tile.stream_id is not None:  # fresh figures rather than the last tick's
                with contextlib.suppress(KeyError):
                    tile.stats = self.pool.stats(tile.stream_id)
            stats = tile.stats
            camera = tile.camera
            out.append(
                TileFigures(
                    tile=tile.index,
                    camera_id=camera.id if camera else None,
                    camera=f"{tile.place} · {camera.name}" if camera else "",
                    state=stats.state.value if stats else "none",
                    displayed_fps=round(tile.average_displayed_fps(), 2),
                    displayed_fps_recent=round(tile.displayed_fps(), 2),
                    decoded_fps=round(stats.decoded_fps, 2) if stats else 0.0,
                    frames_displayed=tile.displayed,
                    frames_decoded=stats.frames_decoded if stats else 0,
                    dropped_frames=stats.frames_dropped if stats else 0,
                    reconnects=stats.reconnects if stats else 0,
                    decode_mode=tile.mode.name,
                    main_stream=tile.main_stream,
                )
            )
        return out
