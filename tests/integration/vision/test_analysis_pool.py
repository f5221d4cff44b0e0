"""The pool of analysis workers: each camera keeps one worker, the load is even, a crash is local."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.vision.analysis_pool import AnalysisPool
from app.vision.analysis_process import AnalysisGap
from app.vision.analysis_protocol import WorkerConfig
from tests.helpers.square_faces import SQUARE, collect, square_frame


@pytest.fixture
def pools() -> Iterator[list[AnalysisPool]]:
    made: list[AnalysisPool] = []
    yield made
    for pool in made:
        pool.stop()


def test_cameras_are_spread_over_the_workers_and_each_keeps_its_own(pools: list[AnalysisPool]) -> None:
    pool = AnalysisPool(WorkerConfig(SQUARE, {"delay_s": 1.0}), workers=2, slot_bytes=640 * 360 * 3)
    pools.append(pool)
    assert pool.start(wait_ready=30) and len(set(pool.pids)) == 2
    jobs = {camera: pool.submit(camera, square_frame(x=40 * camera)) for camera in range(4)}
    assert None not in jobs.values() and len(set(jobs.values())) == 4  # one id space for the pool
    homes = {c: pool.home_of(c) for c in range(4)}
    assert sorted(h for h in homes.values() if h is not None) == [0, 0, 1, 1]
    started = time.monotonic()
    results = collect(pool, 4)
    # Two workers at 1 s a frame: four frames in ~2 s, not the 4 s one worker takes.
    assert time.monotonic() - started < 3.5
    assert {r.job_id: r.faces[0].box.left for r in results} == {jobs[c]: 40 * c for c in range(4)}
    pool.submit(2, square_frame())
    assert {c: pool.home_of(c) for c in range(4)} == homes  # a camera stays with its worker
    pool.release(0)
    pool.release(2)
    pool.submit(9, square_frame())
    assert pool.home_of(9) == homes[0]  # the worker with fewer cameras takes the next one
    collect(pool, 2)


def test_a_crashed_worker_stops_only_its_own_cameras(pools: list[AnalysisPool]) -> None:
    gaps: list[tuple[AnalysisGap, list[int]]] = []
    pool = AnalysisPool(
        WorkerConfig(SQUARE, {"delay_s": 1.0}),
        workers=2,
        slot_bytes=640 * 360 * 3,
        on_gap=lambda gap, cameras: gaps.append((gap, cameras)),
    )
    pools.append(pool)
    assert pool.start(wait_ready=30)
    for camera in (1, 2):
        assert pool.submit(camera, square_frame()) is not None
    crashed = pool.home_of(1)
    assert crashed is not None and pool.home_of(2) != crashed
    pool.kill_worker(crashed)
    results = collect(pool, 1)
    assert [r.camera_id for r in results] == [2]  # the other worker answered its camera
    deadline = time.monotonic() + 15
    while not (gaps and pool.ready) and time.monotonic() < deadline:
        pool.poll(0.05)
    [(gap, cameras)] = gaps
    assert cameras == [1] and gap.reason == "crashed" and gap.lost_frames == 1
    assert pool.counters().restarts == 1 and pool.pending_jobs() == set()
    job = pool.submit(1, square_frame(x=300))
    assert [r.job_id for r in collect(pool, 1)] == [job]
