"""Enrolment embeddings (and a never-calibrated workspace's first calibration) in a child process,
so dlib never holds the console's GIL: the GUI and the decoders keep their pace while dozens of
photos are embedded. A workspace plug-in's hooks reach the child as NamedCalls.

`run_enrolment(request, cancelled)` runs in the caller's thread (LiveAnalysis's "vision-setup"
thread): it starts a spawned process, waits for it while polling `cancelled()` (the process is
terminated on cancel: its writes are one row per photo, each its own transaction, so a kill loses
at most the photo in hand), and returns what the child reported. Progress is logged by the child
through the console's log (stderr in tests).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.face_verdict import VerdictParameters
from app.domain.named_call import NamedCall
from app.vision.analysis_protocol import WorkerConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EnrolmentRequest:
    database_url: str = field(repr=False)  # may carry a password: never logged
    learner_ids: tuple[int, ...]
    photo_root: str | None = None
    worker_config: WorkerConfig = field(default_factory=WorkerConfig)
    # Before embedding, renders missing photos (else "no face" for good):
    # (database, embedding_id, learner_ids) → count.
    prepare_photos: NamedCall | None = None
    calibration: NamedCall | None = None  # called with (engine) when never calibrated


@dataclass(frozen=True, slots=True)
class EnrolmentResult:
    embedding_id: str
    embedded: int
    threshold: float | None  # the workspace's calibrated threshold (None: never calibrated)
    error: str = ""
    verdict: VerdictParameters | None = None  # the same with its source and calibration date


def _child(request: EnrolmentRequest, results: Any) -> None:  # the spawned process
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s enrolment[%(process)d] %(message)s")
    logging.getLogger(__name__).setLevel(logging.INFO)
    with contextlib.suppress(AttributeError, OSError):
        os.nice(15)  # behind the decoders and the analysis workers (10)
    try:
        results.put(_enrol(request))
    except Exception as exc:  # reported to the parent, which logs it
        logging.getLogger(__name__).exception("enrolment failed")
        results.put(EnrolmentResult("", 0, None, error=f"{type(exc).__name__}: {exc}"))


def _enrol(request: EnrolmentRequest) -> EnrolmentResult:
    import importlib

    from app.persistence import Database
    from app.vision.calibration import load_threshold, save_calibration
    from app.vision.calibration_store import verdict_parameters
    from app.vision.enrolment import ensure_enrolment_embeddings

    child_log = logging.getLogger(__name__)
    module, _, name = request.worker_config.engine_factory.partition(":")
    engine = getattr(importlib.import_module(module), name)(**request.worker_config.engine_kwargs)
    database = Database(request.database_url)
    try:
        if request.prepare_photos is not None:
            made = request.prepare_photos(database, engine.embedding_id, request.learner_ids)
            child_log.info("enrolment photos rendered: %s", made)
        started = time.monotonic()
        root = Path(request.photo_root) if request.photo_root else None
        made = 0
        ids = list(request.learner_ids)
        for begin in range(0, len(ids), 10):  # in batches, to log progress
            made += ensure_enrolment_embeddings(database, engine, ids[begin : begin + 10], root)
            done = min(begin + 10, len(ids))
            child_log.info("enrolment embeddings: %d of %d learners checked", done, len(ids))
        child_log.info("enrolment: %d photos embedded in %.1f s", made, time.monotonic() - started)
        threshold = load_threshold(database, engine.embedding_id)
        if threshold is None and request.calibration is not None:
            result = request.calibration(engine)
            save_calibration(database, engine.embedding_id, result)
            threshold = result.threshold
            child_log.info("first calibration: %s", result.summary().replace("\n", "; "))
        with database.reading() as session:
            verdict = verdict_parameters(session, engine.embedding_id)
        return EnrolmentResult(engine.embedding_id, made, threshold, verdict=verdict)
    finally:
        database.dispose()


def run_enrolment(
    request: EnrolmentRequest, cancelled: Callable[[], bool], timeout: float = 1800.0
) -> EnrolmentResult | None:
    """Blocking; None when cancelled or the child died without an answer."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(request, results), name="vision-enrolment", daemon=True)
    process.start()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if cancelled():
                return None
            try:
                result: EnrolmentResult = results.get(timeout=0.2)
                return result
            except queue.Empty:
                if not process.is_alive():
                    try:  # the answer may still be in the pipe after the child exited
                        late: EnrolmentResult = results.get(timeout=1.0)
                        return late
                    except queue.Empty:
                        pass
                    log.error("the enrolment process ended without an answer (exit %s)", process.exitcode)
                    return None
        log.error("the enrolment process took longer than %.0f s", timeout)
        return None
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        results.close()
