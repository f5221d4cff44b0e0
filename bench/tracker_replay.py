"""Replay the demo's classroom script through the tracker and rules engine, on many classrooms at once.

    .venv/bin/python bench/tracker_replay.py [--classrooms 16] [--cache /tmp/tracker-replay]

The end-to-end accuracy bench sees four classrooms in real time, so a rare decision shows in one run
and not the next. This one renders the script's clips for `--classrooms` synthetic rooms, embeds their
faces once with dlib (cached), and replays the phases (present 30 s, two out 60 s, substitute 60 s,
stranger 60 s) through FaceTracker and RulesEngine at 1 sample/s, 3/s while a face is in doubt.
`--seated-minutes` (10) first plays each room's first phase alone, where every face event is false.
Prints per tracker variant the FACE_MISMATCH of the replaced learner with its delay in sample time,
the stranger's UNKNOWN_FACE and every event not asked for; the baseline variant has no weak votes.
First run: ~1 min per classroom per core to render and embed; later runs: seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

import numpy as np

# This tree's app, not the one the virtualenv's editable install points at (benches compare trees).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.demo.live_script import ScriptTiming, scripted_phases
from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind
from app.domain.observation import Box, CameraSample
from app.supervision.engine_actions import ListSink
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine
from app.vision.analysis_service import PARK_S
from app.vision.analysis_worker import ARRIVAL_IOU
from app.vision.roster import Roster
from app.vision.sample_pacing import SamplePace
from app.vision.tracker import FaceTracker, TrackedFace, TrackerSettings, iou

FPS = 25
CLIP_FRAMES = 12 * FPS
FRAME_STEP = 8  # cached frames: every 0.32 s, the contested sampling interval
THRESHOLD = 0.3975  # the demo calibration's threshold (target FMR 5 %)
TIMING = ScriptTiming(30.0, 60.0, 60.0, 60.0)  # the accuracy bench's script at --scale 0.5
PHASES = TIMING.phases
USUAL_INTERVAL = 0.96  # 1 fps as a 25-fps decoder delivers it
CONTESTED_FPS, BURST_S = 3.0, 10.0
T0 = datetime(2025, 3, 14, 9, 0)

# (box, embedding) per face, per cached frame index, per phase
Faces = list[tuple[Box, np.ndarray]]


@dataclasses.dataclass(frozen=True)
class Classroom:
    index: int
    learners: tuple[int, int, int, int]  # face seeds, front row left to right
    substitute: int
    stranger: int

    @staticmethod
    def make(index: int) -> Classroom:
        rng = random.Random(f"tracker-replay/{index}")
        s0, s1, s2, s3, substitute, stranger = (rng.randrange(2**31) for _ in range(6))
        return Classroom(index, (s0, s1, s2, s3), substitute, stranger)

    def phases(self) -> dict[str, tuple[int | None, ...]]:
        """Phase → the front row's face seeds, as the demo's script seats them."""
        return dict(scripted_phases(self.learners, self.substitute, self.stranger))


def _embedded(cache: Path, room: Classroom) -> Path:
    """Render the classroom's four clips, detect and embed every cached frame; the cache file."""
    out = cache / f"room_{room.index}.v2.npz"  # v2: photos embedded as enrolment does
    if out.exists():
        return out
    import av
    import cv2

    from app.demo.classroom_video import SEAT_COUNT, make_classroom_clip
    from app.demo.photos import enrolment_photo
    from app.vision.enrolment import embed_photo
    from app.vision.face_engine import DlibFaceEngine

    engine = DlibFaceEngine()
    arrays: dict[str, np.ndarray] = {}
    for k, seed in enumerate((*room.learners, room.substitute, room.stranger)):
        photo = np.ascontiguousarray(cv2.cvtColor(enrolment_photo(seed), cv2.COLOR_BGR2RGB))
        enrolled, _ = embed_photo(engine, photo)  # as the console enrols a learner
        arrays[f"photo_{k}"] = enrolled if enrolled is not None else np.zeros(128, np.float32)
    for phase, front in room.phases().items():
        clip = cache / f"room_{room.index}_{phase}.mp4"
        seats = list(front) + [None] * (SEAT_COUNT - len(front))
        make_classroom_clip(clip, seed=1000 + room.index, seats=seats, label=f"ROOM-{room.index}")
        rows: list[list[float]] = []
        with av.open(str(clip)) as container:
            for i, frame in enumerate(container.decode(video=0)):
                if i % FRAME_STEP:
                    continue
                image = np.ascontiguousarray(frame.to_ndarray(format="rgb24"))
                for face in engine.detect(image):
                    box = face.box
                    vector = engine.embed(image, face)
                    rows.append([i, box.left, box.top, box.right, box.bottom, *vector.tolist()])
        clip.unlink()
        arrays[phase] = np.asarray(rows, dtype=np.float32).reshape(-1, 5 + 128)
    tmp = out.with_suffix(".part.npz")
    np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
    tmp.replace(out)
    return out


