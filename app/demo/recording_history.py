"""The demo's recordings of earlier today, so the Recordings pane has a day to show at first start.

For a few cameras of the wall's first page: the camera's looping classroom clip remuxed (packets
copied through the recorder's own SegmentWriter: fragmented MP4, `.partial` then renamed) into
60-second segments, back to back from its class session's start (at most two hours back) until ten
minutes before start-up, with two holes of a few minutes (a camera that dropped out, with its
STREAM_LOST event), indexed in `recordings` like the recorder's own; plus a handful of past events
(ABSENCE, FACE_MISMATCH, UNKNOWN_FACE) with snapshots cut from the clip, inside the recorded spans.

`plan_recording_history` (bootstrap thread, a few reads) decides what; `write_recording_history`
(the demo-media thread, after the classroom clips) makes it. Idempotent:
segment files that exist are kept, rows are upserts by path, the events are added once per day
(workspace_meta `demo.recording_history`), and the job's marker file is written last, so
`materialise` skips the whole job next time. Cancellable between segments.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

import av
import cv2

from app.demo.media_jobs import HistoryCamera, RecordingHistoryJob
from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Post, Severity
from app.domain.geography import Workspace
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.repositories import (
    ClassSessionRepository,
    EventRepository,
    MetaRepository,
    Recording,
    RecordingRepository,
    WorkspaceRepository,
)
from app.video.segment_files import partial_of, segment_relpath, store_id
from app.video.segment_timing import Placed
from app.video.segment_writer import SegmentWriter, snapshot_stream

log = logging.getLogger(__name__)

META_KEY = "demo.recording_history"
HISTORY_CAMERAS = 4
SEGMENT_SECONDS = 60
MAX_HISTORY = timedelta(hours=2)
UNTIL_BEFORE_NOW = timedelta(minutes=10)
MIN_HISTORY = timedelta(minutes=40)  # room for two holes and three events
_SEVERITY = {
    EventKind.ABSENCE: Severity.MEDIUM,
    EventKind.FACE_MISMATCH: Severity.HIGH,
    EventKind.UNKNOWN_FACE: Severity.MEDIUM,
    EventKind.STREAM_LOST: Severity.LOW,
}


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def plan_segments(
    start: datetime, until: datetime, rng: random.Random
) -> tuple[tuple[datetime, ...], tuple[tuple[datetime, datetime], ...]]:
    """60 s segment starts covering [start, until) but for two holes of 3–7 minutes. Pure."""
    minutes = int((until - start).total_seconds() // SEGMENT_SECONDS)
    holes: list[tuple[int, int]] = []
    for third in (1, 2):  # one hole in the first half, one in the second
        length = rng.randint(3, 7)
        lo = max(5, (third - 1) * minutes // 2 + 5)
        hi = max(lo, third * minutes // 2 - length - 5)
        first = rng.randint(lo, hi)
        holes.append((first, first + length))
    starts = tuple(
        start + timedelta(seconds=SEGMENT_SECONDS * m)
        for m in range(minutes)
        if not any(a <= m < b for a, b in holes)
    )
    gaps = tuple(
        (start + timedelta(seconds=SEGMENT_SECONDS * a), start + timedelta(seconds=SEGMENT_SECONDS * b))
        for a, b in holes
    )
    return starts, gaps


def plan_recording_history(
    database: Database,
    workspace: Workspace,
    clip_for: Callable[[int], Path],
    root: Path,
    snapshot_dir: Path,
    seed: int,
    now: datetime | None = None,
    *,
    skip_titles: Sequence[str] = (),
    max_history: timedelta = MAX_HISTORY,
    cameras_wanted: int = HISTORY_CAMERAS,
) -> RecordingHistoryJob | None:
    """What to record for the first cameras of the wall; None when it is too early in the day.

    `clip_for(camera_id)` is the clip a camera's history is made of; sessions titled `skip_titles`
    (the live script's, which start at start-up) do not count as the class that ran earlier.
    """
    now = (now or datetime.now()).replace(microsecond=0)
    until = _minute(now - UNTIL_BEFORE_NOW)
    with database.reading() as session:
        sessions = ClassSessionRepository(session).sessions_on(now.date())
    earliest = _minute(max(datetime.combine(now.date(), time()), until - max_history))
    cameras: list[HistoryCamera] = []
    for camera in [c for c in workspace.cameras if c.enabled][:cameras_wanted]:
        earlier = [
            s
            for s in sessions
            if s.classroom_id == camera.classroom_id and s.start < until and s.title not in skip_titles
        ]
        held: ClassSession | None = min(earlier, key=lambda s: s.start) if earlier else None
        start = max(earliest, _minute(held.start)) if held is not None else earliest
        if until - start < MIN_HISTORY:
            start = earliest  # a class that began only just now: the camera recorded before it too
        if until - start < MIN_HISTORY:
            continue  # just after midnight: no history to show yet
        rng = random.Random(f"liangjiao-demo/{seed}/history/{camera.id}/{now.date()}")
        segments, gaps = plan_segments(start, until, rng)
        cameras.append(
            HistoryCamera(
                camera.id,
                camera.classroom_id,
                held.id if held is not None else None,
                tuple(held.roster) if held is not None else (),
                clip_for(camera.id),
                segments,
                gaps,
            )
        )
    if not cameras:
        return None
    marker = root / ".demo-history" / f"{now.date().isoformat()}.json"
    url = database.engine.url.render_as_string(hide_password=False)
    return RecordingHistoryJob(marker, url, root, snapshot_dir, seed, now.date(), tuple(cameras))


# ----- making it (demo-media thread) -----


def write_recording_history(job: RecordingHistoryJob, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Write the segments, their rows, the events and then the marker; returns segments written."""
    database = Database(job.database_url)
    store = store_id(job.root)
    written = 0
    try:
        for camera in job.cameras:
            made = _write_camera(database, job.root, store, camera, cancelled)
            if made is None:
                return written  # cancelled: the next start finishes the job
            written += made
        _add_events(database, job)
        job.path.parent.mkdir(parents=True, exist_ok=True)
        plan = {
            str(c.camera_id): [c.segments[0].isoformat(), c.segments[-1].isoformat()] for c in job.cameras
        }
        job.path.write_text(json.dumps(plan), encoding="utf-8")
    finally:
        database.dispose()
    log.info(
        "demo recording history: %d segments written for cameras %s",
        written,
        [c.camera_id for c in job.cameras],
    )
    return written


def _write_camera(
    database: Database, root: Path, store: str, camera: HistoryCamera, cancelled: Callable[[], bool]
) -> int | None:
    rows: list[Recording] = []
    written = 0
    with av.open(str(camera.clip)) as source:
        stream = source.streams.video[0]
        snapshot = snapshot_stream(stream)
        packets = [(bytes(p), bool(p.is_keyframe)) for p in source.demux(stream) if p.size]
        frame_ticks = round(1 / (stream.average_rate or 25) / snapshot.time_base)
        per_segment = round(SEGMENT_SECONDS / float(frame_ticks * snapshot.time_base))
        for started in camera.segments:
            if cancelled():
                return None
            relpath = segment_relpath(camera.camera_id, started)
            final = root / relpath
            if not final.exists():
                partial_of(final).unlink(missing_ok=True)  # a cancelled run's half file
                writer = SegmentWriter(partial_of(final), snapshot)
                for i in range(per_segment):  # the clip loops on a GOP boundary (12 s, 2 s GOP)
                    data, keyframe = packets[i % len(packets)]
                    ticks = i * frame_ticks
                    writer.write(Placed(ticks, ticks, frame_ticks), data, keyframe)
                writer.close()
                written += 1
            duration = float(per_segment * frame_ticks * snapshot.time_base)
            rows.append(
                Recording(
                    0,
                    camera.camera_id,
                    store,
                    started,
                    started + timedelta(seconds=duration),
                    relpath.as_posix(),
                    size_bytes=final.stat().st_size,
                    frames=per_segment,
                    duration_s=duration,
                    codec=snapshot.codec,
                    width=snapshot.width,
                    height=snapshot.height,
                )
            )
    with database.writing() as session:
        repository = RecordingRepository(session)
        for row in rows:
            repository.save(row)
    return written


def _snapshots(job: RecordingHistoryJob, camera: HistoryCamera, index: int, frame_no: int) -> tuple[str, str]:
    """A front-row crop and the whole frame of the clip, as JPEG files; their absolute paths."""
    folder = job.snapshot_dir / job.day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    face = folder / f"history_{camera.camera_id}_{index}_face.jpg"
    whole = folder / f"history_{camera.camera_id}_{index}_frame.jpg"
    if not face.exists() or not whole.exists():
        with av.open(str(camera.clip)) as source:
            picture = None
            for n, frame in enumerate(source.decode(video=0)):
                picture = frame.to_ndarray(format="bgr24")
                if n >= frame_no:
                    break
        assert picture is not None
        height, width = picture.shape[:2]
        seat = picture[int(height * 0.55) : int(height * 0.93), int(width * 0.06) : int(width * 0.27)]
        for path, image in ((face, seat), (whole, picture)):
            ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
            if ok:
                path.write_bytes(jpeg.tobytes())
    return str(face.absolute()), str(whole.absolute())


def _add_events(database: Database, job: RecordingHistoryJob) -> None:
    with database.writing() as session:
        meta = MetaRepository(session)
        if meta.get(META_KEY) == job.day.isoformat():
            return
        users = WorkspaceRepository(session).load_users(active_only=True)
        officer = next((u.id for u in users if u.post is Post.SUPERVISOR), None)
        events: list[Event] = []
        for camera in job.cameras:
            rng = random.Random(f"liangjiao-demo/{job.seed}/history-events/{camera.camera_id}/{job.day}")
            events += _camera_events(job, camera, rng, officer)
        EventRepository(session).add_many(sorted(events, key=lambda e: e.started_at))
        meta.set(META_KEY, job.day.isoformat())


def _camera_events(
    job: RecordingHistoryJob, camera: HistoryCamera, rng: random.Random, officer: int | None
) -> list[Event]:
    kinds = (EventKind.ABSENCE, EventKind.FACE_MISMATCH, EventKind.UNKNOWN_FACE)
    states = (EventState.CONFIRMED, EventState.NEW, EventState.DISMISSED)
    picks = sorted(rng.sample(range(5, len(camera.segments) - 5), len(kinds)))
    events: list[Event] = []
    for index, (kind, state, pick) in enumerate(zip(kinds, states, picks, strict=True)):
        started = camera.segments[pick] + timedelta(seconds=rng.randint(5, 40))
        ended = started + timedelta(minutes=rng.randint(2, 5) if kind is EventKind.ABSENCE else 1)
        learners = list(camera.roster[index : index + (2 if kind is EventKind.FACE_MISMATCH else 1)])
        face, frame = _snapshots(job, camera, index, rng.randrange(250))
        history = [EventHistoryEntry(None, started, None, EventState.NEW)]
        if state is not EventState.NEW and officer is not None:
            note = "回放核实" if state is EventState.CONFIRMED else "误报：光线变化"
            history.append(
                EventHistoryEntry(officer, ended + timedelta(minutes=3), EventState.NEW, state, note)
            )
        events.append(
            Event(
                0,
                kind,
                _SEVERITY[kind],
                state if officer is not None else EventState.NEW,
                started,
                ended,
                camera_id=camera.camera_id,
                classroom_id=camera.classroom_id,
                session_id=camera.session_id,
                learner_ids=[] if kind is EventKind.UNKNOWN_FACE else learners,
                owner_id=officer if state is not EventState.NEW else None,
                distance=round(rng.uniform(0.62, 0.8), 3) if kind is not EventKind.ABSENCE else None,
                snapshot_path=face if kind is not EventKind.ABSENCE else "",
                frame_path=frame,
                engine="demo-history",
                history=history,
            )
        )
    gap_start, gap_end = camera.gaps[0]
    events.append(
        Event(
            0,
            EventKind.STREAM_LOST,
            _SEVERITY[EventKind.STREAM_LOST],
            EventState.NEW,
            gap_start,
            gap_end,
            camera_id=camera.camera_id,
            classroom_id=camera.classroom_id,
            session_id=camera.session_id,
            engine="demo-history",
            history=[EventHistoryEntry(None, gap_start, None, EventState.NEW)],
        )
    )
    return events
