"""Face-analysis events on the demo's live script, against the script's ground truth.

    .venv/bin/python bench/analysis_demo_accuracy.py [--scale 0.5] [--cycles 1] [--keep DIR]

Headless, on a temporary demo workspace: the live script's four cameras (absent / substitute /
stranger by phase) played by a real DecoderPool into LiveAnalysis (enrolment, calibration, dlib worker,
LiveSupervision). --scale shortens the phases (0.5: 30/60/60/60 s), the absence limit, its dropout
tolerance and the stranger's end; re-checks every 10 s. Prints per kind (ABSENCE, FACE_MISMATCH,
UNKNOWN_FACE) expected, raised, matched, precision, recall and the median delay from the rule's deadline
to the event in the database, from the NOMINAL phase time and from when the camera SHOWED it (clips
switch at the 12 s loop seam). A match is the kind, camera and learner, first seen no earlier than
5 s before the deadline as shown; other kinds are listed. `--trace FILE` writes every observation;
`--away START:SECONDS` pages the cameras away and back and lists events within 15 s of the return;
`--seated` also analyses the unscripted cameras, where every face event is false. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from app.demo.live_script import LiveScript, ScriptTiming, prepare_live_script
from app.demo.media import materialise
from app.demo.media_jobs import ClipJob, EnrolmentPhotoJob
from app.demo.plugin import classroom_calibration_hook, enrolment_photos_hook
from app.demo.workspace_seed import ensure_demo_database
from app.domain.classroom_rules import ClassroomRules
from app.domain.observation import CameraSample
from app.persistence import Database
from app.persistence.repositories.workspace_repository import WorkspaceRepository
from app.video import DecoderPool, StreamSource
from app.vision.analysis_protocol import FrameResult
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions

KINDS = ("ABSENCE", "FACE_MISMATCH", "UNKNOWN_FACE")
# An event may precede its shown deadline by a sample interval; earlier, it is something else.
EARLY = timedelta(seconds=5)
SEED = 20220401


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=0.5, help="timescale of the script and absence limit")
    parser.add_argument("--cycles", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder (clips are reused between runs)")
    parser.add_argument("--trace", type=Path, help="write every analysed observation here (JSON lines)")
    parser.add_argument("--away", help="START:SECONDS: page away from the cameras and back (see above)")
    parser.add_argument("--seated", action="store_true", help="also analyse the unscripted cameras")
    args = parser.parse_args()
    away = tuple(float(part) for part in args.away.split(":")) if args.away else None
    folder = args.keep or Path(tempfile.mkdtemp(prefix="analysis-accuracy-"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.sqlite3").unlink(missing_ok=True)
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    media = folder / "media"
    today = date.today()
    t0 = time.monotonic()
    shown = record_phase_switches()
    ensure_demo_database(url, media, SEED, today)
    database = Database(url)
    if args.seated:
        run_afternoon_classes_now(database)
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
    assert workspace is not None
    s = args.scale
    timing = ScriptTiming(60 * s, 120 * s, 120 * s, 120 * s)
    absence = timedelta(seconds=60 * s)
    # Render first, then start the script's clock (rendering would otherwise eat the first phase).
    provisional = prepare_live_script(database, workspace, media, SEED, datetime.now(), timing)
    clips = [j for j in provisional.media_jobs if isinstance(j, ClipJob)]
    photos = tuple(j for j in provisional.media_jobs if isinstance(j, EnrolmentPhotoJob))
    made = materialise(clips)
    print(f"setup: demo database + {made} clips rendered in {time.monotonic() - t0:.1f} s")
    start = datetime.now().replace(microsecond=0) + timedelta(seconds=2)
    script = prepare_live_script(database, workspace, media, SEED, start, timing)
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
    assert workspace is not None
    expected = script.expected_events(args.cycles, absence)
    scripted = [c for c in script.cameras if c.scripted]
    cameras = {c.id: c for c in workspace.cameras}
    # Ends before the next cycle's substitute sits down, at any scale.
    stranger_gone = timedelta(seconds=120 * args.scale)
    rules = ClassroomRules(max_absence=absence, dropout_tolerance=absence / 2, stranger_gone=stranger_gone)
    live = LiveAnalysis(
        database,
        workspace,
        LiveAnalysisOptions(
            rules=rules,
            enrolment_photos=enrolment_photos_hook(photos),
            calibration=classroom_calibration_hook(media),
            recheck_s=10.0,
            tick_s=1.0,
            replan_s=5.0,
            only_sessions={c.camera_id: c.session_id for c in script.cameras},  # as the demo does
        ),
    )
    if args.trace is not None:
        trace_samples(live, args.trace, shown)
    first_seen: dict[int, datetime] = {}
    rows: dict[int, tuple[str, int | None, int | None, datetime]] = {}
    watched = [c for c in script.cameras if c.scripted or args.seated]
    seated = {c.camera_id for c in watched if not c.scripted}
    if seated:
        print(f"unscripted cameras analysed too: {sorted(seated)}")
    with DecoderPool(max_streams=16) as pool:
        visible = {}

        def open_streams() -> None:
            for camera in watched:
                stream = f"camera-{camera.camera_id}-sub"
                pool.open_stream(stream, StreamSource.for_camera(cameras[camera.camera_id], loop=True))
                visible[camera.camera_id] = stream

        open_streams()
        live.attach(pool)
        live.set_visible(visible)
        live.start()
        if not live.ready.wait(600):  # enrolment + the demo calibration: minutes on a busy machine
            print("analysis did not start")
            return 1
        late = (datetime.now() - start).total_seconds()
        # Enrolment and calibration take 20-60 s, which would eat the first phase: the script's
        # clock restarts now; events raised before are not evaluated.
        start = datetime.now().replace(microsecond=0) + timedelta(seconds=2)
        script = prepare_live_script(database, workspace, media, SEED, start, timing)
        with database.reading() as session:
            query = text("select id from events where engine like 'classroom%'")
            before = set(session.execute(query).scalars())
        expected = script.expected_events(args.cycles, absence)
        print(
            f"analysis running {late:+.0f} s after the first start; script restarted at {start:%H:%M:%S}; "
            f"threshold {live.threshold:.3f}"
        )
        end = start + timedelta(seconds=timing.cycle * args.cycles + 20)
        away_span: tuple[datetime, datetime] | None = None
        if away is not None:
            left = start + timedelta(seconds=away[0])
            away_span = (left, left + timedelta(seconds=away[1]))
        paged = 0  # 1: away, 2: back
        while datetime.now() < end:
            time.sleep(0.5)
            if away_span is not None and paged == 0 and datetime.now() >= away_span[0]:
                live.set_visible({})  # another page: as the wall's tiles unbind, the streams close
                for stream in list(visible.values()):
                    pool.close_stream(stream)
                visible.clear()
                paged = 1
                print(f"paged away at {datetime.now():%H:%M:%S}")
            elif away_span is not None and paged == 1 and datetime.now() >= away_span[1]:
                open_streams()
                live.set_visible(dict(visible))
                paged = 2
                away_span = (away_span[0], datetime.now())
                print(f"back at {away_span[1]:%H:%M:%S}")
            with database.reading() as session:
                found = session.execute(
                    text(
                        "select e.id, e.kind, e.camera_id, l.learner_id, e.started_at from events e "
                        "left join event_learners l on l.event_id = e.id and l.position = 0 "
                        "where e.engine like 'classroom%'"
                    )
                ).all()
            now = datetime.now()
            for event_id, kind, camera_id, learner_id, started in found:
                first_seen.setdefault(event_id, now)
                rows[event_id] = (str(kind).upper(), camera_id, learner_id, started)
        live.stop()
    database.dispose()
    if before:
        print(f"{len(before)} events raised before the script restarted: not evaluated")
    rows = {i: r for i, r in rows.items() if i not in before}
    for item in expected:
        moved = shown_deadline(item, script, shown, absence)
        item["shown_deadline"] = moved.isoformat(timespec="milliseconds")
    report(expected, rows, first_seen, {c.camera_id for c in scripted}, timing.substitute)
    report_unscripted(rows, first_seen, seated)
    if away_span is not None:
        report_return(rows, first_seen, away_span)
    if args.trace is not None:
        with args.trace.open("a", encoding="utf-8") as out:
            for item in expected:
                out.write(json.dumps({"expected": item["kind"], **item}, default=str) + "\n")
            for event_id, (kind, camera_id, learner_id, _started) in rows.items():
                seen = first_seen[event_id].isoformat(timespec="milliseconds")
                out.write(
                    json.dumps({"event": kind, "camera": camera_id, "learner": learner_id, "at": seen}) + "\n"
                )
    print(
        f"scale {s}: phases {dict(timing.phases)} s, absence limit {absence.total_seconds():.0f} s; "
        f"work in {folder}"
    )
    return 0


def run_afternoon_classes_now(database: Database) -> None:
    """Whether the first page has unscripted cameras depends on the hour (a seeded class must be running
    in their classroom); `--seated` moves the seeded afternoon classes to now, so it always has some."""
    now = datetime.now().replace(microsecond=0)
    end = min(now + timedelta(hours=2), now.replace(hour=23, minute=59, second=0))
    with database.writing() as session:
        session.execute(
            text("update class_sessions set starts_at = :start, ends_at = :end where title like '%下午%'"),
            {"start": now - timedelta(hours=1), "end": end},
        )


def record_phase_switches() -> dict[int, list[tuple[datetime, str]]]:
    """camera id → [(when the decoder started playing a phase's clip, phase name)], filled as the
    decoders ask their playlists for the clip to play (at open and at every loop seam)."""
    from app.video import stream_source

    switches: dict[int, list[tuple[datetime, str]]] = {}
    current_clip = stream_source.current_clip

    def recording(path: Path, now: float) -> Path:
        clip = current_clip(path, now)
        camera, _, rest = clip.stem.removeprefix("camera_").partition("_")
        phase = rest.rsplit("_", 1)[0]
        if camera.isdigit():
            seen = switches.setdefault(int(camera), [])
            if not seen or seen[-1][1] != phase:
                seen.append((datetime.now(), phase))
        return clip

    stream_source.current_clip = recording
    return switches


def shown_deadline(
    item: dict[str, object],
    script: LiveScript,
    shown: dict[int, list[tuple[datetime, str]]],
    absence: timedelta,
) -> datetime:
    """The ground-truth deadline moved by how late the camera really showed the phase it depends on."""
    nominal = datetime.fromisoformat(str(item["deadline"]))
    phase_start = nominal - absence if item["kind"] == "ABSENCE" else nominal
    elapsed = 0.0
    for name, seconds in itertools.cycle(script.timing.phases):  # the script repeats (--cycles)
        start = script.start + timedelta(seconds=elapsed)
        elapsed += seconds
        if start > phase_start + timedelta(seconds=0.5):
            break
        if abs((start - phase_start).total_seconds()) < 0.5:
            switches = shown.get(int(str(item["camera_id"])), [])
            switch = next((t for t, p in switches if p == name and t >= start - timedelta(seconds=0.5)), None)
            return nominal if switch is None else nominal + (switch - start)
    return nominal


def trace_samples(live: LiveAnalysis, path: Path, shown: dict[int, list[tuple[datetime, str]]]) -> None:
    """Record each observation (track, identity, distance, verification time) before the rules see it:
    the evidence for why an event came late or wrongly. Wraps LiveAnalysis's sample callback; also
    records each worker result as the coordinator receives it ("result": capture time, when it was
    handled, detect/embed ms, faces found and embedded) and each phase switch the decoders made
    ("phase"), so a late event can be followed through the pipeline sample by sample."""
    from app.vision.analysis_service import AnalysisService

    out = path.open("w", encoding="utf-8")
    lock = threading.Lock()
    forward = live._on_sample
    handle = AnalysisService._handle
    logged: dict[int, int] = {}

    def write(record: dict[str, object]) -> None:
        with lock:
            out.write(json.dumps(record) + "\n")
            out.flush()

    def handle_traced(service: AnalysisService, result: FrameResult) -> None:
        sent = service._sent.get(result.job_id)
        for camera_id, switches in shown.items():
            for moment, phase in switches[logged.get(camera_id, 0) :]:
                write({"phase": phase, "camera": camera_id, "at": stamp(moment)})
            logged[camera_id] = len(switches)
        if sent is not None:
            write(
                {
                    "result": result.camera_id,
                    "at": stamp(sent.at),
                    "handled": stamp(datetime.now()),
                    "detect_ms": round(result.detect_ms),
                    "embed_ms": round(result.embed_ms),
                    "faces": len(result.faces),
                    "embedded": result.embedded,
                    "scanned": round(result.scanned, 2),
                }
            )
        handle(service, result)

    AnalysisService._handle = handle_traced  # type: ignore[method-assign]

    def stamp(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat(timespec="milliseconds")

    def on_sample(sample: CameraSample) -> None:
        for o in sample.observations:
            record = {
                "at": stamp(o.at),
                "camera": o.camera_id,
                "track": o.track_id,
                "learner": o.learner_id,
                "distance": None if o.distance is None else round(o.distance, 4),
                "second": o.second_best_learner_id,
                "second_distance": o.second_best_distance and round(o.second_best_distance, 4),
                "verified": stamp(o.verified_at),
                "checks": o.agreeing_checks,
                "box": [o.box.left, o.box.top, o.box.right, o.box.bottom],
            }
            write(record)
        if not sample.observations:
            write({"at": stamp(sample.at), "camera": sample.camera_id})
        forward(sample)

    live._on_sample = on_sample  # type: ignore[method-assign]


def report(
    expected: list[dict[str, object]],
    rows: dict[int, tuple[str, int | None, int | None, datetime]],
    first_seen: dict[int, datetime],
    cameras: set[int],
    substitute_s: float,
) -> None:
    print(
        f"\n{'kind':<14}{'expected':>9}{'raised':>8}{'matched':>8}{'precision':>10}{'recall':>8}"
        f"{'median delay: nominal':>23}{'shown':>9}"
    )
    others: dict[str, int] = {}
    for kind in KINDS:
        truth = [e for e in expected if e["kind"] == kind]
        raised = {i: r for i, r in rows.items() if r[0] == kind and r[1] in cameras}
        used: set[int] = set()
        delays: list[float] = []
        shown_delays: list[float] = []
        for item in truth:
            deadline = datetime.fromisoformat(str(item["deadline"]))
            shown_at = datetime.fromisoformat(str(item["shown_deadline"]))
            candidates = [
                i
                for i, (k, cam, learner, started) in sorted(raised.items(), key=lambda kv: first_seen[kv[0]])
                if i not in used
                and cam == item["camera_id"]
                and (kind == "UNKNOWN_FACE" or learner == item["learner_id"])
                and first_seen[i] >= shown_at - EARLY
            ]
            if not candidates:
                print(
                    f"    missed {kind} camera {item['camera_id']} learner {item['learner_id']} "
                    f"(due {deadline:%H:%M:%S})"
                )
            else:
                used.add(candidates[0])
                delays.append((first_seen[candidates[0]] - deadline).total_seconds())
                shown_delays.append((first_seen[candidates[0]] - shown_at).total_seconds())
        precision = len(used) / len(raised) if raised else float("nan")
        recall = len(used) / len(truth) if truth else float("nan")
        median = f"{statistics.median(delays):+.1f} s" if delays else "-"
        shown_median = f"{statistics.median(shown_delays):+.1f} s" if shown_delays else "-"
        print(
            f"{kind:<14}{len(truth):>9}{len(raised):>8}{len(used):>8}{precision:>10.2f}{recall:>8.2f}"
            f"{median:>23}{shown_median:>9}"
        )
        print("    delays (shown):", " ".join(f"{d:+.1f}" for d in sorted(shown_delays)))
        for i, (k, cam, learner, _started) in raised.items():
            if i not in used:
                print(f"    unmatched {k} camera {cam} learner {learner} at {first_seen[i]:%H:%M:%S}")
    # 替学 counts as FACE_MISMATCH of L3 or UNKNOWN_FACE, once per camera, in its phase.
    substitutes = [e for e in expected if e["kind"] == "FACE_MISMATCH"]
    detected, delays = 0, []
    for item in substitutes:
        shown_at = datetime.fromisoformat(str(item["shown_deadline"]))
        hits = [
            first_seen[i]
            for i, (k, cam, learner, _started) in rows.items()
            if cam == item["camera_id"]
            and shown_at - EARLY <= first_seen[i] <= shown_at + timedelta(seconds=substitute_s)
            and (k == "UNKNOWN_FACE" or (k == "FACE_MISMATCH" and learner == item["learner_id"]))
        ]
        if hits:
            detected += 1
            delays.append((min(hits) - shown_at).total_seconds())
    median = f"{statistics.median(delays):+.1f} s" if delays else "-"
    print(
        f"替学 substitute detected by either kind: {detected} of {len(substitutes)}, "
        f"median delay {median} (shown)"
    )
    for k, _cam, _learner, _started in rows.values():
        if k not in KINDS:
            others[k] = others.get(k, 0) + 1
    if others:
        print("other kinds raised:", others)


def report_unscripted(
    rows: dict[int, tuple[str, int | None, int | None, datetime]],
    first_seen: dict[int, datetime],
    seated: set[int],
) -> None:
    """Face events on the unscripted cameras: their clips show the class's own learners, so every one
    is a false alarm (LATE_ARRIVAL of the learners not in the front row is what it says)."""
    if not seated:
        return
    false = [(i, r) for i, r in rows.items() if r[1] in seated and r[0] in ("FACE_MISMATCH", "UNKNOWN_FACE")]
    print(f"face events on the unscripted cameras {sorted(seated)} (all false): {len(false)}")
    for i, (kind, camera, learner, _started) in sorted(false, key=lambda item: first_seen[item[0]]):
        print(f"    {kind} camera {camera} learner {learner} at {first_seen[i]:%H:%M:%S}")


def report_return(
    rows: dict[int, tuple[str, int | None, int | None, datetime]],
    first_seen: dict[int, datetime],
    away: tuple[datetime, datetime],
) -> None:
    """What came within 15 s of analysis resuming (a burst here is the unwatched gap raised at once)."""
    left, back = away
    burst = [i for i in rows if back <= first_seen[i] <= back + timedelta(seconds=15)]
    during = [i for i in rows if left < first_seen[i] < back]
    print(
        f"away {left:%H:%M:%S}-{back:%H:%M:%S}: {len(during)} events first seen while away, "
        f"{len(burst)} within 15 s of the return"
    )
    for i in sorted(burst, key=lambda i: first_seen[i]):
        kind, camera, learner, started = rows[i]
        when = f"started {str(started)[11:19]} seen {first_seen[i]:%H:%M:%S}"
        print(f"    {kind} camera {camera} learner {learner} {when}")


if __name__ == "__main__":
    sys.exit(main())