@dataclasses.dataclass
class Outcome:
    mismatch_delays: list[float] = dataclasses.field(default_factory=list)  # of the replaced learner
    missed_substitutes: list[int] = dataclasses.field(default_factory=list)  # classroom indexes
    stranger_delays: list[float] = dataclasses.field(default_factory=list)
    missed_strangers: list[int] = dataclasses.field(default_factory=list)  # classroom indexes
    false_events: list[str] = dataclasses.field(default_factory=list)
    samples: int = 0
    embeddings: int = 0  # faces the worker would embed: the cost side of a variant


def _frames(data: np.lib.npyio.NpzFile, phase: str) -> dict[int, Faces]:
    rows = data[phase]
    out: dict[int, Faces] = {}
    for row in rows:
        box = Box(int(row[1]), int(row[2]), int(row[3]), int(row[4]))
        out.setdefault(int(row[0]), []).append((box, row[5:].astype(np.float32)))
    return out


@dataclasses.dataclass(frozen=True)
class Conditions:
    """How a replay is run besides the tracker's settings.

    `classmates`: enrolment embeddings of other rostered learners, not in the picture (the demo's
    classes enrol ~20 learners, of whom four sit in the front row; synthetic faces lie close together,
    so a face can be nearer to an absent classmate's photo than to its own). `away`: (start, seconds)
    of script time in which the camera is not analysed (the wall shows another page): no samples, the
    rules ticked every second, and the tracker kept when the camera comes back within
    `analysis_service.PARK_S`, as the service does."""

    arrivals: bool = True
    classmates: tuple[np.ndarray, ...] = ()
    away: tuple[float, float] | None = None


def replay(
    room: Classroom,
    data: np.lib.npyio.NpzFile,
    settings: TrackerSettings,
    outcome: Outcome,
    conditions: Conditions = Conditions(),
) -> ListSink:
    """One run of the script in `room`, sampled as the analysis service would; events into `outcome`."""
    sink = _play(data, settings, outcome, PHASES, conditions)
    swap = T0 + timedelta(seconds=TIMING.present + TIMING.two_out)
    stranger_at = swap + timedelta(seconds=TIMING.substitute)
    _score(room, sink, swap, stranger_at, LEARNER_IDS[3], outcome)
    return sink


def seated(
    room: Classroom,
    data: np.lib.npyio.NpzFile,
    settings: TrackerSettings,
    outcome: Outcome,
    seconds: float,
    conditions: Conditions = Conditions(),
) -> None:
    """An unscripted camera: the room's four learners in the front row for `seconds`, one clip looped
    (the demo's cameras showing a running class). Every face event is a false alarm."""
    sink = _play(data, settings, outcome, (("present", seconds),), conditions)
    for kind in (EventKind.FACE_MISMATCH, EventKind.UNKNOWN_FACE):
        for raised in sink.raised(kind):
            event = raised.event
            when = (event.started_at - T0).total_seconds()
            distance = "-" if event.distance is None else f"{event.distance:.3f}"
            outcome.false_events.append(
                f"room {room.index}: {kind.value} {event.learner_ids} at {when:.0f} s, distance {distance}"
            )


LEARNER_IDS = (1, 2, 3, 4)
CLASSMATE_IDS = 1000  # learner ids of the classmates not in the picture start here


