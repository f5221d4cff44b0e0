"""The photo-scoring worker PROCESS: scores unscored captured photos with dlib, newest first.

A "spawn" process (app/review/photo_scoring_job.py starts and watches it): dlib holds the GIL and
would stall the GUI process. It opens its own Database from the URL it is given and, every
`interval_s` until stopped (or `once`): re-reads the verdict parameters (the workspace calibration
for the engine's model unless the caller fixed a threshold, else the engine default; a demo workspace
never calibrated is calibrated first on its synthetic faces), so a new calibration applies to what
follows; walks the unscored photos newest first in keyset-paged batches, so skipped photos block none
behind them; embeds the batch's missing enrolment photos; scores each photo and saves distance, face
count, flags, parameters and face boxes in a short transaction of its own (photo_scoring.save_score).
A photo whose file, or whose learner's enrolment photo, is not on disk yet stays unscored for a later
pass (an enrolment embedded too early would be "no face" for good); one unreadable for long is saved
with the UNREADABLE flag once UnreadablePolicy gives up, which puts it in the spot-check sample. It
reports over a Pipe (messages below) and logs nothing (a spawned process has no logging set up; the
parent logs). `stop`, a shared flag, is checked between photos (~0.1–0.5 s).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from app.domain.named_call import NamedCall
from app.review.photo_readability import Unreadable, UnreadablePolicy, file_problem

DEFAULT_ENGINE_FACTORY = "app.vision.face_engine:DlibFaceEngine"


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    """What the worker is told. `database_url` may carry a password: never log or show it."""

    database_url: str = field(repr=False)
    threshold: float | None = None  # None: the workspace calibration, else the engine default
    engine_factory: str = DEFAULT_ENGINE_FACTORY  # "module:callable", called with engine_kwargs
    engine_kwargs: dict[str, Any] = field(default_factory=dict)
    batch_size: int = 16
    limit: int | None = None  # stop after scoring this many photos (the command's --limit)
    once: bool = False  # one pass, then exit (the command, tests)
    interval_s: float = 30.0  # between passes: photos keep arriving (platform, demo rendering)
    start_delay_s: float = 0.0  # let the window and the video wall settle first
    nice: int = 15  # lower CPU priority: it shares the cores with decoding and face analysis (10)
    photo_root: str | None = None  # base of relative enrolment photo paths
    # (engine, cancelled=...) calibrates a never-calibrated workspace (demo)
    # if nobody did within `calibration_wait_s`.
    fallback_calibration: NamedCall | None = None
    calibration_wait_s: float = 0.0
    missing_grace_s: float = 2 * 3600.0  # a capture missing this long (and 3 passes) is flagged unreadable
    settle_s: float = 60.0  # an empty or damaged capture unchanged this long is flagged unreadable


# ----- messages to the parent -----


@dataclass(frozen=True, slots=True)
class ScorerReady:
    pid: int
    engine_id: str
    threshold: float
    threshold_source: str  # "given", "calibration" or "default" (app.domain.face_verdict.ThresholdSource)
    calibrated_at: datetime | None = None  # when the workspace calibration was saved


@dataclass(frozen=True, slots=True)
class ScoringProgress:
    scored: int  # in this pass so far
    total: int  # unscored photos when the pass started
    missing: int  # skipped so far in this pass (file not on disk yet, or not readable yet)


@dataclass(frozen=True, slots=True)
class PhotoScored:
    photo_id: int
    face_count: int
    distance: float | None
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PhotoFailed:
    photo_id: int  # 0: a whole batch (its enrolment embeddings could not be made)
    error: str


@dataclass(frozen=True, slots=True)
class PassFinished:
    scored: int
    missing: int
    failed: int
    seconds: float  # wall time of the pass, scoring only (not the wait before it)
    cancelled: bool
    unreadable: int = 0  # flagged UNREADABLE in this pass (also counted in `scored`)


@dataclass(frozen=True, slots=True)
class ScorerNotice:
    """Something worth a line in the log (logged at INFO by the parent)."""

    text: str


@dataclass(frozen=True, slots=True)
class ScorerFailed:
    """The worker cannot go on (engine load, database); it exits with code 1 after sending this."""

    message: str


class _Stop(Protocol):
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


# ----- the work -----


def load_engine(factory: str, kwargs: dict[str, Any]) -> Any:
    module_name, _, attribute = factory.partition(":")
    return getattr(importlib.import_module(module_name), attribute)(**kwargs)


def choose_parameters(database: Any, embedding_id: str, given: float | None) -> Any:
    """The VerdictParameters to judge with: `given`, else the workspace calibration, else 0.6."""
    from app.vision.calibration_store import verdict_parameters

    with database.reading() as session:
        return verdict_parameters(session, embedding_id, given=given)


def _ready(engine: Any, parameters: Any) -> ScorerReady:
    return ScorerReady(
        os.getpid(), engine.engine_id, parameters.threshold, parameters.source.value, parameters.calibrated_at
    )


def calibrate_if_needed(
    database: Any,
    engine: Any,
    calibration: NamedCall,
    stop: _Stop,
    send: Callable[[object], None],
    wait_s: float = 0.0,
) -> bool:
    """With no calibration yet, calibrate on the workspace's own faces: dlib's 0.6 lets every
    synthetic impostor of the demo (distances ~0.38–0.56) pass. The enrolment process calibrates
    at start-up too, so first wait up to `wait_s` for it rather than doing the work twice. True
    when this worker stored a threshold."""
    from app.vision.calibration import load_threshold, save_calibration

    if load_threshold(database, engine.embedding_id) is not None:
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if stop.wait(2.0):
            raise InterruptedError("stopped while waiting for the first calibration")
        if load_threshold(database, engine.embedding_id) is not None:
            return False
    send(ScorerNotice("workspace never calibrated: calibrating on its own faces first"))
    result = calibration(engine, cancelled=stop.is_set)
    save_calibration(database, engine.embedding_id, result)
    return True


class PassRunner:
    """One database, engine and scorer; `run_pass` walks the unscored photos once."""

    def __init__(
        self,
        database: Any,
        engine: Any,
        parameters: Any,  # app.domain.face_verdict.VerdictParameters
        config: ScoringConfig,
        send: Callable[[object], None],
        stop: _Stop,
    ) -> None:
        from app.vision.photo_quality import PhotoScorer

        self.database = database
        self.engine = engine
        self.scorer = PhotoScorer(engine)
        self.scorer.judge_with(parameters)
        self.config = config
        self.send = send
        self.stop = stop
        self.photo_root = Path(config.photo_root) if config.photo_root else None
        self.scored_total = 0  # over all passes, for `limit`
        self.unreadable = UnreadablePolicy(config.missing_grace_s, settle_s=config.settle_s)

    def _enrolment_path(self, text: str) -> Path:
        path = Path(text)
        return self.photo_root / path if not path.is_absolute() and self.photo_root is not None else path

    def _ready_learners(self, learner_ids: set[int]) -> set[int]:
        """Learners whose enrolment photos still to be embedded are all on disk (the rest wait)."""
        from app.persistence.repositories import EmbeddingRepository

        with self.database.reading() as session:
            missing = EmbeddingRepository(session).photos_missing(learner_ids, self.engine.embedding_id)
        waiting = {learner for _, learner, path in missing if not self._enrolment_path(path).is_file()}
        return learner_ids - waiting

    def _gallery(self, learner_ids: set[int]) -> dict[int, list[Any]]:
        import numpy as np

        from app.persistence.repositories import EmbeddingRepository

        with self.database.reading() as session:
            stored = EmbeddingRepository(session).for_learners(learner_ids, self.engine.embedding_id)
        gallery: dict[int, list[Any]] = {learner: [] for learner in learner_ids}
        for item in stored:
            if item.has_face:
                gallery[item.learner_id].append(np.frombuffer(item.vector, dtype="<f4").astype(np.float32))
        return gallery

    def _flag_unreadable(self, photo: Any, problem: Unreadable) -> None:
        """Store the photo as scored with only the UNREADABLE flag: nothing was seen, nothing judged."""
        from app.domain.enums import PhotoFlag
        from app.persistence.repositories import OnlineStudyRepository

        with self.database.writing() as session:
            OnlineStudyRepository(session).save_photo_score(
                photo.id, distance=None, face_count=0, flags=[PhotoFlag.UNREADABLE]
            )
        self.scored_total += 1
        self.send(ScorerNotice(f"photo {photo.id} flagged unreadable ({problem.value})"))
        self.send(PhotoScored(photo.id, 0, None, (PhotoFlag.UNREADABLE.value,)))

    def _sort_batch(self, batch: list[Any]) -> tuple[list[Any], int, int]:
        """(photos whose files look intact, photos waiting for their file, photos flagged unreadable)."""
        intact: list[Any] = []
        waiting = flagged = 0
        for photo in batch:
            if self.stop.is_set() or self._limit_reached():
                break
            problem = file_problem(photo.path)
            if problem is None:
                self.unreadable.found(photo.id)
                intact.append(photo)
            elif self.unreadable.give_up(photo.id, photo.path, problem):
                self._flag_unreadable(photo, problem)
                flagged += 1
            else:
                waiting += 1
        return intact, waiting, flagged

    def _limit_reached(self) -> bool:
        return self.config.limit is not None and self.scored_total >= self.config.limit

    def run_pass(self) -> PassFinished:
        from app.persistence.repositories import OnlineStudyRepository
        from app.review.photo_scoring import save_score
        from app.vision.enrolment import ensure_enrolment_embeddings, read_rgb

        started = time.monotonic()
        with self.database.reading() as session:
            total = OnlineStudyRepository(session).count_unscored()
        scored = missing = failed = unreadable = 0
        before = None
        while not self.stop.is_set() and not self._limit_reached():
            with self.database.reading() as session:
                batch = OnlineStudyRepository(session).unscored_newest_first(self.config.batch_size, before)
            if not batch:
                break
            before = (batch[-1].captured_at, batch[-1].id)
            on_disk, waiting, flagged = self._sort_batch(batch)
            scored, unreadable, missing = scored + flagged, unreadable + flagged, missing + waiting
            ready = self._ready_learners({photo.learner_id for photo in on_disk})
            missing += sum(1 for photo in on_disk if photo.learner_id not in ready)
            todo = [photo for photo in on_disk if photo.learner_id in ready]
            if not todo:
                self.send(ScoringProgress(scored, total, missing))
                continue
            try:
                ensure_enrolment_embeddings(
                    self.database,
                    self.engine,
                    {p.learner_id for p in todo},
                    self.photo_root,
                    self.stop.is_set,
                )
            except Exception as error:  # e.g. another process embedding the same photo: retried next pass
                self.send(PhotoFailed(0, f"enrolment embeddings: {error!r}"))
                missing += len(todo)
                continue
            gallery = self._gallery({p.learner_id for p in todo})
            for photo in todo:
                if self.stop.is_set() or self._limit_reached():
                    break
                image = read_rgb(photo.path)
                if image is None:  # vanished, half-written or beyond the decoder: flagged in time
                    problem = file_problem(photo.path) or Unreadable.DAMAGED
                    if self.unreadable.give_up(photo.id, photo.path, problem):
                        self._flag_unreadable(photo, problem)
                        scored, unreadable = scored + 1, unreadable + 1
                    else:
                        missing += 1
                    continue
                try:
                    score = self.scorer.score_photo(image, gallery[photo.learner_id])
                except Exception as error:  # one bad photo must not stop the others
                    failed += 1
                    self.send(PhotoFailed(photo.id, repr(error)))
                    continue
                flags = sorted(score.flags)
                with self.database.writing() as session:
                    save_score(session, photo.id, score)
                scored += 1
                self.scored_total += 1
                self.send(
                    PhotoScored(photo.id, score.face_count, score.distance, tuple(f.value for f in flags))
                )
                self.send(ScoringProgress(scored, total, missing))
        seconds = time.monotonic() - started
        return PassFinished(scored, missing, failed, seconds, self.stop.is_set(), unreadable)


def run(config: ScoringConfig, send: Callable[[object], None], stop: _Stop) -> None:
    """The worker's whole life, callable in-process too (the command line runs it in its own process)."""
    from app.persistence import Database

    database = Database(config.database_url)
    try:
        engine = load_engine(config.engine_factory, config.engine_kwargs)
        if config.threshold is None and config.fallback_calibration is not None:
            try:
                calibrate_if_needed(
                    database, engine, config.fallback_calibration, stop, send, config.calibration_wait_s
                )
            except InterruptedError:
                return
            except Exception as error:  # scoring at the default threshold beats not scoring
                send(PhotoFailed(0, f"first calibration failed: {error!r}"))
        parameters = choose_parameters(database, engine.embedding_id, config.threshold)
        send(_ready(engine, parameters))
        runner = PassRunner(database, engine, parameters, config, send, stop)
        if config.start_delay_s > 0 and stop.wait(config.start_delay_s):
            return
        while not stop.is_set():
            # A calibration made while the console runs (the demo's first start) applies from here.
            parameters = choose_parameters(database, engine.embedding_id, config.threshold)
            if parameters != replace(runner.scorer.parameters, detector=None):
                runner.scorer.judge_with(parameters)
                send(_ready(engine, parameters))
            finished = runner.run_pass()
            send(finished)
            if config.once or runner._limit_reached() or stop.wait(config.interval_s):
                return
    finally:
        database.dispose()


