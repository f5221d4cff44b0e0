"""The live pipeline's end: analysed camera samples → rules engine → events in the database.

`on_sample` runs on the analysis service's "vision-analysis" thread and only queues. The
"supervision-rules" thread owns the RulesEngine: it applies samples in order and, when none come,
ticks it every `tick_s` so absences are raised while nobody is seen; actions go to the event
writer. Today's sessions load at start and at the day change, with the events an earlier run left
open (event_resume.py). Only watched time counts (`coverage_gap`, rules_engine.py), and the tracker
already votes over its checks (`agreeing_checks`), so face events need no further delay here.

    live = LiveSupervision(database, camera_classrooms, rules=settings.classroom_rules.to_domain())
    live.start(); analysis.on_sample = live.on_sample; ...; live.stop()
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.supervision.engine_actions import EngineAction, EventKey, RaiseEvent
from app.supervision.event_writer import SupervisionEventWriter
from app.supervision.observation_input import SnapshotWriter, SupervisedSession
from app.supervision.rules_engine import ENGINE_ID, RulesEngine

if TYPE_CHECKING:
    from app.domain.observation import CameraSample
    from app.persistence import Database

log = logging.getLogger(__name__)


class LiveSupervision:
    QUEUE_MAX = 2000  # about a minute of samples from 16 cameras at 2 per second

    def __init__(
        self,
        database: Database,
        camera_classrooms: dict[int, int],
        *,
        rules: ClassroomRules = DEFAULT_CLASSROOM_RULES,
        match_threshold: float = 0.6,
        snapshots: SnapshotWriter | None = None,
        tick_s: float = 1.0,
        clock: Callable[[], datetime] = datetime.now,
        coverage_gap: timedelta | None = timedelta(seconds=5),
    ) -> None:
        self._database = database
        self._clock = clock
        self._tick_s = tick_s
        self.writer = SupervisionEventWriter(database, on_batch=self._stored)
        # Events stored so far (writer thread): the Events pane polls at once when it changes.
        self.raised_stored = 0
        self._engine = RulesEngine(
            self.writer,
            camera_classrooms,
            rules=rules,
            match_threshold=match_threshold,
            snapshots=snapshots,
            coverage_gap=coverage_gap,
        )
        self._queue: queue.Queue[CameraSample | None] = queue.Queue(self.QUEUE_MAX)
        self._thread = threading.Thread(target=self._run, name="supervision-rules", daemon=True)
        self._day: date | None = None
        self.dropped = 0  # samples refused because the rules thread fell a minute behind

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        """The "supervision-rules" thread runs (the restart supervisor checks it)."""
        return self._thread.is_alive()

    def on_sample(self, sample: CameraSample) -> None:
        """Any thread (the analysis thread): queue the sample; never blocks."""
        try:
            self._queue.put_nowait(sample)
        except queue.Full:
            self.dropped += 1
            if self.dropped % 100 == 1:
                log.warning("rules engine behind: %d samples dropped so far", self.dropped)

    def stop(self, timeout: float = 5.0) -> bool:
        """Apply what is queued, stop the rules thread, then let the writer finish its writes."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)
        return self.writer.close(timeout) and not self._thread.is_alive()

    def _stored(self, actions: list[EngineAction], _ids: dict[EventKey, int]) -> None:
        self.raised_stored += sum(isinstance(action, RaiseEvent) for action in actions)

    def _run(self) -> None:  # the "supervision-rules" thread
        self._load_sessions()
        while True:
            try:
                sample = self._queue.get(timeout=self._tick_s)
            except queue.Empty:
                sample = None
                self._tick()
                continue
            if sample is None:
                return
            try:
                self._engine.observe_sample(sample)
            except Exception:  # one odd sample must not end supervision
                log.exception("rules engine failed on a sample of camera %s", sample.camera_id)

    def _tick(self) -> None:
        now = self._clock()
        if now.date() != self._day:
            self._load_sessions()
        try:
            self._engine.tick(now)
        except Exception:
            log.exception("rules engine tick failed")

    def _load_sessions(self) -> None:
        """Today's class sessions, and what an earlier run of the console left open: its events of
        classes still running are resumed, not raised again; the others are closed
        (app/supervision/event_resume.py). At start, and when the day changes."""
        from app.persistence.repositories import ClassSessionRepository, EventRepository

        now = self._clock()
        today = now.date()
        known = self._engine.session_ids()
        try:
            with self._database.reading() as session:
                sessions = ClassSessionRepository(session).sessions_on(today)
                fresh = [s.id for s in sessions if s.id not in known]
                stored = EventRepository(session).left_by_engine(ENGINE_ID, fresh)
        except Exception:  # retried at the next tick
            log.exception("could not load today's class sessions")
            return
        self._day = today
        self._engine.add_sessions(SupervisedSession.of(s) for s in sessions)
        self._engine.resume(stored, fresh, now)
        still_open = sum(e.open_key is not None for e in stored)
        log.info(
            "supervising %d class sessions on %s (%d events left open before taken over)",
            len(sessions),
            today,
            still_open,
        )
