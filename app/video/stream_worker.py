"""One stream's demux-and-decode loop, with reconnect, backoff and stall handling.

`StreamWorker.run()` occupies one thread of the decoder pool for as long as the stream is open. The
heavy calls (av.open, av_read_frame, decoding, swscale) release the GIL, so streams decode in
parallel. A blocking call cannot be interrupted from outside (PyAV's interrupt callback only checks
its timeout), so every open and read is bounded by the source's timeouts; cancel() and the watchdog
set flags that the loop checks between packets and that cut backoff waits short.

Threads: `run` and everything it calls run in the worker's pool thread. `cancel`, `restart`,
`request_reconnect`, `stats`, `check_stall`, `add_tap`/`remove_tap` and the `decode_mode` attribute
are called from other threads (GUI, watchdog) and only touch flags, events and the `StreamMonitor`.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import av
import av.container

from app.video.camera_credentials import CameraCredentials, load_camera_credentials
from app.video.frame_output import FrameTap
from app.video.pacing import FramePacer
from app.video.stream_faults import StreamError, StreamFault, classify_error
from app.video.stream_monitor import StateCallback, StreamMonitor
from app.video.stream_source import ResolvedSource, StreamSource
from app.video.stream_state import DecodeMode, ReconnectPolicy, StreamState, StreamStats

log = logging.getLogger(__name__)

PacketCallback = Callable[[str, av.Packet], None]  # on_packet(stream_id, packet) for a recorder
CredentialsLoader = Callable[[str], CameraCredentials | None]

_MAX_DECODE_ERRORS = 50  # consecutive undecodable packets before the stream counts as corrupt


class _Restart(Exception):
    """Internal: leave the current session and open again at once, without counting a failure."""


class StreamWorker:
    def __init__(
        self,
        stream_id: str,
        source: StreamSource,
        display: FrameTap,
        *,
        policy: ReconnectPolicy,
        decode_mode: DecodeMode = DecodeMode.ALL,
        on_state: StateCallback | None = None,
        on_packet: PacketCallback | None = None,
        decoder_threads: int = 1,
        load_credentials: CredentialsLoader = load_camera_credentials,
    ) -> None:
        self.stream_id = stream_id
        self.source = source
        self.display = display
        self.decode_mode = decode_mode  # read once per packet by the decoder thread
        self._taps: tuple[FrameTap, ...] = (display,)  # replaced whole (copy on write), never mutated
        self._policy = policy
        self._on_packet = on_packet
        self._decoder_threads = decoder_threads
        self._load_credentials = load_credentials
        self._masked = source.masked_url()
        self._rng = random.Random()
        self._cancel = threading.Event()
        self._wake = threading.Event()  # cuts a backoff wait short (cancel or restart)
        self._reconnect_reason: str | None = None
        self._restart_requested = False
        # Last failure warned about, kept across restart(): no warning every second while waiting.
        self._warned: tuple[StreamFault, str] | None = None
        self._pacer: FramePacer | None = None  # decoder thread only
        self.done = threading.Event()  # set when run() has returned
        self.monitor = StreamMonitor(stream_id, self._masked, display.slot, on_state)

    # ----- control (any thread) -----

    def cancel(self) -> None:
        self._cancel.set()
        self._wake.set()
        self.monitor.set_state(StreamState.STOPPED, retry_at=None)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def restart(self) -> None:
        """Reconnect now with a fresh backoff, e.g. after the password was corrected."""
        self._restart_requested = True
        self._wake.set()

    def request_reconnect(self, reason: str) -> None:
        """Drop the current connection at the next packet and reconnect (watchdog)."""
        self._reconnect_reason = reason

    @property
    def taps(self) -> tuple[FrameTap, ...]:
        return self._taps

    def add_tap(self, tap: FrameTap) -> None:
        self._taps = (*self._taps, tap)

    def remove_tap(self, tap: FrameTap) -> None:
        self._taps = tuple(t for t in self._taps if t is not tap)

    def check_stall(self, now: float, stall_timeout: float) -> bool:
        """Watchdog thread: ask for a reconnect when a playing stream has produced nothing for too long.

        In KEYFRAMES mode a frame comes once per GOP, so packets are what must keep flowing.
        """
        keyframes = self.decode_mode is DecodeMode.KEYFRAMES
        age = self.monitor.stall_age(now, by_packets=keyframes)
        if age is None or age <= stall_timeout:
            return False
        if self._reconnect_reason is not None:
            return False  # already asked; the decoder thread is still inside a read (bounded by its timeout)
        what = "data" if keyframes else "frame"
        self.request_reconnect(f"stalled: no {what} for {age:.0f} s")
        return True

    def stats(self) -> StreamStats:
        return self.monitor.snapshot()

    # ----- the loop (decoder thread) -----

    def run(self) -> None:
        try:
            self._run()
        except Exception:  # a bug here must not take the pool thread's other duties down silently
            log.exception("decoder loop of stream %r (%s) crashed", self.stream_id, self._masked)
            self.monitor.set_state(StreamState.OFFLINE, fault=StreamFault.CORRUPT, message="internal error")
        finally:
            self.done.set()

    def _run(self) -> None:
        failures = 0
        while not self._cancel.is_set():
            self._begin_attempt()
            try:
                self._session()
                return  # only returns normally when cancelled
            except _Restart:
                failures = 0
                continue
            except StreamError as err:
                if self._cancel.is_set():
                    return
                error = err
            played = self.monitor.end_session()
            failures = 1 if played >= self._policy.stable_after else failures + 1
            if not self._after_failure(error, failures):
                return
            if self._restart_requested:
                failures = 0

    def _begin_attempt(self) -> None:
        self._restart_requested = False
        self._reconnect_reason = None
        self._wake.clear()
        self.monitor.begin_attempt()

    def _after_failure(self, error: StreamError, failures: int) -> bool:
        """Show the failure and wait before the next attempt. False: stop trying (ended, or cancelled)."""
        src = self.source
        if error.fault is StreamFault.ENDED and not src.is_live and not src.loop:
            self.monitor.set_state(StreamState.ENDED, fault=error.fault, message=error.message)
            log.info("stream %r: %s", self.stream_id, error.message)  # a file's end is not a failure
            self._wake.wait()  # nothing more to play; wait for restart() or cancel()
            return not self._cancel.is_set()
        self._log_failure(error, failures)
        if error.fault is StreamFault.UNAUTHORISED and not self._policy.retry_unauthorised:
            self.monitor.set_state(
                StreamState.UNAUTHORISED, fault=error.fault, message=error.message, retry_at=None
            )
            self._wake.wait()  # a wrong password stays wrong; retrying would lock the camera account
            return not self._cancel.is_set()
        delay = self._policy.delay(failures, self._rng)
        retry_at = time.monotonic() + delay
        if error.fault is StreamFault.UNAUTHORISED:
            state = StreamState.UNAUTHORISED
        elif error.fault is StreamFault.NOT_FOUND:
            state = StreamState.NOT_FOUND
        elif failures >= self._policy.offline_after:
            state = StreamState.OFFLINE
        else:
            state = StreamState.RECONNECTING
        self.monitor.set_state(state, fault=error.fault, message=error.message, retry_at=retry_at)
        self._wake.wait(delay)
        return not self._cancel.is_set()

    def _log_failure(self, error: StreamError, failures: int) -> None:
        # Warn on a series' first failure; repeats, also after an unhelpful restart(), are noise.
        key = (error.fault, error.message)
        level = logging.WARNING if failures <= 1 and key != self._warned else logging.DEBUG
        if level == logging.WARNING:
            self._warned = key
        log.log(
            level,
            "stream %r: %s (%s, attempt %d)",
            self.stream_id,
            error.message,
            error.fault.value,
            failures,
        )

    def _session(self) -> None:
        """Open, demux and decode until cancelled (returns) or the stream fails (raises StreamError)."""
        resolved: ResolvedSource | None = None
        container: av.container.InputContainer | None = None
        opening = True
        try:
            resolved = self.source.resolve(self._load_credentials)
            container = av.open(resolved.url, options=dict(resolved.options), timeout=resolved.timeout)
            if self._cancel.is_set():
                return
            if not container.streams.video:
                raise StreamError(StreamFault.CORRUPT, f"{self._masked}: no video stream")
            video = container.streams.video[0]
            codec = video.codec_context
            codec.thread_count = self._decoder_threads  # one thread per stream: docs/context.md budgets
            opening = False
            self.monitor.opened(codec.name)
            self._pacer = None  # a new connection starts a new schedule
            while (switch := self._demux(container, video, resolved.url)) is not None:
                # A playlist's phase changed at the loop seam: open the next clip without a reconnect.
                container.close()
                container = None
                resolved = replace(resolved, url=switch)
                container = av.open(resolved.url, options=dict(resolved.options), timeout=resolved.timeout)
                if self._cancel.is_set() or not container.streams.video:
                    return
                video = container.streams.video[0]
                video.codec_context.thread_count = self._decoder_threads
        except (StreamError, _Restart):
            raise
        except Exception as exc:
            # `from None`: the original exception's text holds the unmasked URL; never chain it into logs.
            raise classify_error(exc, self.source, opening=opening, resolved=resolved) from None
        finally:
            if container is not None:
                try:
                    container.close()
                except Exception:  # closing a broken connection may fail; nothing to recover
                    log.debug("closing stream %r failed", self.stream_id)

    def _demux(self, container: av.container.InputContainer, video: av.VideoStream, url: str) -> str | None:
        """Decode until cancelled (None) or, for a playlist, until its phase wants another clip (its path)."""
        codec = video.codec_context
        pacer = self._pacer if self._pacer is not None and self.source.is_playlist else None
        if pacer is None and self.source.paced:
            pacer = FramePacer()
        self._pacer = pacer  # a playlist's next clip continues the schedule (its pts restart at 0)
        applied: DecodeMode | None = None
        decode_errors = 0
        while True:
            packets = container.demux() if self._on_packet else container.demux(video)
            for packet in packets:
                self._check_flags()
                if self._cancel.is_set():
                    return None
                self.monitor.record_packet(time.monotonic())
                if self._on_packet is not None and packet.size:
                    self._deliver_packet(packet)
                if packet.stream_index != video.index:
                    continue
                mode = self.decode_mode
                if mode is not applied:
                    codec.skip_frame = mode.value
                    applied = mode
                try:
                    frames = codec.decode(packet)
                    decode_errors = 0
                except av.error.InvalidDataError:
                    decode_errors += 1  # a damaged packet is normal on lossy links; many in a row are not
                    if decode_errors >= _MAX_DECODE_ERRORS:
                        raise
                    continue
                for frame in frames:
                    self._publish(frame, pacer)
                    if self._cancel.is_set():
                        return None
            if self.source.is_live or not self.source.loop:
                raise StreamError(StreamFault.ENDED, f"{self._masked}: the stream ended")
            if self.source.is_playlist:
                try:
                    upcoming = str(self.source.playing_file())
                except (OSError, ValueError):
                    upcoming = url  # the playlist is being rewritten or was removed: keep the clip
                if upcoming != url:
                    return upcoming
            container.seek(0)  # loop the file; the decoder was drained by the end-of-file flush packet
            codec.flush_buffers()
            applied = None

    def _check_flags(self) -> None:
        if self._restart_requested:
            raise _Restart
        reason = self._reconnect_reason
        if reason is not None:
            self._reconnect_reason = None
            raise StreamError(StreamFault.UNREACHABLE, f"{self._masked}: {reason}")

    def _deliver_packet(self, packet: av.Packet) -> None:
        assert self._on_packet is not None
        try:
            self._on_packet(self.stream_id, packet)
        except Exception:  # the recorder's problem must not stop the picture
            log.exception("packet callback of stream %r failed", self.stream_id)
            self._on_packet = None

    def _publish(self, frame: av.VideoFrame, pacer: FramePacer | None) -> None:
        pts = frame.time
        if pacer is not None:
            delay = pacer.delay(pts, time.monotonic())
            if delay > 0 and self._cancel.wait(delay):
                return
        now = time.monotonic()
        if self.monitor.record_frame(now, frame.width, frame.height):
            self._warned = None
            log.info("stream %r playing %s (%dx%d)", self.stream_id, self._masked, frame.width, frame.height)
        keyframe = bool(frame.key_frame)
        for tap in self._taps:
            if tap.due(now):
                tap.publish(self.stream_id, frame, pts, keyframe)