class _StopOrOrphaned:
    """Stop when the parent raises the shared flag, or died without raising it (killed).

    A plain shared byte, polled: a multiprocessing.Event would do, except that its `set()` waits
    for every sleeper to wake, and a worker killed while waiting never does (the parent hangs).
    """

    def __init__(self, flag: Any) -> None:
        import multiprocessing

        self._flag = flag
        self._parent = multiprocessing.parent_process()

    def is_set(self) -> bool:
        return bool(self._flag.value) or (self._parent is not None and not self._parent.is_alive())

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
            if left <= 0:
                return False
            time.sleep(left)
        return True


def worker_main(config: ScoringConfig, conn: Connection, stop_flag: Any) -> None:
    """Entry point of the spawned process. `stop_flag`: a shared byte (RawValue) the parent sets."""
    stop = _StopOrOrphaned(stop_flag)
    if config.nice:
        # No os.nice on Windows; lowering the priority may be refused: scoring goes on either way.
        with contextlib.suppress(AttributeError, OSError):
            os.nice(config.nice)

    def send(message: object) -> None:
        with contextlib.suppress(OSError):  # the parent went away: nobody to report to
            conn.send(message)

    try:
        run(config, send, stop)
    except Exception:
        send(ScorerFailed(traceback.format_exc(limit=8)))
        conn.close()
        raise SystemExit(1) from None
    conn.close()