def _play(
    data: np.lib.npyio.NpzFile,
    settings: TrackerSettings,
    outcome: Outcome,
    phases: Sequence[tuple[str, float]],
    conditions: Conditions,
) -> ListSink:
    """Sample the phases' cached frames as the analysis service would, through the tracker and rules."""
    photos = {lid: [data[f"photo_{k}"]] for k, lid in enumerate(LEARNER_IDS)}
    photos.update({CLASSMATE_IDS + k: [v] for k, v in enumerate(conditions.classmates)})
    roster = Roster(photos)
    camera, classroom, session = 1, 10, 100
    sink = ListSink()
    rules_engine = RulesEngine(
        sink,
        {camera: classroom},
        rules=ClassroomRules(max_absence=timedelta(seconds=30), dropout_tolerance=timedelta(seconds=15)),
        match_threshold=THRESHOLD,
        coverage_gap=timedelta(seconds=5),
    )
    end = T0 + timedelta(seconds=sum(seconds for _phase, seconds in phases))
    rules_engine.add_sessions(
        [SupervisedSession(session, classroom, T0 - timedelta(minutes=1), end, frozenset(photos))]
    )
    track_ids = count(1)  # one numbering for the service's trackers, as the service keeps it
    tracker = FaceTracker(camera, roster, threshold=THRESHOLD, settings=settings, track_ids=track_ids)
    frames = {phase: _frames(data, phase) for phase, _ in phases}
    pace = SamplePace(1.0 / USUAL_INTERVAL, CONTESTED_FPS, BURST_S)
    away = conditions.away
    t = 0.0
    phase_start = 0.0
    phase_index = 0
    interval = USUAL_INTERVAL
    while phase_index < len(phases):
        phase, seconds = phases[phase_index]
        if t >= phase_start + seconds:
            phase_start += seconds
            phase_index += 1
            continue
        if away is not None and away[0] <= t < away[0] + away[1]:
            rules_engine.tick(T0 + timedelta(seconds=t))  # nobody analyses: the rules' clock runs on
            t += 1.0
            if t >= away[0] + away[1] and away[1] > PARK_S:  # back after the tracker was dropped
                tracker = FaceTracker(
                    camera, roster, threshold=THRESHOLD, settings=settings, track_ids=track_ids
                )
            continue
        # Clips switch at once here (the seam wait is not the tracker's), from their start.
        frame_no = round((t - phase_start) * FPS) % CLIP_FRAMES
        cached = frame_no - frame_no % FRAME_STEP
        moment = T0 + timedelta(seconds=t)
        faces = [(box, vector) for box, vector in frames[phase].get(cached, []) if box.top > 150]
        # As the worker does (app/vision/analysis_worker.py): someone new shows → look at everyone.
        track_boxes = [track.box for track in tracker.tracks]
        arrived = any(all(iou(box, tb) < ARRIVAL_IOU for tb in track_boxes) for box, _ in faces)
        fresh = tracker.fresh_boxes(moment, someone_arrived=arrived and conditions.arrivals)
        detected = [
            TrackedFace(box, 1.0, None if any(iou(box, f) >= settings.pose_iou for f in fresh) else vector)
            for box, vector in faces  # the front row only: the rows behind are empty here
        ]
        observations = tracker.update(moment, detected)
        outcome.samples += 1
        outcome.embeddings += sum(face.embedding is not None for face in detected)
        rules_engine.observe_sample(CameraSample(camera, moment, tuple(observations)))
        in_doubt = any(track.pending for track in tracker.tracks)
        interval = 1.0 / pace.next_rate(in_doubt, t)
        t += interval
    rules_engine.tick(end)
    return sink


def _score(
    room: Classroom, sink: ListSink, swap: datetime, stranger_at: datetime, replaced: int, outcome: Outcome
) -> None:
    """Identity events against the script (absence, lateness and leaving are the accuracy bench's)."""
    mismatches = [r.event for r in sink.raised(EventKind.FACE_MISMATCH)]
    unknowns = [r.event for r in sink.raised(EventKind.UNKNOWN_FACE)]
    # FACE_MISMATCH of the replaced learner; the face's nearest classmate is named second.
    of_replaced = [e for e in mismatches if e.learner_ids[:1] == [replaced] and e.started_at >= swap]
    replaced_at = [e.started_at for e in of_replaced]
    if replaced_at:
        outcome.mismatch_delays.append((replaced_at[0] - swap).total_seconds())
    else:
        outcome.missed_substitutes.append(room.index)
    strangers = [e for e in unknowns if e.started_at >= stranger_at]
    if strangers:
        outcome.stranger_delays.append((strangers[0].started_at - stranger_at).total_seconds())
    else:
        outcome.missed_strangers.append(room.index)
    unasked = [e for e in mismatches if e not in of_replaced]
    unasked += [e for e in unknowns if e.started_at < swap]  # from the swap on: the substitute, or him
    unasked += strangers[1:]
    for event in unasked:
        when = (event.started_at - T0).total_seconds()
        outcome.false_events.append(
            f"room {room.index}: {event.kind.value} {event.learner_ids} at {when:.0f} s"
        )


# name → (tracker settings, whether an arrival makes the worker look at everyone)
VARIANTS: dict[str, tuple[TrackerSettings, bool]] = {
    "baseline: two votes always decide, arrivals looked at the sample after": (
        TrackerSettings(recheck_interval_s=10.0, weak_vote_span_s=0.0),
        False,
    ),
    "weak votes, arrivals looked at the sample after": (TrackerSettings(recheck_interval_s=10.0), False),
    "current: weak votes, arrivals looked at at once": (TrackerSettings(recheck_interval_s=10.0), True),
}


def _substitute_distance(data: np.lib.npyio.NpzFile) -> tuple[float, float]:
    """How far the substitute's classroom views lie from the replaced learner's photo (min, max)."""
    rows = data["substitute"]
    seat = rows[(rows[:, 1] + rows[:, 3]) / 2 > 470]  # the front row's last seat (x ≈ 540 at 640 px)
    apart = np.linalg.norm(seat[:, 5:] - data["photo_3"][np.newaxis, :], axis=1)
    return float(apart.min()), float(apart.max())


