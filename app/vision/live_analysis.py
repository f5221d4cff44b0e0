"""The console's face analysis, composed: which cameras, whose faces, which threshold, where results go.

    live = LiveAnalysis(database, workspace, LiveAnalysisOptions(rules=..., photo_root=...))
    live.attach(pool); live.set_visible({camera_id: stream_id})  # GUI thread, by the video wall
    live.start(); live.statuses(); live.stop()  # window up; any thread (1 s badges); shutdown

Its "vision-setup" thread embeds the rostered learners' missing enrolment photos in the enrolment
process (dlib never runs in the console's process), loads the workspace threshold (calibrating once
if it never was), starts LiveSupervision and the AnalysisService ("vision-analysis" thread and worker
process), then re-plans every `replan_s` and on `set_visible`. The GUI thread's calls hold a lock
for a moment only. A failed setup leaves its reason in `failure`; the RestartSupervisor
(app/vision/analysis_supervision.py) calls `restart()` with backoff, and each such span, like each
worker restart, is a coverage gap the tiles show. Analysed: the wall page's cameras whose classroom
has a session running, at most `max_cameras`, at `sample_fps`; a classroom not analysed is not
watched, so its learners' absence clocks pause (app/supervision/coverage.py).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.face_verdict import ThresholdSource, VerdictParameters
from app.domain.geography import Workspace
from app.domain.named_call import NamedCall
from app.domain.study import ClassSession
from app.vision.analysis_protocol import WorkerConfig
from app.vision.enrolment_process import EnrolmentRequest, EnrolmentResult, run_enrolment
from app.vision.face_engine import DEFAULT_THRESHOLD
from app.vision.tracker import TrackerSettings

if TYPE_CHECKING:
    from app.domain.observation import CameraSample
    from app.gap_recorder import GapRecorder
    from app.persistence import Database
    from app.supervision.live_supervision import LiveSupervision
    from app.vision.analysis_process import AnalysisGap
    from app.vision.analysis_service import AnalysisService
    from app.vision.analysis_types import AnalysisStatus, TapSource
    from app.vision.roster import Roster

log = logging.getLogger(__name__)

Enroller = Callable[[EnrolmentRequest, Callable[[], bool]], EnrolmentResult | None]


@dataclass(frozen=True, slots=True)
class LiveAnalysisOptions:
    rules: ClassroomRules = DEFAULT_CLASSROOM_RULES
    max_cameras: int = 16
    sample_fps: float = 1.0
    photo_root: Path | None = None  # relative enrolment photo paths are taken under it
    # A workspace plug-in's hooks for the enrolment process (app/workspace_plugin.AnalysisExtras).
    enrolment_photos: NamedCall | None = None
    calibration: NamedCall | None = None
    # Detections overlapping a fresh box by `pose_iou` are not embedded; unchecked boxes (substitutes) are.
    worker_config: WorkerConfig = field(
        default_factory=lambda: WorkerConfig(skip_iou=TrackerSettings().pose_iou)
    )
    replan_s: float = 30.0
    snapshot_dir: Path | None = None  # evidence pictures of raised events
    tick_s: float = 1.0  # rules engine tick while no samples come (an absence is raised within it)
    recheck_s: float = 30.0  # a track's identity is re-verified this often (embedding cost)
    workers: int = 2  # face-analysis worker processes: AnalysisSettings.workers
    # Camera → the session its picture shows (demo): analysed only then; others never. None: all.
    only_sessions: Mapping[int, int] | None = None


@dataclass(frozen=True, slots=True)
class GapNote:
    camera_ids: tuple[int, ...]
    started_at: datetime
    ended_at: datetime
    reason: str


class LiveAnalysis:
    active = True  # runs in this session (app/switched_off.py's AnalysisOff does not)

    def __init__(
        self,
        database: Database,
        workspace: Workspace,
        options: LiveAnalysisOptions | None = None,
        *,
        enroller: Enroller = run_enrolment,
        clock: Callable[[], datetime] = datetime.now,
        database_url: str | None = None,
    ) -> None:
        self._database = database
        self._options = options or LiveAnalysisOptions()
        self._enroller = enroller
        self._clock = clock
        self._database_url = database_url or database.engine.url.render_as_string(hide_password=False)
        self._camera_rooms = {c.id: c.classroom_id for c in workspace.cameras}
        self._lock = threading.Lock()  # guards _pool, _visible, _changed (GUI thread writes them)
        self._pool: TapSource | None = None
        self._visible: dict[int, str] = {}
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.service: AnalysisService | None = None
        self.supervision: LiveSupervision | None = None
        self.threshold = DEFAULT_THRESHOLD
        self.verdict: VerdictParameters | None = None  # the threshold with its source and date, once known
        self.embedding_id = ""
        # camera → (session whose roster it uses, stream it is sampled from); setup thread
        self.analysed: dict[int, tuple[int, str]] = {}
        self._enrolled: set[int] = set()  # learners whose embeddings this run ensured (setup thread)
        # session id → roster, kept: the tour brings the same cameras back (setup thread)
        self._rosters: dict[int, Roster] = {}
        self.gaps: deque[GapNote] = deque(maxlen=50)
        self.ready = threading.Event()  # set once the service runs (tests, benchmarks)
        # reconfigure(): the settings dialog's values (guarded by _lock), pushed to the service by _replan
        self._enabled = True
        self._max_cameras = self._options.max_cameras
        self._service_changes: dict[str, object] = {}
        # For analysis_supervision: why setup failed ("" if not), its cameras, and where gaps go.
        self.failure = ""
        self.failed_cameras: tuple[int, ...] = ()
        # A later enrolment (a session began) failed: why, and the cameras waiting for it.
        self.replan_failure: tuple[str, tuple[int, ...]] | None = None
        self.gap_recorder: GapRecorder | None = None

    # ----- GUI thread / any thread -----

    def attach(self, pool: TapSource) -> None:
        with self._lock:
            self._pool = pool
        self._changed.set()

    def set_visible(self, streams: Mapping[int, str]) -> None:
        """The wall's current page: camera id → the DecoderPool stream that shows it."""
        with self._lock:
            if dict(streams) == self._visible:
                return
            self._visible = dict(streams)
        self._changed.set()

    @property
    def stored_events(self) -> int:
        """Events the live rules raised and stored since analysis started (any thread; no I/O): a
        change means the Events pane has something new to fetch."""
        supervision = self.supervision
        return 0 if supervision is None else supervision.raised_stored

    def statuses(self) -> dict[int, AnalysisStatus]:
        service = self.service
        statuses = service.statuses() if service is not None else {}
        recorder = self.gap_recorder
        if recorder is None:
            return statuses
        from app.vision.analysis_types import with_gaps

        return with_gaps(statuses, recorder.open_gaps())

    @property
    def enabled(self) -> bool:
        with self._lock:
            return self._enabled

    @property
    def setting_up(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive() and not self.ready.is_set()

    @property
    def started(self) -> bool:
        return self._thread is not None

    def restart(self) -> None:
        """Set face analysis up again after a failure (the supervisor's thread): whatever runs of it
        is stopped, then the "vision-setup" thread starts over (enrolment, threshold, service)."""
        thread = self._thread
        if thread is not None and thread.is_alive() and not self.ready.is_set():
            return  # still setting up
        if self._stop.is_set():
            return
        service, self.service = self.service, None
        if service is not None:
            service.stop()
        supervision, self.supervision = self.supervision, None
        if supervision is not None:
            supervision.stop()
        self.ready.clear()
        self._thread = None
        self._changed.set()  # the old thread's re-plan loop ends: it is no longer _thread
        self.start()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="vision-setup", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Idempotent. Cancels a running enrolment (its process is terminated)."""
        self._stop.set()
        self._changed.set()
        if self._thread is not None:
            self._thread.join(timeout)
        service, self.service = self.service, None
        if service is not None:
            service.stop(timeout)
        supervision, self.supervision = self.supervision, None
        if supervision is not None:
            supervision.stop(timeout)

    # ----- the "vision-setup" thread -----

    def _sessions_now(self) -> list[ClassSession]:
        from app.persistence.repositories import ClassSessionRepository

        now = self._clock()
        with self._database.reading() as session:
            sessions = ClassSessionRepository(session).sessions_on(now.date())
        return [s for s in sessions if s.start <= now < s.end]

    def _run(self) -> None:
        try:
            self._setup()
        except Exception as error:  # analysis failing must not take the console down
            log.exception("face analysis could not start")
            self.failure = f"{type(error).__name__}: {error}"
            return
        if not self.ready.is_set():
            return
        while not self._stop.is_set():
            self._changed.wait(self._options.replan_s)
            self._changed.clear()
            if self._stop.is_set() or self._thread is not threading.current_thread():  # restart()ed
                return
            try:
                self._replan()
            except Exception:
                log.exception("re-planning face analysis failed")

    def _setup(self) -> None:
        from app.supervision.live_supervision import LiveSupervision
        from app.supervision.observation_input import DirectorySnapshotWriter
        from app.vision.analysis_service import AnalysisService
        from app.vision.settings import AnalysisSettings

        options = self._options
        # The wall attaches its pool when built and reports its page on its first tick.
        pool = self._wait_for_wall()
        if pool is None:
            return
        with self._lock:
            visible = dict(self._visible)
        chosen = self.plan(self._sessions_now(), visible)
        self.failed_cameras = tuple(chosen)
        learners = sorted({lid for s in chosen.values() for lid in s.roster})
        log.info(
            "face analysis: enrolment of %d learners rostered on %d cameras (enrolment process)",
            len(learners),
            len(chosen),
        )
        request = EnrolmentRequest(
            self._database_url,
            tuple(learners),
            str(options.photo_root) if options.photo_root else None,
            options.worker_config,
            options.enrolment_photos,
            options.calibration,
        )
        result = self._enroller(request, self._stop.is_set)
        if result is None or self._stop.is_set():
            log.info("face analysis: enrolment cancelled or failed; analysis not started")
            self.failure = "" if self._stop.is_set() else "enrolment process ended without an answer"
            return
        if result.error:
            log.error("face analysis: enrolment failed: %s", result.error)
            self.failure = f"enrolment failed: {result.error.strip().splitlines()[0]}"
            return
        self.embedding_id = result.embedding_id
        self._enrolled.update(learners)
        self.threshold = result.threshold if result.threshold is not None else DEFAULT_THRESHOLD
        source = ThresholdSource.DEFAULT if result.threshold is None else ThresholdSource.CALIBRATION
        self.verdict = result.verdict or VerdictParameters(self.threshold, source, None, self.embedding_id)
        log.info(
            "face analysis: %d photos embedded; threshold %.3f (%s)",
            result.embedded,
            self.threshold,
            "calibrated" if result.threshold is not None else "dlib default, never calibrated",
        )
        snapshots = DirectorySnapshotWriter(options.snapshot_dir) if options.snapshot_dir else None
        self.supervision = LiveSupervision(
            self._database,
            self._camera_rooms,
            rules=options.rules,
            match_threshold=self.threshold,
            snapshots=snapshots,
            tick_s=options.tick_s,
            clock=self._clock,
            # Missed samples (worker behind) are no blind span; a page flip or restart is.
            coverage_gap=timedelta(seconds=max(5.0, 5.0 / options.sample_fps)),
        )
        self.supervision.start()
        self.service = AnalysisService(
            pool,
            [],
            AnalysisSettings(
                sample_fps=options.sample_fps,
                threshold=self.threshold,
                workers=options.workers,
                tracker=TrackerSettings(recheck_interval_s=options.recheck_s),
            ),
            on_sample=self._on_sample,
            on_gap=self._on_gap,
            worker_config=options.worker_config,
        )
        self.service.start()
        self._replan()
        self.failure = ""
        self.ready.set()

    def _wait_for_wall(self, page_grace_s: float = 3.0) -> TapSource | None:
        """The pool, once attached; then up to `page_grace_s` for the first page report."""
        pool: TapSource | None = None
        waited_for_page = 0.0
        while not self._stop.is_set():
            with self._lock:
                pool, has_page = self._pool, bool(self._visible)
            if pool is not None and (has_page or waited_for_page >= page_grace_s):
                return pool
            if pool is not None:
                waited_for_page += 0.2
            self._changed.wait(0.2)
            self._changed.clear()
        return None

    def _on_sample(self, sample: CameraSample) -> None:  # "vision-analysis" thread
        supervision = self.supervision
        if supervision is not None:
            supervision.on_sample(sample)

    def _on_gap(self, camera_ids: list[int], gap: AnalysisGap) -> None:  # "vision-analysis" thread
        # Not an event: streams ran, nobody misbehaved (not STREAM_LOST); logged;
        # unwatched time pauses absence clocks.
        self.gaps.append(GapNote(tuple(camera_ids), gap.started_at, gap.ended_at, gap.reason))
        if self.gap_recorder is not None:
            from app.domain.coverage_gaps import Subsystem

            reason = f"analysis worker {gap.reason} (exit code {gap.exitcode})"
            self.gap_recorder.record_span(
                Subsystem.ANALYSIS_WORKER, tuple(camera_ids), gap.started_at, gap.ended_at, reason
            )
        log.warning(
            "face analysis gap %s–%s on cameras %s: %s (%d frames lost)",
            gap.started_at.strftime("%H:%M:%S"),
            gap.ended_at.strftime("%H:%M:%S"),
            camera_ids,
            gap.reason,
            gap.lost_frames,
        )

    def plan(self, sessions_now: list[ClassSession], visible: Mapping[int, str]) -> dict[int, ClassSession]:
        """Camera → its running session, for the visible cameras (page order), at most max_cameras.

        Two sessions running at once in one classroom (a timetable error, or a class overrunning into
        the next) are analysed as the one that began first, as the rules engine attributes the room's
        samples to it: the learners are matched against the roster whose events they raise."""
        by_room: dict[int, ClassSession] = {}
        for running in sorted(sessions_now, key=lambda s: (s.start, s.id)):
            by_room.setdefault(running.classroom_id, running)
        by_id = {s.id: s for s in sessions_now}
        chosen: dict[int, ClassSession] = {}
        only = self._options.only_sessions
        for camera_id in visible:
            session: ClassSession | None
            if only is None:
                session = by_room.get(self._camera_rooms.get(camera_id, -1))
            else:
                session = by_id.get(only.get(camera_id, -1))
            if session is not None and len(chosen) < self._options.max_cameras:
                chosen[camera_id] = session
        return chosen

    def _replan(self) -> None:
        from app.vision.analysis_types import AnalysedCamera
        from app.vision.enrolment import load_roster

        service = self.service
        if service is None:
            return
        with self._lock:
            visible = dict(self._visible)
            service_changes, self._service_changes = self._service_changes, {}
        if service_changes:
            service.reconfigure(**service_changes)
        sessions = self._sessions_now()
        chosen = self.plan(sessions, visible)
        missing = sorted({lid for s in chosen.values() for lid in s.roster} - self._enrolled)
        if missing:  # a session began with learners not embedded yet
            options = self._options
            root = str(options.photo_root) if options.photo_root else None
            request = EnrolmentRequest(
                self._database_url,
                tuple(missing),
                root,
                options.worker_config,
                options.enrolment_photos,
                options.calibration,
            )
            result = self._enroller(request, self._stop.is_set)
            if result is None or result.error:  # tried again at the next re-plan (≤ replan_s)
                waiting = tuple(c for c, s in chosen.items() if set(s.roster) & set(missing))
                error = result.error.strip().splitlines()[0] if result is not None and result.error else ""
                self.replan_failure = (f"enrolment failed: {error or 'no answer'}", waiting)
                return
            self.replan_failure = None
        self._enrolled.update(missing)
        before = dict(self.analysed)
        for camera_id in [c for c in self.analysed if c not in chosen]:
            service.remove_camera(camera_id)
            del self.analysed[camera_id]
        for camera_id, session in chosen.items():
            wanted = (session.id, visible[camera_id])
            current = self.analysed.get(camera_id)
            if current == wanted:
                continue
            if current is not None and current[1] != wanted[1]:  # maximised: main stream instead of sub
                service.remove_camera(camera_id)
            if current is None or current[0] != session.id:
                roster = self._rosters.get(session.id)
                if roster is None:
                    roster = self._rosters[session.id] = load_roster(
                        self._database, session.roster, self.embedding_id
                    )
                service.set_roster(camera_id, roster, self.threshold)
            service.add_camera(AnalysedCamera(camera_id, visible[camera_id]))
            self.analysed[camera_id] = wanted
        if self.analysed != before:
            log.info("face analysis on %d cameras: %s", len(self.analysed), sorted(self.analysed))

    def reconfigure(
        self,
        *,
        enabled: bool | None = None,
        max_cameras: int | None = None,
        sample_fps: float | None = None,
        detector: str | None = None,
        upsample: int | None = None,
    ) -> None:
        """Apply the settings dialog's analysis values without a restart (GUI thread; never blocks).

        Which cameras (`enabled`, `max_cameras`) is re-planned at once on the setup thread: disabled
        means no camera is analysed (the worker idles; enrolment and the threshold stay loaded). The
        rate, detector and upsampling go to the AnalysisService on that thread too, or to the one
        `_setup` is about to create. Raises ValueError for values AnalysisSettings refuses."""
        from dataclasses import replace

        from app.vision.settings import AnalysisSettings

        changes = {
            key: value
            for key, value in (("sample_fps", sample_fps), ("detector", detector), ("upsample", upsample))
            if value is not None
        }
        AnalysisSettings(**changes)  # type: ignore[arg-type]  # validates
        if max_cameras is not None and max_cameras < 1:
            raise ValueError(f"max_cameras must be at least 1, got {max_cameras}")
        with self._lock:
            if enabled is not None:
                self._enabled = enabled
            if max_cameras is not None:
                self._max_cameras = max_cameras
            self._options = replace(
                self._options,
                max_cameras=self._max_cameras if self._enabled else 0,
                sample_fps=self._options.sample_fps if sample_fps is None else sample_fps,
            )
            self._service_changes.update(changes)
        self._changed.set()
