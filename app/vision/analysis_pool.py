"""A small pool of face-analysis workers (app/vision/analysis_process.py), one frame ring each.

Why more than one: a face costs ~95 ms to embed, and classrooms change together. When four scripted
cameras switched phase at the same instant, each sent a frame with 3-4 faces to embed: ~1.5 s of work
queued on one worker, and the decisive sample of the last camera was answered ~1 s after it was taken
(bench/analysis_demo_accuracy.py --trace). Two workers halve that queue; on a quiet wall they idle.

A camera's frames always go to the same worker ("home"): the worker's region scanner keeps per-camera
state (where the faces were). A camera gets the home with the fewest cameras when it is first sent, and
loses it when the service stops analysing it (`release`), so that a wall's tour keeps the workers even.

Used from ONE thread (the analysis coordinator), like AnalysisProcess. A worker that crashes is
restarted by its own AnalysisProcess; the gap names the cameras whose home it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from itertools import count
from multiprocessing.connection import wait
from typing import Unpack

import numpy as np
import numpy.typing as npt

from app.vision.analysis_process import AnalysisGap, AnalysisProcess, JobOptions, ProcessCounters
from app.vision.analysis_protocol import FrameResult, WorkerConfig


class AnalysisPool:
    def __init__(
        self,
        config: WorkerConfig | None = None,
        *,
        workers: int = 2,
        ring_slots: int = 4,
        slot_bytes: int = 640 * 640 * 3,
        result_timeout_s: float = 30.0,
        on_gap: Callable[[AnalysisGap, list[int]], None] | None = None,
    ) -> None:
        """`ring_slots`: frame buffers per worker. `on_gap(gap, camera_ids)`: a worker was restarted;
        the cameras whose home it is were not analysed in the gap."""
        if workers < 1:
            raise ValueError("an analysis pool needs at least one worker")
        self.on_gap = on_gap
        job_ids = count(1)
        self._workers = [
            AnalysisProcess(
                config,
                ring_slots=ring_slots,
                slot_bytes=slot_bytes,
                result_timeout_s=result_timeout_s,
                on_gap=partial(self._gap, index),
                job_ids=job_ids,
            )
            for index in range(workers)
        ]
        self._home: dict[int, int] = {}  # camera → index of its worker

    # ----- lifecycle -----

    def start(self, wait_ready: float = 0.0) -> bool:
        for worker in self._workers:
            worker.start()
        return all(worker.start(wait_ready) for worker in self._workers)

    def stop(self, timeout: float = 5.0) -> None:
        for worker in self._workers:
            worker.stop(timeout)

    def restart(self, config: WorkerConfig, timeout: float = 2.0) -> None:
        """Every worker again, built with `config` (a new detector)."""
        for worker in self._workers:
            worker.restart(config, timeout)

    def kill_worker(self, index: int | None = None) -> None:
        """Kill one worker (or all) as a crash would: tests."""
        for i, worker in enumerate(self._workers):
            if index is None or i == index:
                worker.kill_worker()

    @property
    def size(self) -> int:
        return len(self._workers)

    @property
    def config(self) -> WorkerConfig:
        return self._workers[0].config

    @property
    def ready(self) -> bool:
        return all(worker.ready for worker in self._workers)

    @property
    def engine_id(self) -> str:
        return next((w.engine_id for w in self._workers if w.engine_id), "")

    @property
    def pids(self) -> list[int]:
        return [w.pid for w in self._workers if w.pid is not None]

    def counters(self) -> ProcessCounters:
        each = [w.counters() for w in self._workers]
        return ProcessCounters(*(sum(getattr(c, f.name) for c in each) for f in fields(ProcessCounters)))

    def home_of(self, camera_id: int) -> int | None:
        return self._home.get(camera_id)

    def ready_for(self, camera_id: int) -> bool:
        """Whether the camera's worker is up (a camera without a worker yet: whether all are)."""
        home = self._home.get(camera_id)
        return self.ready if home is None else self._workers[home].ready

    # ----- frames -----

    def submit(
        self, camera_id: int, image: npt.NDArray[np.uint8], **options: Unpack[JobOptions]
    ) -> int | None:
        """Send a frame to its camera's worker (AnalysisProcess.submit); the job id, or None when
        dropped (that worker is behind or restarting)."""
        home = self._home.get(camera_id)
        if home is None:  # the running worker with the fewest cameras (not one restarting after a crash)
            load = [0] * len(self._workers)
            for index in self._home.values():
                load[index] += 1
            home = min(range(len(load)), key=lambda i: (not self._workers[i].ready, load[i]))
            self._home[camera_id] = home
        return self._workers[home].submit(camera_id, image, **options)

    def release(self, camera_id: int) -> None:
        """The camera is no longer analysed: its worker takes new cameras first."""
        self._home.pop(camera_id, None)

    def pending_jobs(self) -> set[int]:
        return set().union(*(w.pending_jobs() for w in self._workers))

    def poll(self, timeout: float = 0.0) -> list[FrameResult]:
        """Results from every worker (waiting at most `timeout` in all); also supervises them."""
        pipes = [w.connection for w in self._workers if w.connection is not None]
        if timeout > 0 and pipes:
            wait(pipes, timeout)  # any worker's answer ends the wait
        elif timeout > 0:
            time.sleep(min(timeout, 0.05))  # every worker is restarting
        results: list[FrameResult] = []
        for worker in self._workers:
            results.extend(worker.poll(0.0))
        return results

    def _gap(self, index: int, gap: AnalysisGap) -> None:
        if self.on_gap is not None:
            self.on_gap(gap, sorted(c for c, home in self._home.items() if home == index))
