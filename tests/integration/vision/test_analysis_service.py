"""AnalysisService: taps → worker → tracker → observations, statuses and gaps; with a real decoder pool."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.domain.observation import CameraSample
from app.vision.analysis_process import AnalysisGap
from app.vision.analysis_protocol import WorkerConfig
from app.vision.analysis_service import AnalysisService
from app.vision.analysis_types import AnalysedCamera, AnalysisStatus
from app.vision.roster import Roster
from app.vision.settings import AnalysisSettings
from app.vision.tracker import TrackerSettings
from tests.helpers.fake_taps import FakeTapPool
from tests.helpers.square_faces import SQUARE, embedding_for, square
from tests.helpers.waiting import wait_until


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[CameraSample] = []
        self.statuses: list[AnalysisStatus] = []
        self.gaps: list[tuple[list[int], AnalysisGap]] = []

    def sample(self, sample: CameraSample) -> None:
        with self.lock:
            self.samples.append(sample)

    def status(self, status: AnalysisStatus) -> None:
        with self.lock:
            self.statuses.append(status)

    def gap(self, cameras: list[int], gap: AnalysisGap) -> None:
        with self.lock:
            self.gaps.append((cameras, gap))


@pytest.fixture
def service_factory() -> Iterator[Callable[..., AnalysisService]]:
    made: list[AnalysisService] = []

    def make(pool: object, cameras: list[AnalysedCamera], **kwargs: object) -> AnalysisService:
        service = AnalysisService(pool, cameras, **kwargs)  # type: ignore[arg-type]
        made.append(service)
        service.start()
        return service

    yield make
    for service in made:
        service.stop()


def test_frames_become_identified_observations_and_statuses(
    service_factory: Callable[..., AnalysisService],
) -> None:
    pool, seen = FakeTapPool(), Recorder()
    settings = AnalysisSettings(threshold=0.1, status_interval_s=0.1, tracker=TrackerSettings(confirm_hits=1))
    service = service_factory(
        pool,
        [AnalysedCamera(7, "cam-7"), AnalysedCamera(8, "cam-8")],
        settings=settings,
        rosters={7: Roster({42: [embedding_for(200)]})},
        on_sample=seen.sample,
        on_status=seen.status,
        worker_config=WorkerConfig(SQUARE),
    )
    wait_until(lambda: service.process.ready and "cam-8" in pool.taps, 15)
    _, size, _ = pool.taps["cam-7"]
    assert size == (640, 360)
    pool.publish("cam-7", square(100, 200))
    pool.publish("cam-8", square(300, 10))
    wait_until(lambda: len(seen.samples) >= 2, 15)
    by_camera = {s.camera_id: s for s in seen.samples}
    [known] = by_camera[7].observations
    assert known.learner_id == 42 and known.distance is not None and known.distance < 0.01
    # Boxes come back in the camera's own pixels (1280×720 source, 640×360 analysed: ×2).
    assert (known.box.left, known.box.top, known.box.right, known.box.bottom) == (200, 200, 360, 360)
    [stranger] = by_camera[8].observations
    assert stranger.learner_id is None and stranger.distance is None  # camera 8 has no roster yet
    assert known.engine_id == "fake-square/1" and by_camera[7].engine_id == "fake-square/1"
    # Evidence pictures ride along: the frame, and each face by its track id.
    assert by_camera[7].frame_jpeg.startswith(b"\xff\xd8")
    assert set(by_camera[7].face_jpegs) == {known.track_id}
    # A roster given later applies to the live tracks.
    service.set_roster(8, Roster({9: [embedding_for(10)]}))
    time.sleep(0.2)  # the roster reaches the worker before the next frame (nothing to observe)
    pool.publish("cam-8", square(302, 10))
    wait_until(lambda: any(o.learner_id == 9 for s in seen.samples for o in s.observations), 15)
    wait_until(lambda: service.statuses().get(7) is not None and service.statuses()[7].analysed >= 1, 15)
    status = service.statuses()[7]
    assert status.faces == 1 and status.rate > 0 and status.worker_ready and status.last_result_at is not None
    assert any(s.camera_id == 8 for s in seen.statuses)


def test_a_busy_camera_keeps_only_its_newest_sample_and_a_crash_is_reported_as_a_gap(
    service_factory: Callable[..., AnalysisService],
) -> None:
    pool, seen = FakeTapPool(), Recorder()
    service = service_factory(
        pool,
        [AnalysedCamera(1, "cam-1")],
        settings=AnalysisSettings(status_interval_s=0.1),
        on_sample=seen.sample,
        on_gap=seen.gap,
        worker_config=WorkerConfig(SQUARE, {"delay_s": 0.8}),
    )
    wait_until(lambda: service.process.ready and "cam-1" in pool.taps, 15)
    pool.publish("cam-1", square(100, 50))
    wait_until(lambda: service.process.counters().in_flight == 1, 15)
    for _ in range(3):  # the camera's frame is still in the worker: only the newest waits, never a queue
        pool.publish("cam-1", square(100, 50))
        time.sleep(0.05)
    wait_until(lambda: service.statuses().get(1) is not None and service.statuses()[1].dropped >= 2, 15)
    wait_until(lambda: len(seen.samples) == 2, 15)  # the first, then the one that waited
    time.sleep(1.0)  # nothing more arrives meanwhile: the time is the point
    assert len(seen.samples) == 2 and service.statuses()[1].dropped == 2
    # Crash while a frame is in the worker: restarted, the gap names the camera, analysis resumes.
    # (The face moved: an unchanged one would be reported again without running the detector.)
    pool.publish("cam-1", square(140, 50))
    wait_until(lambda: service.process.counters().in_flight == 1, 15)
    service.process.kill_worker()
    wait_until(lambda: bool(seen.gaps), 15)
    [(cameras, gap)] = seen.gaps
    assert cameras == [1] and gap.lost_frames == 1 and gap.reason == "crashed"
    wait_until(lambda: service.process.ready, 15)
    pool.publish("cam-1", square(100, 50))
    wait_until(lambda: len(seen.samples) == 3, 15)


def test_cameras_come_and_go_and_a_late_stream_is_tapped_when_it_opens(
    service_factory: Callable[..., AnalysisService],
) -> None:
    pool, seen = FakeTapPool(closed={"late"}), Recorder()
    service = service_factory(
        pool,
        [AnalysedCamera(1, "late")],
        settings=AnalysisSettings(status_interval_s=0.1, tracker=TrackerSettings(confirm_hits=1)),
        on_sample=seen.sample,
        worker_config=WorkerConfig(SQUARE),
    )
    service.set_roster(1, Roster({5: [embedding_for(60)]}), threshold=0.05)
    wait_until(lambda: service.process.ready, 15)
    time.sleep(0.3)  # and still no tap a moment later: the time is the point
    assert "late" not in pool.taps
    pool.closed.clear()  # the stream opened
    wait_until(lambda: "late" in pool.taps, 15)
    pool.publish("late", square(100, 60))
    wait_until(lambda: bool(seen.samples), 15)
    [observation] = seen.samples[0].observations
    assert observation.learner_id == 5 and observation.threshold == 0.05
    service.remove_camera(1)
    wait_until(lambda: "late" in pool.removed and "late" not in pool.taps, 15)
    wait_until(lambda: 1 not in service.statuses(), 15)


@pytest.mark.faces
@pytest.mark.slow
def test_the_real_clip_through_a_real_decoder_pool_identifies_the_enrolled_learner(
    service_factory: Callable[..., AnalysisService], faces_dir: Path
) -> None:
    from app.video.decoder_pool import DecoderPool
    from app.video.stream_source import StreamSource
    from app.vision.enrolment import embed_photo, read_rgb
    from app.vision.face_engine import DlibFaceEngine

    photo = read_rgb(faces_dir / "enrolled" / "lin_manuel_miranda.png")
    assert photo is not None
    lin, _ = embed_photo(DlibFaceEngine(), photo)
    assert lin is not None
    seen = Recorder()
    with DecoderPool(max_streams=2) as pool:
        pool.open_stream("hamilton", StreamSource.for_file(faces_dir / "video" / "short_hamilton_clip.mp4"))
        service_factory(
            pool,
            [AnalysedCamera(3, "hamilton")],
            settings=AnalysisSettings(sample_fps=3.0, upsample=0, tracker=TrackerSettings(confirm_hits=1)),
            rosters={3: Roster({77: [lin]})},
            on_sample=seen.sample,
        )
        found = wait_until(
            lambda: any(o.learner_id == 77 for s in list(seen.samples) for o in s.observations),
            timeout=25,
            message="learner 77 among the observations",
        )
        samples = list(seen.samples)
    assert found, f"{len(samples)} samples, observations: {[s.observations for s in samples][-5:]}"
    hit = next(o for s in samples for o in s.observations if o.learner_id == 77)
    assert hit.camera_id == 3 and hit.distance is not None and hit.distance < 0.6
    assert hit.engine_id.startswith("dlib-hog")
