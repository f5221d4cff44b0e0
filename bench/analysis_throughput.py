"""Face analysis next to a full video wall: analysed frames/s and verified faces/s beside 16 tiles' fps.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/analysis_throughput.py [--seconds 25] [--fps 1.0]
        [--phases wall,naive,full,regions] [--workers 2]

The first 16 demo cameras play one classroom clip (four enrolled learners, a class running) on the
real wall (adaptive decoding on), and LiveAnalysis analyses all of them. Phases, switched with
AnalysisService.reconfigure: `wall` (no analysis yet), `naive` (whole-frame HOG and an embedding per
face every sample), `full` (whole-frame HOG, embeddings at a track's start and every 30 s) and
`regions` (the default: HOG around tracks and changes, a full scan every 10 s, re-checks spread out).
CPU is process time: "console" this process, "worker" the analysis processes; the load average is
printed per phase. Target: ≥ 16 analysed frames/s in total with every tile ≥ 24 fps. "Verified
faces" had their identity computed from a fresh embedding. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from app.demo.classroom_video import make_classroom_clip
from app.demo.media_jobs import EnrolmentPhotoJob
from app.demo.plugin import classroom_calibration_hook, enrolment_photos_hook
from app.demo.workspace_seed import ensure_demo_database
from app.domain.observation import CameraSample
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.repositories import ClassSessionRepository, MetaRepository
from app.persistence.repositories.workspace_repository import WorkspaceRepository
from app.video.wall_layout import grid_layout
from app.vision.analysis_types import StageTimes
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions
from app.vision.settings import AnalysisSettings
from widgets.video_wall.tile import Tile
from widgets.video_wall.wall_canvas import WallCanvas
from widgets.video_wall.wall_streams import WallStreams

SEED = 20220401
CAMERAS = 16


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)


def process_cpu_s(pid: int | None) -> float:
    """User + system CPU seconds of process `pid` (Linux /proc), 0.0 when unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


