"""The analysis worker process: frames in through shared memory, faces out; drops, crashes, hangs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import av
import numpy as np
import pytest

from app.domain.observation import Box
from app.vision.analysis_process import AnalysisGap, AnalysisProcess
from app.vision.analysis_protocol import WorkerConfig
from tests.helpers.square_faces import collect, square_frame

SQUARE = "tests.helpers.fake_engines:SquareEngine"


def wait_for(condition: Callable[[], bool], process: AnalysisProcess, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        process.poll(0.05)


@pytest.fixture
def make_process() -> Iterator[Callable[..., AnalysisProcess]]:
    made: list[AnalysisProcess] = []

    def make(config: WorkerConfig, **kwargs: object) -> AnalysisProcess:
        process = AnalysisProcess(config, slot_bytes=640 * 360 * 3, **kwargs)  # type: ignore[arg-type]
        made.append(process)
        return process

    yield make
    for process in made:
        process.stop()


@pytest.mark.faces
def test_real_frames_round_trip_through_the_dlib_worker(
    make_process: Callable[..., AnalysisProcess], faces_dir: Path
) -> None:
    with av.open(str(faces_dir / "video" / "short_hamilton_clip.mp4")) as container:
        frames = {
            i: np.asarray(f.to_ndarray(format="rgb24"), np.uint8)
            for i, f in enumerate(container.decode(video=0))
            if i in (50, 150)
        }
    process = make_process(WorkerConfig())
    assert process.start(wait_ready=30), process.failure
    assert process.engine_id.startswith("dlib-hog") and process.pid is not None
    empty = process.submit(1, frames[50], upsample=1)
    face = process.submit(2, frames[150], upsample=1)
    assert empty is not None and face is not None
    results = collect(process, 2)
    by_job = {r.job_id: r for r in results}
    assert by_job[empty].faces == () and by_job[empty].camera_id == 1
    [found] = by_job[face].faces
    assert Box(180, 20, 320, 170).left <= found.box.left and found.box.right <= 320
    assert found.embedding is not None and found.embedding.shape == (128,)
    assert by_job[face].detect_ms > 0 and by_job[face].embed_ms > 0
    # A face inside a "fresh" (recently verified) box is detected but not embedded again.
    again = process.submit(2, frames[150], upsample=1, skip_boxes=(found.box,))
    results = collect(process, 1)
    assert results[0].job_id == again and results[0].faces[0].embedding is None
    counters = process.counters()
    assert (counters.submitted, counters.completed, counters.in_flight) == (3, 3, 0)


def test_a_slow_worker_makes_the_sampler_drop_frames_instead_of_queueing(
    make_process: Callable[..., AnalysisProcess],
) -> None:
    process = make_process(WorkerConfig(SQUARE, {"delay_s": 0.3}), ring_slots=2)
    assert process.start(wait_ready=20)
    started = time.monotonic()
    accepted = [process.submit(1, square_frame()) for _ in range(10)]
    assert time.monotonic() - started < 0.5  # submitting never waits for the worker
    assert sum(job is not None for job in accepted) == 2
    counters = process.counters()
    assert (counters.submitted, counters.dropped_busy, counters.in_flight) == (2, 8, 2)
    results = collect(process, 2)
    assert [len(r.faces) for r in results] == [1, 1]
    assert process.has_free_buffer and process.submit(1, square_frame()) is not None


def test_a_killed_worker_is_restarted_and_the_gap_recorded(
    make_process: Callable[..., AnalysisProcess],
) -> None:
    gaps: list[AnalysisGap] = []
    process = make_process(WorkerConfig(SQUARE, {"delay_s": 1.0}), on_gap=gaps.append)
    assert process.start(wait_ready=20)
    first_pid = process.pid
    assert process.submit(1, square_frame()) is not None
    process.kill_worker()
    wait_for(lambda: bool(gaps) and process.ready, process)
    [gap] = gaps
    assert gap.reason == "crashed" and gap.lost_frames == 1 and gap.exitcode == -9
    assert gap.started_at <= gap.ended_at
    assert process.pid != first_pid and process.counters().restarts == 1
    assert process.counters().lost_in_crash == 1
    job = process.submit(1, square_frame(x=300))
    results = collect(process, 1)
    assert results[0].job_id == job and results[0].faces[0].box.left == 300


def test_a_hung_worker_is_killed_after_the_result_timeout(
    make_process: Callable[..., AnalysisProcess],
) -> None:
    gaps: list[AnalysisGap] = []
    process = make_process(WorkerConfig(SQUARE, {"delay_s": 30.0}), on_gap=gaps.append, result_timeout_s=0.5)
    assert process.start(wait_ready=20)
    process.submit(1, square_frame())
    wait_for(lambda: bool(gaps), process)
    assert [(g.reason, g.lost_frames) for g in gaps] == [("hung", 1)]


def test_a_worker_that_cannot_load_its_engine_reports_why_and_is_retried_with_backoff(
    make_process: Callable[..., AnalysisProcess],
) -> None:
    process = make_process(WorkerConfig("tests.helpers.fake_engines:BrokenEngine"))
    assert not process.start(wait_ready=3)
    assert "model file missing" in process.failure
    assert process.submit(1, square_frame()) is None  # dropped, counted, no exception
    restarts = process.counters().restarts
    assert 1 <= restarts <= 4  # 0.5 s, 1 s, 2 s... not a busy loop


def test_a_worker_stopped_from_two_threads_at_once_is_ended_once(
    make_process: Callable[..., AnalysisProcess],
) -> None:
    """The restart supervisor and the console's shutdown may stop the same worker together: both
    closed its pipe, and the second close raised EBADF (or closed an unrelated file reusing it)."""
    import threading

    for _ in range(3):
        process = make_process(WorkerConfig(engine_factory=SQUARE))
        assert process.start(wait_ready=30), process.failure
        barrier = threading.Barrier(6)
        errors: list[BaseException] = []

        def stop(
            process: AnalysisProcess = process,
            barrier: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            barrier.wait()
            try:
                process.stop(timeout=5)
            except BaseException as error:  # collected: the assertion below names it
                errors.append(error)

        stoppers = [threading.Thread(target=stop) for _ in range(6)]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join(30)
        assert errors == []


def test_a_restart_that_comes_after_stop_starts_no_worker(make_process) -> None:
    """Shutdown can overtake a settings change on the analysis thread: the worker must stay ended."""
    process = make_process(WorkerConfig(SQUARE))
    assert process.start(wait_ready=15)
    process.stop()
    process.restart(WorkerConfig(SQUARE))
    assert process._process is None or not process._process.is_alive()