def _classmates(datasets: Sequence[np.lib.npyio.NpzFile], index: int, count: int) -> tuple[np.ndarray, ...]:
    """`count` enrolment photos of other rooms' learners: the classmates of room `index` who are
    rostered but not in its picture (the same ones on every run)."""
    others = [data[f"photo_{k}"] for j, data in enumerate(datasets) if j != index for k in range(4)]
    if count > len(others):
        raise SystemExit(f"--classmates {count}: only {len(others)} other learners in {len(datasets)} rooms")
    return tuple(others[:count])


def _span(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    start, seconds = (float(part) for part in text.split(":"))
    return start, seconds


def _returned(sink: ListSink, back: float) -> list[str]:
    """Events raised within 15 s after the camera came back (a raise's history entry is its moment)."""
    out = []
    for raised in sink.raised():
        event = raised.event
        moment = (event.history[0].at - T0).total_seconds()
        if back <= moment <= back + 15:
            out.append(f"{event.kind.value} {event.learner_ids} at {moment:.0f} s")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classrooms", type=int, default=16)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/tracker-replay"))
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--seated-minutes",
        type=float,
        default=10.0,
        help="also play each room's first phase this long, as an unscripted camera (0: not)",
    )
    parser.add_argument(
        "--classmates",
        type=int,
        default=0,
        help="rostered learners not in the picture (other rooms' learners), as the demo's classes have",
    )
    parser.add_argument(
        "--away", help="START:SECONDS of script time with the camera on another page (not analysed)"
    )
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    rooms = [Classroom.make(i) for i in range(args.classrooms)]
    with ProcessPoolExecutor(args.processes) as pool:
        paths = list(pool.map(_embedded, [args.cache] * len(rooms), rooms))
    datasets = [np.load(p) for p in paths]
    away = _span(args.away)
    print(
        f"{len(rooms)} classrooms, threshold {THRESHOLD}, {args.classmates} classmates not in the picture"
        f"{'' if away is None else f', away {away[0]:g}-{away[0] + away[1]:g} s'}; "
        "delays in sample time from the swap\n"
    )
    for name, (settings, arrivals) in VARIANTS.items():
        outcome = Outcome()
        returned: list[str] = []
        for room, data in zip(rooms, datasets, strict=True):
            classmates = _classmates(datasets, room.index, args.classmates)
            sink = replay(room, data, settings, outcome, Conditions(arrivals, classmates, away))
            if away is not None:
                returned += [f"room {room.index}: {line}" for line in _returned(sink, away[0] + away[1])]
        delays = sorted(outcome.mismatch_delays)
        median = float(np.median(delays)) if delays else float("nan")
        print(f"{name}")
        print(
            f"  FACE_MISMATCH of the replaced learner: {len(delays)} of {len(rooms)}, "
            f"median delay {median:+.1f} s, slowest {max(delays, default=float('nan')):+.1f} s"
        )
        print(f"    delays: {' '.join(f'{d:+.1f}' for d in delays)}")
        for index in outcome.missed_substitutes:
            near, far = _substitute_distance(datasets[index])
            print(f"    missed: classroom {index} (the substitute lies {near:.3f}-{far:.3f} from the photo)")
        found = sorted(outcome.stranger_delays)
        print(
            f"  UNKNOWN_FACE of the stranger: {len(found)} of {len(rooms)}, "
            f"median delay {float(np.median(found)) if found else float('nan'):+.1f} s"
        )
        print(f"    delays: {' '.join(f'{d:+.1f}' for d in found)}")
        if outcome.missed_strangers:
            print(f"    missed: classrooms {outcome.missed_strangers}")
        print(f"  events the script did not ask for: {len(outcome.false_events)}")
        print(
            f"  cost: {outcome.embeddings} embeddings in {outcome.samples} samples "
            f"({outcome.embeddings / max(1, outcome.samples):.2f} per sample)"
        )
        for line in outcome.false_events:
            print(f"    {line}")
        if away is not None:
            print(f"  raised within 15 s of the camera's return: {len(returned)}")
            for line in returned:
                print(f"    {line}")
        if args.seated_minutes > 0:
            still = Outcome()
            for room, data in zip(rooms, datasets, strict=True):
                conditions = Conditions(arrivals, _classmates(datasets, room.index, args.classmates))
                seated(room, data, settings, still, args.seated_minutes * 60, conditions)
            print(
                f"  unscripted cameras (the four learners, one clip looped {args.seated_minutes:g} min): "
                f"{len(still.false_events)} face events, all false"
            )
            for line in still.false_events:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
