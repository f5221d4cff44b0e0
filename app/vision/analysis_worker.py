"""The face-analysis worker process: detect and embed faces in frames from the shared-memory ring.

Runs in its own process (multiprocessing "spawn" context, nice 10), so dlib's GIL-holding work never
stalls the GUI process. Single-threaded loop: receive a FrameJob, read the frame from the ring,
detect (on the whole frame, or only where faces can have changed since the camera's previous
sample, an unchanged track's detection being reported again: app/vision/detection_regions.py),
embed the faces the coordinator asked for (those not overlapping a recently verified track, at
most `max_embeddings`, largest first; when someone new shows, those not checked within the last
moment), send the FrameResult. The buffer belongs to the coordinator
again once the result is sent. A closed pipe (the coordinator went away) ends the process.

Keep imports light: everything imported here is paid again at every (re)start.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

from app.vision.analysis_protocol import (
    DetectedFace,
    FrameJob,
    FrameResult,
    WorkerConfig,
    WorkerFailed,
    WorkerReady,
)
from app.vision.detection_regions import RegionScanner
from app.vision.face_track import iou
from app.vision.frame_ring import FrameRing


def load_engine(config: WorkerConfig) -> Any:
    module_name, _, attribute = config.engine_factory.partition(":")
    factory = getattr(importlib.import_module(module_name), attribute)
    return factory(**config.engine_kwargs)


# Overlapping no track box by this much: someone new (tracks continue from TrackerSettings.min_iou).
ARRIVAL_IOU = 0.3


def analyse(
    engine: Any, ring: FrameRing, job: FrameJob, skip_iou: float, scanner: RegionScanner | None = None
) -> FrameResult:
    image = ring.view(job.slot, job.shape)
    started = time.perf_counter()
    if scanner is None:
        detections, scanned = list(engine.detect(image, job.upsample)), 1.0
    else:
        detections, scanned = scanner.scan(
            engine, image, job.camera_id, job.track_boxes, full_frame=job.full_frame, upsample=job.upsample
        )
    detected = time.perf_counter()
    skip_boxes = job.skip_boxes
    if job.arrival_skip_boxes is not None and any(
        all(iou(det.box, track) < ARRIVAL_IOU for track in job.track_boxes) for det in detections
    ):
        skip_boxes = job.arrival_skip_boxes
    wanted = [
        index
        for index, det in sorted(enumerate(detections), key=lambda item: -item[1].box.area)
        if all(iou(det.box, fresh) < skip_iou for fresh in skip_boxes)
    ][: max(0, job.max_embeddings)]
    faces = []
    for index, det in enumerate(detections):
        embedding = engine.embed(image, det) if index in wanted else None
        faces.append(DetectedFace(det.box, det.score, det.landmarks5, embedding))
    done = time.perf_counter()
    return FrameResult(
        job.job_id,
        job.camera_id,
        job.slot,
        tuple(faces),
        detect_ms=(detected - started) * 1000.0,
        embed_ms=(done - detected) * 1000.0,
        scanned=scanned,
        embedded=len(wanted),
    )


# Between the wall and enrolment/scoring (15); at 5 a wall tile fell to 22.7 fps.
WORKER_NICE = 10


def worker_main(conn: Connection, ring_names: list[str], slot_bytes: int, config: WorkerConfig) -> None:
    """Entry point of the worker process."""
    # The wall gets the CPU first; analysis samples less and counts the drops.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(WORKER_NICE)
    try:
        engine = load_engine(config)
        ring = FrameRing.attach(ring_names, slot_bytes)
    except Exception:
        conn.send(WorkerFailed(traceback.format_exc(limit=5)))
        return
    conn.send(WorkerReady(engine.engine_id, engine.embedding_id, os.getpid()))
    scanner = RegionScanner()  # per-camera state: a restarted worker starts with whole-frame scans
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            try:
                result = analyse(engine, ring, job, config.skip_iou, scanner)
            except Exception as error:
                result = FrameResult(job.job_id, job.camera_id, job.slot, (), 0.0, 0.0, error=repr(error))
            conn.send(result)
    finally:
        ring.close()
