"""The decoder pool: one demux-and-decode task per open stream on a bounded set of threads.

    pool = DecoderPool(max_streams=32)
    slot = pool.open_stream("cam-7", StreamSource.for_camera(camera), target_size=(640, 360),
                            on_frame=wall.frame_ready)       # on_frame(stream_id), from a decoder thread
    frame = slot.take()                                      # newest converted frame or None
    pool.close_stream("cam-7"); pool.stop()

No call blocks on the network. Each stream holds one "video-decode-<id>" thread for its life: FFmpeg's
reads block, so tasks cannot be time-sliced. `max_streams` bounds the threads and `open_stream` raises
PoolFullError beyond it rather than queue a stream for ever (as an executor would); a closed stream
still inside a blocking read counts until its timeout. A "video-watchdog" thread reconnects stalled
streams. Threads are daemons, so a forgotten `stop()` cannot hang the exit.
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType

from app.video.frame_output import FrameCallback, FrameTap, Size
from app.video.latest_frame import LatestFrameSlot, PixelFormat
from app.video.stream_source import StreamSource
from app.video.stream_state import DecodeMode, ReconnectPolicy, StreamStats
from app.video.stream_worker import CredentialsLoader, PacketCallback, StateCallback, StreamWorker

log = logging.getLogger(__name__)

DISPLAY_TAP = "display"


class PoolFullError(RuntimeError):
    """All decoder threads are taken; close a stream first (or build the pool with more)."""


class DecoderPool:
    def __init__(
        self,
        max_streams: int = 32,
        *,
        policy: ReconnectPolicy | None = None,
        stall_timeout: float = 8.0,
        watchdog_interval: float = 0.5,
        decoder_threads: int = 1,
        load_credentials: CredentialsLoader | None = None,
    ) -> None:
        if max_streams < 1:
            raise ValueError("max_streams must be at least 1")
        self.max_streams = max_streams
        self.policy = policy or ReconnectPolicy()
        self.stall_timeout = stall_timeout
        self._decoder_threads = decoder_threads
        self._load_credentials = load_credentials
        self._lock = threading.Lock()  # guards the two dicts below and _stopped
        self._workers: dict[str, StreamWorker] = {}
        self._running: dict[StreamWorker, threading.Thread] = {}  # includes closed ones not yet returned
        self._stopped = False
        self._watchdog_stop = threading.Event()
        self._watchdog_interval = watchdog_interval
        self._watchdog = threading.Thread(target=self._watch, name="video-watchdog", daemon=True)
        self._watchdog.start()

    # ----- streams -----

    def open_stream(
        self,
        stream_id: str,
        source: StreamSource,
        *,
        target_size: Size | None = None,
        pixel_format: PixelFormat = PixelFormat.RGB24,
        on_frame: FrameCallback | None = None,
        on_state: StateCallback | None = None,
        on_packet: PacketCallback | None = None,
        decode_mode: DecodeMode = DecodeMode.ALL,
    ) -> LatestFrameSlot:
        """Start decoding `source`; returns the display slot at once (the open happens in the pool).

        `on_frame(stream_id)`, `on_state(stream_id)` and `on_packet(stream_id, packet)` are called from
        the stream's decoder thread: keep them short and thread-safe (set a flag, post an event).
        """
        display = FrameTap(DISPLAY_TAP, target_size=target_size, pixel_format=pixel_format, on_frame=on_frame)
        kwargs = {} if self._load_credentials is None else {"load_credentials": self._load_credentials}
        worker = StreamWorker(
            stream_id,
            source,
            display,
            policy=self.policy,
            decode_mode=decode_mode,
            on_state=on_state,
            on_packet=on_packet,
            decoder_threads=self._decoder_threads,
            **kwargs,
        )
        with self._lock:
            if self._stopped:
                raise RuntimeError("the decoder pool is stopped")
            if stream_id in self._workers:
                raise ValueError(f"stream {stream_id!r} is already open")
            self._reap()
            if len(self._running) >= self.max_streams:
                raise PoolFullError(
                    f"all {self.max_streams} decoder threads are busy "
                    f"({len(self._workers)} open streams, {len(self._running) - len(self._workers)} closing)"
                )
            # Daemon: a forgotten pool must not hold the process open (a live stream never ends).
            thread = threading.Thread(target=worker.run, name=f"video-decode-{stream_id}", daemon=True)
            self._workers[stream_id] = worker
            self._running[worker] = thread
            thread.start()
        log.info("stream %r opening %s", stream_id, source.masked_url())
        return display.slot

    def close_stream(self, stream_id: str, *, wait: float = 0.0) -> bool:
        """Stop a stream. Returns at once unless `wait` > 0; True when its thread has finished.

        A thread inside a blocking open/read finishes when that call's timeout expires; the caller is
        never held up by it unless it asks to wait.
        """
        with self._lock:
            worker = self._workers.pop(stream_id, None)
        if worker is None:
            return True
        worker.cancel()
        return worker.done.wait(wait) if wait > 0 else worker.done.is_set()

    def restart_stream(self, stream_id: str) -> None:
        """Reconnect now with a fresh backoff: after a password change, or from an UNAUTHORISED tile."""
        self._worker(stream_id).restart()

    def set_target_size(self, stream_id: str, size: Size | None) -> None:
        """Change the display size; the next decoded frame is converted to it (tile resized)."""
        self._worker(stream_id).display.target_size = size

    def set_decode_mode(self, stream_id: str, mode: DecodeMode) -> None:
        self._worker(stream_id).decode_mode = mode

    def add_tap(
        self,
        stream_id: str,
        name: str,
        *,
        target_size: Size | None = None,
        pixel_format: PixelFormat = PixelFormat.RGB24,
        max_fps: float | None = None,
        on_frame: FrameCallback | None = None,
    ) -> LatestFrameSlot:
        """Another consumer of the same decoded frames, with its own size, format and rate (analysis)."""
        tap = FrameTap(
            name, target_size=target_size, pixel_format=pixel_format, max_fps=max_fps, on_frame=on_frame
        )
        self._worker(stream_id).add_tap(tap)
        return tap.slot

    def set_tap_rate(self, stream_id: str, name: str, max_fps: float | None) -> None:
        """Change a tap's rate in place: its slot, size and consumer stay (no frame is lost)."""
        worker = self._worker(stream_id)
        for tap in worker.taps:
            if tap.name == name and tap is not worker.display:
                tap.max_fps = max_fps

    def remove_tap(self, stream_id: str, name: str) -> None:
        worker = self._worker(stream_id)
        for tap in worker.taps:
            if tap.name == name and tap is not worker.display:
                worker.remove_tap(tap)

    # ----- reading -----

    def slot(self, stream_id: str) -> LatestFrameSlot:
        return self._worker(stream_id).display.slot

    def stats(self, stream_id: str) -> StreamStats:
        return self._worker(stream_id).stats()

    def all_stats(self) -> dict[str, StreamStats]:
        with self._lock:
            workers = list(self._workers.items())
        return {stream_id: worker.stats() for stream_id, worker in workers}

    def stream_ids(self) -> list[str]:
        with self._lock:
            return list(self._workers)

    def busy_threads(self) -> int:
        """Threads in use, including closed streams still returning from a blocking call."""
        with self._lock:
            self._reap()
            return len(self._running)

    # ----- lifetime -----

    def stop(self, timeout: float = 10.0) -> bool:
        """Close every stream and join the threads. True when all returned within `timeout` seconds.

        Threads stuck in a blocking call past `timeout` are left to finish on their own (their
        timeouts bound them); the pool takes no new streams either way.
        """
        with self._lock:
            self._stopped = True
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            worker.cancel()
        self._watchdog_stop.set()
        deadline = time.monotonic() + timeout
        with self._lock:
            pending = list(self._running)
        all_done = all(worker.done.wait(max(0.0, deadline - time.monotonic())) for worker in pending)
        self._watchdog.join(max(0.0, deadline - time.monotonic()))
        if not all_done:
            log.warning("decoder pool stopped with streams still inside a blocking call")
        return all_done

    def __enter__(self) -> DecoderPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ----- internals -----

    def _worker(self, stream_id: str) -> StreamWorker:
        with self._lock:
            try:
                return self._workers[stream_id]
            except KeyError:
                raise KeyError(f"no open stream {stream_id!r}") from None

    def _reap(self) -> None:
        """Forget finished workers (caller holds _lock)."""
        for worker in [w for w in self._running if w.done.is_set()]:
            del self._running[worker]

    def _watch(self) -> None:
        """Watchdog thread: reconnect streams that stopped producing frames while PLAYING."""
        while not self._watchdog_stop.wait(self._watchdog_interval):
            now = time.monotonic()
            with self._lock:
                workers = list(self._workers.values())
            for worker in workers:
                if worker.check_stall(now, self.stall_timeout):
                    log.warning("stream %r stalled; reconnecting", worker.stream_id)
