"""The analysis coordinator: sample camera frames, ship them to the workers, track and identify faces.

Decoder threads call `_on_frame(stream_id)` when a tap has a new frame; it only sets an Event, so
decoding never waits for analysis. The "vision-analysis" thread takes frames from the taps' slots,
submits them to the camera's worker process (analysis_pool.py: two by default, a camera always to
the same one), runs each camera's FaceTracker on the results and calls the callbacks, all on this
thread, so they must be short: `on_sample(CameraSample)` per analysed frame, `on_status` per camera
every `status_interval_s`, `on_gap` when a worker was restarted. Bounded everywhere: one frame per
camera in a worker; a sample taken while the camera is busy or every ring buffer in use is dropped
and counted (`AnalysisStatus.dropped`); taps are latest-frame slots paced to `sample_fps`, or
`contested_fps` while a face is in doubt (sample_pacing.py). The worker detects only around live
tracks and where the picture changed, scanning whole frames every `full_scan_s`. `reconfigure`
changes rate, upsampling or detector while running.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import count

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box, CameraSample
from app.video.frame_output import Size, fit_size
from app.video.latest_frame import LatestFrameSlot, PixelFormat, VideoFrameData
from app.vision.analysis_pool import AnalysisPool
from app.vision.analysis_process import AnalysisGap
from app.vision.analysis_protocol import DLIB_ENGINE, FrameResult, WorkerConfig
from app.vision.analysis_types import AnalysedCamera, AnalysisStatus, StageTimes, TapSource
from app.vision.evidence import encode_evidence
from app.vision.roster import Roster
from app.vision.sample_pacing import SamplePace
from app.vision.settings import AnalysisSettings
from app.vision.tracker import FaceTracker, TrackedFace

log = logging.getLogger(__name__)

TAP_NAME = "analysis"
RATE_WINDOW_S = 10.0
# How long a camera off the analysed set keeps its tracker: the tour comes back.
PARK_S = 120.0


@dataclass(slots=True)
class _Camera:
    camera: AnalysedCamera
    slot: LatestFrameSlot
    tracker: FaceTracker
    size: Size
    pace: SamplePace
    busy_job: int | None = None
    analysed: int = 0
    dropped: int = 0
    faces: int = 0
    last_result_at: datetime | None = None
    results: deque[float] | None = None
    next_full_scan: float = 0.0  # monotonic; 0: the first sample scans the whole frame
    # Sent once the previous sample is answered; dropping it lost ~1 sample in 10.
    waiting: VideoFrameData | None = None


@dataclass(frozen=True, slots=True)
class _Sent:
    camera_id: int
    at: datetime
    scale_x: float
    scale_y: float
    image: npt.NDArray[np.uint8] | None  # the analysed frame, kept for evidence pictures


class AnalysisService:
    def __init__(
        self,
        pool: TapSource,
        cameras: Sequence[AnalysedCamera],
        settings: AnalysisSettings | None = None,
        *,
        rosters: Mapping[int, Roster] | None = None,
        on_sample: Callable[[CameraSample], None] | None = None,
        on_status: Callable[[AnalysisStatus], None] | None = None,
        on_gap: Callable[[list[int], AnalysisGap], None] | None = None,
        worker_config: WorkerConfig | None = None,
    ) -> None:
        self.pool = pool
        self.settings = settings or AnalysisSettings()
        self.on_sample = on_sample
        self.on_status = on_status
        self.on_gap = on_gap
        self._wanted = {camera.camera_id: camera for camera in cameras}  # guarded by _lock
        self._wanted_changed = True
        self._pending_changes: dict[str, object] = {}  # reconfigure(); guarded by _lock
        self._rosters = dict(rosters or {})  # analysis thread (after start)
        # Recently parked trackers (analysis thread): monotonic time parked, and the tracker.
        self._parked: dict[int, tuple[float, FaceTracker]] = {}
        self._thresholds: dict[int, float] = {}
        config = worker_config or WorkerConfig(engine_kwargs={"detector": self.settings.detector})
        side = self.settings.max_side
        self.process = AnalysisPool(
            config,
            workers=self.settings.workers,
            ring_slots=self.settings.ring_slots,
            slot_bytes=side * side * 3,
            result_timeout_s=self.settings.result_timeout_s,
            on_gap=self._gap,
        )
        self._cameras: dict[int, _Camera] = {}
        self._sent: dict[int, _Sent] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # guards _statuses and _pending_rosters (read/written by other threads)
        self._statuses: dict[int, AnalysisStatus] = {}
        self._pending_rosters: dict[int, tuple[Roster, float | None]] = {}
        self._track_ids = count(1)
        self._thread: threading.Thread | None = None
        self._reverify_tokens = 1.0  # re-verification budget (analysis thread), see _no_embedding
        self._tokens_at = time.monotonic()
        self._stages = StageTimes()  # analysis thread
        self._stages_published = StageTimes()  # guarded by _lock

    # ----- any thread -----

    def start(self) -> None:
        """Start the worker process and the analysis thread (which adds the cameras' taps)."""
        self.process.start()
        self._thread = threading.Thread(target=self._run, name="vision-analysis", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """The "vision-analysis" thread runs (False once stopped, or if it ended on a bug)."""
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        for state in list(self._cameras.values()):
            with contextlib.suppress(KeyError):  # the stream was closed first
                self.pool.remove_tap(state.camera.stream_id, TAP_NAME)
        self.process.stop()

    def add_camera(self, camera: AnalysedCamera) -> None:
        """Analyse one more camera (its stream may open later: the tap is retried every second)."""
        with self._lock:
            self._wanted[camera.camera_id] = camera
            self._wanted_changed = True
        self._wake.set()

    def remove_camera(self, camera_id: int) -> None:
        with self._lock:
            self._wanted.pop(camera_id, None)
            self._wanted_changed = True
        self._wake.set()

    def set_roster(self, camera_id: int, roster: Roster, threshold: float | None = None) -> None:
        """A new class session on this camera's classroom; applied by the analysis thread."""
        with self._lock:
            self._pending_rosters[camera_id] = (roster, threshold)
        self._wake.set()

    def statuses(self) -> dict[int, AnalysisStatus]:
        with self._lock:
            return dict(self._statuses)

    def stage_times(self) -> StageTimes:
        """Totals as of the last status tick (once a second)."""
        with self._lock:
            return self._stages_published

    def reconfigure(self, **changes: object) -> None:
        """Change AnalysisSettings fields while running, e.g. `reconfigure(sample_fps=0.5, upsample=1)`.

        Applied by the analysis thread: a new rate changes the cameras' taps in place (tracks kept),
        a new detector restarts the workers with it (dlib engine only), anything else applies from
        the next sample. Raises ValueError at once for unknown fields or values out of range, and for
        `workers`, `ring_slots` and `max_side`: the pool and its frame buffers are built at start."""
        replace(self.settings, **changes)  # type: ignore[arg-type]  # validates before queuing
        fixed = {"workers", "ring_slots", "max_side"} & {
            key for key, value in changes.items() if getattr(self.settings, key) != value
        }
        if fixed:
            raise ValueError(f"{', '.join(sorted(fixed))} cannot change while analysis runs")
        with self._lock:
            self._pending_changes.update(changes)
        self._wake.set()

    # ----- setup -----

    def _reconcile(self, retry: bool) -> None:
        """Add and remove taps to match the wanted cameras (analysis thread)."""
        with self._lock:
            if not (self._wanted_changed or retry):
                return
            wanted, self._wanted_changed = dict(self._wanted), False
        for camera_id in [c for c in self._cameras if c not in wanted]:
            state = self._cameras.pop(camera_id)
            self.process.release(camera_id)
            with contextlib.suppress(KeyError):
                self.pool.remove_tap(state.camera.stream_id, TAP_NAME)
            # The tour brings the camera back a page later: starting over would re-embed every face.
            self._parked[camera_id] = (time.monotonic(), state.tracker)
        horizon = time.monotonic() - PARK_S
        self._parked = {c: kept for c, kept in self._parked.items() if kept[0] >= horizon}
        for camera_id, camera in wanted.items():
            if camera_id not in self._cameras:
                try:
                    self._add_camera(camera)
                except KeyError:  # the stream is not open (yet): try again at the next status tick
                    log.debug("camera %s: stream %r not open", camera_id, camera.stream_id)

    def _add_camera(self, camera: AnalysedCamera) -> None:
        side = self.settings.max_side
        size = fit_size((16, 9), (side, side))
        slot = self._add_tap(camera.stream_id, size)
        threshold = self._thresholds.get(camera.camera_id, self.settings.threshold)
        roster = self._rosters.get(camera.camera_id)
        parked = self._parked.pop(camera.camera_id, None)
        if parked is not None and time.monotonic() - parked[0] <= PARK_S:
            tracker = parked[1]  # back from another page: go on with the tracks it had
            if roster is not None and (roster is not tracker.roster or threshold != tracker.threshold):
                tracker.set_roster(roster, threshold)
        else:
            tracker = FaceTracker(
                camera.camera_id,
                roster,
                threshold=threshold,
                settings=self.settings.tracker,
                track_ids=self._track_ids,
            )
        self._cameras[camera.camera_id] = _Camera(
            camera, slot, tracker, size, self._new_pace(), results=deque()
        )

    def _new_pace(self) -> SamplePace:
        s = self.settings
        return SamplePace(s.sample_fps, s.contested_fps, s.contested_burst_s)

    def _add_tap(self, stream_id: str, size: Size, max_fps: float | None = None) -> LatestFrameSlot:
        return self.pool.add_tap(
            stream_id,
            TAP_NAME,
            target_size=size,
            pixel_format=PixelFormat.RGB24,
            max_fps=max_fps or self.settings.sample_fps,
            on_frame=self._on_frame,
        )

    def _on_frame(self, stream_id: str) -> None:
        """Decoder thread: just wake the analysis thread."""
        self._wake.set()

    def _refit(self, state: _Camera, frame: VideoFrameData) -> None:
        """Analysis frames keep the camera's aspect ratio: re-add the tap once the source size is known."""
        side = self.settings.max_side
        size = fit_size((frame.source_width, frame.source_height), (side, side))
        if size == state.size:
            return
        state.size = size
        self.pool.remove_tap(state.camera.stream_id, TAP_NAME)
        state.slot = self._add_tap(state.camera.stream_id, size, state.pace.rate)

    def _repace(self, state: _Camera) -> None:
        """After a sample: sample faster while one of the camera's faces is in doubt (sample_pacing)."""
        in_doubt = any(track.pending for track in state.tracker.tracks)
        rate = state.pace.next_rate(in_doubt, time.monotonic())
        if rate == state.pace.rate:
            return
        try:
            self.pool.set_tap_rate(state.camera.stream_id, TAP_NAME, rate)
        except KeyError:  # the stream closed under us: _reconcile removes or re-adds the camera
            return
        state.pace.rate = rate

    def _apply_changes(self) -> None:
        """reconfigure()'s changes, on the analysis thread."""
        with self._lock:
            changes, self._pending_changes = self._pending_changes, {}
        if not changes:
            return
        old, self.settings = self.settings, replace(self.settings, **changes)  # type: ignore[arg-type]
        different = {key: value for key, value in changes.items() if getattr(old, key) != value}
        if different:
            log.info("face analysis reconfigured: %s", different)
        paced = ("sample_fps", "contested_fps", "contested_burst_s")
        if any(getattr(self.settings, key) != getattr(old, key) for key in paced):
            for state in self._cameras.values():  # the decoder throttles the tap: same tap, new rate
                state.pace = self._new_pace()
                with contextlib.suppress(KeyError):  # stream closed: _reconcile's retry re-adds it
                    self.pool.set_tap_rate(state.camera.stream_id, TAP_NAME, state.pace.rate)
                state.results = deque()  # the old rate would linger in the badge for 10 s
        if self.settings.tracker != old.tracker:
            for state in self._cameras.values():
                state.tracker.settings = self.settings.tracker
        config = self.process.config
        if self.settings.detector != old.detector and config.engine_factory == DLIB_ENGINE:
            kwargs = {**config.engine_kwargs, "detector": self.settings.detector}
            self.process.restart(replace(config, engine_kwargs=kwargs))

    # ----- the analysis thread -----

    def _run(self) -> None:
        next_status = time.monotonic()
        while not self._stop.is_set():
            try:
                next_status = self._cycle(next_status)
            except Exception:
                # One bad sample must not silently end analysis for every camera: log and go on.
                log.exception("analysis cycle failed; continuing")
                self._stop.wait(0.5)
            self._wake.wait(0.05)
            self._wake.clear()

    def _cycle(self, next_status: float) -> float:
        self._reconcile(retry=time.monotonic() >= next_status)
        self._apply_changes()
        self._apply_rosters()
        for result in self.process.poll(0.02):
            self._handle(result)
        self._forget_lost_jobs()
        self._sample()
        now = time.monotonic()
        if now >= next_status:
            self._publish_statuses()
            next_status = now + self.settings.status_interval_s
        return next_status

    def _apply_rosters(self) -> None:
        with self._lock:
            pending, self._pending_rosters = self._pending_rosters, {}
        for camera_id, (roster, threshold) in pending.items():
            self._rosters[camera_id] = roster  # for a camera whose tap is added later
            if threshold is not None:
                self._thresholds[camera_id] = threshold
            state = self._cameras.get(camera_id)
            if state is not None:
                state.tracker.set_roster(roster, threshold)

    def _sample(self) -> None:
        for state in self._cameras.values():
            frame = state.slot.take()
            if frame is None:
                frame, state.waiting = state.waiting, None
                if frame is None:
                    continue
            elif state.waiting is not None:
                state.waiting = None  # a newer sample replaces the one that waited
                state.dropped += 1
            self._refit(state, frame)
            if frame.image.nbytes > self.process_slot_bytes:
                state.dropped += 1
                continue
            if state.busy_job is not None:
                state.waiting = frame
                continue
            at = datetime.fromtimestamp(frame.wallclock)
            began = time.monotonic()
            full_frame = not self.settings.region_detection or began >= state.next_full_scan
            skip, spent = self._no_embedding(state.tracker, at)
            job = self.process.submit(
                state.camera.camera_id,
                frame.image,
                captured_at=at,
                skip_boxes=tuple(self._to_frame(b, frame) for b in skip),
                upsample=self.settings.upsample,
                max_embeddings=self.settings.max_embeddings_per_frame,
                track_boxes=tuple(self._to_frame(t.box, frame) for t in state.tracker.tracks),
                full_frame=full_frame,
                arrival_skip_boxes=tuple(
                    self._to_frame(b, frame) for b in state.tracker.fresh_boxes(at, someone_arrived=True)
                ),
            )
            if job is None:
                # Ring full or worker restarting: wait, as a busy camera's sample does.
                state.waiting = frame
                self._reverify_tokens += spent  # nothing was embedded: the budget is not used up
                continue
            if full_frame:
                state.next_full_scan = began + self.settings.full_scan_s
            self._stages = replace(self._stages, submit_ms=self._stages.submit_ms + _ms_since(began))
            state.busy_job = job
            self._sent[job] = _Sent(
                state.camera.camera_id,
                at,
                frame.source_width / frame.width,
                frame.source_height / frame.height,
                frame.image if self.settings.evidence_jpeg else None,
            )

    def _no_embedding(self, tracker: FaceTracker, at: datetime) -> tuple[list[Box], int]:
        """Boxes the worker must not embed: tracks verified recently, and tracks due for their
        re-verification beyond the re-verification budget (oldest verified go first); and how many
        re-verifications of the budget this sample may spend.

        Why a budget: tracks that started together come due together (a 16-camera wall starts 64
        at once); ~110 ms per embedding, all at once, would hold the worker for seconds while every
        camera's samples are dropped. Spread out at `reverify_per_s`, the same work interleaves
        with detection. Faces without an identity yet (new tracks) are never held back."""
        now = time.monotonic()
        rate = self.settings.reverify_per_s
        self._reverify_tokens = min(max(1.0, rate), self._reverify_tokens + (now - self._tokens_at) * rate)
        self._tokens_at = now
        limit = timedelta(seconds=tracker.settings.recheck_interval_s)
        due = sorted(
            (
                t
                for t in tracker.tracks
                if t.embedding is not None
                and t.verified_at is not None
                and at - t.verified_at >= limit
                and not t.unwatched  # from before a gap: unreported until looked at, like a new face
            ),
            key=lambda t: t.verified_at or at,
        )
        if limit.total_seconds() <= 0 or tracker.resumes(at):
            # Every sample re-verified (the benchmark's naive setting), or the first after a gap.
            due = []
        allowed = min(len(due), int(self._reverify_tokens))
        self._reverify_tokens -= allowed
        # A held-back track may show in any box it was seen in (skip_iou).
        return tracker.fresh_boxes(at) + [box for t in due[allowed:] for box in (*t.poses, t.box)], allowed

    @property
    def process_slot_bytes(self) -> int:
        return self.settings.max_side * self.settings.max_side * 3

    @staticmethod
    def _to_frame(box: Box, frame: VideoFrameData) -> Box:
        """A box in source pixels → the analysis frame's pixels."""
        sx, sy = frame.width / frame.source_width, frame.height / frame.source_height
        return Box(round(box.left * sx), round(box.top * sy), round(box.right * sx), round(box.bottom * sy))

    def _handle(self, result: FrameResult) -> None:
        sent = self._sent.pop(result.job_id, None)
        state = self._cameras.get(result.camera_id)
        if sent is None or state is None or state.busy_job != result.job_id:
            # A frame of the camera's previous visit, answered late by the other worker: ignore.
            return
        began = time.monotonic()
        evidence_ms = 0.0
        state.busy_job = None
        faces = [
            TrackedFace(
                Box(
                    round(f.box.left * sent.scale_x),
                    round(f.box.top * sent.scale_y),
                    round(f.box.right * sent.scale_x),
                    round(f.box.bottom * sent.scale_y),
                ),
                f.score,
                f.embedding,
            )
            for f in result.faces
        ]
        state.tracker.engine_id = self.process.engine_id
        observations = state.tracker.update(sent.at, faces)
        self._repace(state)
        state.analysed += 1
        state.faces = len(faces)
        state.last_result_at = datetime.now()
        assert state.results is not None
        state.results.append(time.monotonic())
        if self.on_sample is not None:
            encoding = time.monotonic()
            frame_jpeg, face_jpegs = (
                encode_evidence(sent.image, observations, sent.scale_x, sent.scale_y)
                if sent.image is not None
                else (b"", {})
            )
            evidence_ms = _ms_since(encoding)
            try:
                self.on_sample(
                    CameraSample(
                        result.camera_id,
                        sent.at,
                        tuple(observations),
                        self.process.engine_id,
                        frame_jpeg,
                        face_jpegs,
                    )
                )
            except Exception:
                log.exception("on_sample callback failed for camera %s", result.camera_id)
        st = self._stages
        self._stages = replace(
            st,
            frames=st.frames + 1,
            detect_ms=st.detect_ms + result.detect_ms,
            embed_ms=st.embed_ms + result.embed_ms,
            embedded=st.embedded + result.embedded,
            scanned=st.scanned + result.scanned,
            full_scans=st.full_scans + (result.scanned >= 1.0),
            handle_ms=st.handle_ms + _ms_since(began) - evidence_ms,
            evidence_ms=st.evidence_ms + evidence_ms,
        )

    def _forget_lost_jobs(self) -> None:
        """After a worker restart its in-flight jobs will never be answered: free their cameras."""
        if not self._sent:
            return
        alive = self.process.pending_jobs()
        for job in [job for job in self._sent if job not in alive]:
            lost = self._sent.pop(job)
            state = self._cameras.get(lost.camera_id)
            if state is not None and state.busy_job == job:
                state.busy_job = None

    def _gap(self, gap: AnalysisGap, camera_ids: list[int]) -> None:
        """A worker was restarted: the cameras it analysed were not analysed meanwhile."""
        cameras = sorted(c for c in camera_ids if c in self._cameras)
        if self.on_gap is not None and cameras:
            try:
                self.on_gap(cameras, gap)
            except Exception:
                log.exception("on_gap callback failed")

    def _publish_statuses(self) -> None:
        now = time.monotonic()
        statuses: dict[int, AnalysisStatus] = {}
        for camera_id, state in self._cameras.items():
            assert state.results is not None
            while state.results and now - state.results[0] > RATE_WINDOW_S:
                state.results.popleft()
            statuses[camera_id] = AnalysisStatus(
                camera_id,
                rate=len(state.results) / RATE_WINDOW_S,
                faces=state.faces,
                last_result_at=state.last_result_at,
                analysed=state.analysed,
                dropped=state.dropped,
                worker_ready=self.process.ready_for(camera_id),
            )
        with self._lock:
            self._statuses = statuses
            self._stages_published = self._stages
        if self.on_status is not None:
            for status in statuses.values():
                try:
                    self.on_status(status)
                except Exception:
                    log.exception("on_status callback failed")


def _ms_since(monotonic: float) -> float:
    return (time.monotonic() - monotonic) * 1000.0