PHASES: dict[str, dict[str, object]] = {
    "naive": {
        "region_detection": False,
        "max_embeddings_per_frame": 16,
        "reverify_per_s": 1000.0,
        "recheck_s": 0.0,
    },
    "full": {
        "region_detection": False,
        "max_embeddings_per_frame": 4,
        "reverify_per_s": 1000.0,
        "recheck_s": 30.0,
    },
    "regions": {
        "region_detection": True,
        "max_embeddings_per_frame": 4,
        "reverify_per_s": AnalysisSettings().reverify_per_s,
        "recheck_s": 30.0,
    },
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=25.0, help="measuring window per phase")
    parser.add_argument("--warmup", type=float, default=8.0, help="before each phase's window")
    parser.add_argument("--fps", type=float, default=1.0, help="analysed frames per second per camera")
    parser.add_argument(
        "--workers", type=int, default=AnalysisSettings().workers, help="analysis worker processes"
    )
    parser.add_argument(
        "--phases", default="wall,naive,full,regions", help="comma-separated subset, in this order"
    )
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="analysis-throughput-"))
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    media = folder / "media"
    ensure_demo_database(url, media, SEED, date.today())
    database = Database(url)
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
        seeds = {
            int(k): int(v)
            for k, v in json.loads(MetaRepository(session).get("demo.face_seeds") or "{}").items()
        }
    assert workspace is not None
    learners = sorted(seeds)[:4]
    clip = media / "videos" / "throughput.mp4"
    make_classroom_clip(clip, 5, seats=[seeds[i] for i in learners] + [None] * 9, label="THROUGHPUT")
    cameras = [c for c in workspace.cameras if c.enabled][:CAMERAS]
    now = datetime.now()
    with database.writing() as session:
        repo = ClassSessionRepository(session)
        sessions = {
            room: repo.add(
                ClassSession(
                    0, room, now.date(), now - timedelta(minutes=1), now + timedelta(hours=2), learners
                )
            ).id
            for room in sorted({c.classroom_id for c in cameras})
        }
    # A seeded class here would take analysis (first begun); the bench's class must be the one.
    only = {camera.id: sessions[camera.classroom_id] for camera in cameras}
    for camera in cameras:
        camera.main_url = camera.sub_url = clip.absolute().as_uri()
    photos = tuple(EnrolmentPhotoJob(media / "photos" / "enrol" / f"{i}.jpg", seeds[i]) for i in learners)
    live = LiveAnalysis(
        database,
        workspace,
        LiveAnalysisOptions(
            sample_fps=args.fps,
            enrolment_photos=enrolment_photos_hook(photos),
            calibration=classroom_calibration_hook(media),
            workers=args.workers,
            only_sessions=only,
        ),
    )
    verified = [0]
    samples = [0]

    def count(sample: CameraSample) -> None:  # "vision-analysis" thread
        samples[0] += 1
        verified[0] += sum(1 for o in sample.observations if o.verified_at == sample.at)
        supervision = live.supervision
        if supervision is not None:
            supervision.on_sample(sample)

    live._on_sample = count  # type: ignore[method-assign]  # counting in front of LiveSupervision

    from app.switched_off import NoMediaInPreparation, RecordingOff
    from app.video import DecoderPool

    canvas = WallCanvas()
    canvas.resize(1600, 900)
    layout = grid_layout(4)
    tiles = [Tile(i) for i in range(layout.tile_count)]
    canvas.set_tiles(layout, tiles)
    canvas.show()
    pool = DecoderPool(max_streams=CAMERAS + 4)
    streams = WallStreams(
        pool, canvas, recording=RecordingOff(), analysis=live, media_in_preparation=NoMediaInPreparation()
    )
    streams.start()
    streams.set_active(True)
    for tile, camera in zip(tiles, cameras, strict=True):
        tile.camera = camera
        streams.bind(tile)
    rows: list[str] = []

    def measure(name: str) -> None:
        pump(app, args.warmup)
        service = live.service
        worker_pids = service.process.pids if service is not None else []
        displayed0 = [t.displayed for t in tiles]
        samples0, verified0 = samples[0], verified[0]
        statuses0 = live.statuses()
        stages0 = service.stage_times() if service is not None else StageTimes()
        cpu0, worker0 = time.process_time(), sum(map(process_cpu_s, worker_pids))
        streams.worst_lateness_run = 0.0
        t1 = time.monotonic()
        pump(app, args.seconds)
        elapsed = time.monotonic() - t1
        console_cpu = (time.process_time() - cpu0) / elapsed
        worker_cpu = (sum(map(process_cpu_s, worker_pids)) - worker0) / elapsed
        stages = (service.stage_times() if service is not None else StageTimes()) - stages0
        statuses1 = live.statuses()
        fps = [(t.displayed - s) / elapsed for t, s in zip(tiles, displayed0, strict=True)]
        frames = samples[0] - samples0
        rate = frames / elapsed
        dropped = sum(s.dropped for s in statuses1.values()) - sum(s.dropped for s in statuses0.values())
        load = os.getloadavg()[0]
        print(f"\n== {name}  ({elapsed:.0f} s, load {load:.2f})")
        if name != "wall":
            print(f"analysed frames/s (total): {rate:.1f}   (target ≥ 16)")
            print(f"verified faces/s:          {(verified[0] - verified0) / elapsed:.2f}")
            print(f"samples dropped (worker behind): {dropped}")
        print("tile displayed fps: " + " ".join(f"{f:.1f}" for f in fps))
        worst_ms = streams.worst_lateness_run * 1000
        print(f"lowest tile fps: {min(fps):.1f}   (target ≥ 24); GUI worst lateness {worst_ms:.0f} ms")
        print("decode modes: " + " ".join(t.mode.name[:4] for t in tiles))
        per_frame = f"{1000 * worker_cpu / rate:.0f}" if rate > 0 else "-"
        print(f"CPU cores: console {console_cpu:.2f}, worker {worker_cpu:.2f}; worker ms/frame {per_frame}")
        if stages.frames:
            print(stages.breakdown())
        rows.append(
            f"| {name} | {rate:.1f} | {(verified[0] - verified0) / elapsed:.2f} | {min(fps):.1f} | "
            f"{worst_ms:.0f} | {console_cpu:.2f} | {worker_cpu:.2f} | {per_frame} | {load:.2f} |"
        )

    if "wall" in phases:
        measure("wall")
    t0 = time.monotonic()
    live.start()
    while not live.ready.is_set() and time.monotonic() - t0 < 180:
        pump(app, 0.5)
    ready_s = time.monotonic() - t0
    print(f"\nanalysis ready after {ready_s:.1f} s (enrolment + calibration); threshold {live.threshold:.3f}")
    print(f"cameras analysed: {len(live.analysed)} at {args.fps} fps each")
    for name in [p for p in phases if p in PHASES]:
        service = live.service
        if service is None:
            break
        knobs = dict(PHASES[name])
        recheck = float(knobs.pop("recheck_s"))  # type: ignore[arg-type]
        service.reconfigure(**knobs, tracker=replace(service.settings.tracker, recheck_interval_s=recheck))
        measure(name)
    print(
        "\n| phase | analysed frames/s | verified faces/s | lowest tile fps | GUI worst lateness ms |"
        " console CPU cores | worker CPU cores | worker CPU ms/frame | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    live.stop()
    streams.stop()
    pool.stop(timeout=10)
    database.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
