"""The demo comes alive: first-page classrooms whose clips show their session's learners, and a script in
which some leave and come back, a substitute (替学) takes a seat and a stranger sits down, so that face
analysis raises real events through the real pipeline (the phases and the events each raises:
docs/decisions/0006-demo-live-script.md).

Clips loop (12 s), so each scripted camera gets one clip per phase and a playlist
(app/video/playlist.py) that its file source follows by wall-clock phase. Scripted classrooms get a
three-hour "live" session from start-up, rostered with L0-L3; a seeded class that would begin there
meanwhile is cancelled. Other first-page cameras with a session running at start-up get one clip of
its first four learners in the front row.

`prepare_live_script` runs on the bootstrap thread (blocking, fast: no rendering); it writes the
playlists, the sessions, the cameras' URLs and the ground truth (workspace_meta `demo.live_script`),
and returns the clips and photos for the demo-media thread to render first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select, update

from app.demo.media_jobs import CLASSROOM_LOOK, ClipJob, EnrolmentPhotoJob, MediaJob
from app.demo.seed_geography import CLIP_COUNT, clip_path
from app.domain.classroom_rules import ClassroomRules
from app.domain.geography import Workspace
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.orm import CameraRow
from app.persistence.repositories import ClassSessionRepository, MetaRepository
from app.video.playlist import Playlist

log = logging.getLogger(__name__)

SCRIPT_META_KEY = "demo.live_script"
LIVE_TITLE = "满分教育（实时分析演示）"
FRONT_SEATS = 4
SCRIPTED_CAMERAS = 4
PAGE_CAMERAS = 16  # the demo wall's first page (4×4)
LIVE_SESSION_HOURS = 3
# Short, for events within minutes; a dropout under half the limit is not leaving.
DEMO_ABSENCE_MINUTES = 1


@dataclass(frozen=True, slots=True)
class ScriptTiming:
    """Phase lengths in seconds; the benchmark shortens them (with shorter rules) to save time."""

    present: float = 60.0
    two_out: float = 120.0
    substitute: float = 120.0
    stranger: float = 120.0

    @property
    def phases(self) -> tuple[tuple[str, float], ...]:
        return (
            ("present", self.present),
            ("two_out", self.two_out),
            ("substitute", self.substitute),
            ("stranger", self.stranger),
        )

    @property
    def cycle(self) -> float:
        return self.present + self.two_out + self.substitute + self.stranger


@dataclass(frozen=True, slots=True)
class LiveCamera:
    camera_id: int
    classroom_id: int
    session_id: int
    learners: tuple[int, ...]  # front row, seats 0-3
    phases: tuple[tuple[str, tuple[int | None, ...]], ...]  # name → face seeds of the front row
    scripted: bool
    substitute_seed: int | None = None
    stranger_seed: int | None = None


@dataclass(slots=True)
class LiveScript:
    start: datetime  # naive local, when the first phase began
    timing: ScriptTiming
    cameras: list[LiveCamera] = field(default_factory=list)
    media_jobs: list[MediaJob] = field(default_factory=list)

    def expected_events(self, cycles: int = 1, absence: timedelta | None = None) -> list[dict[str, object]]:
        """Ground truth: the events the script should raise in its first `cycles` cycles, each with
        the moment from which the rule may fire (its deadline: last sighting + the absence limit for
        ABSENCE; the substitute's or stranger's first appearance for the face events)."""
        out: list[dict[str, object]] = []
        t = self.timing
        absence = absence if absence is not None else timedelta(minutes=DEMO_ABSENCE_MINUTES)
        for camera in (c for c in self.cameras if c.scripted):
            l0, l1, l2, l3 = camera.learners
            for cycle in range(cycles):
                base = self.start + timedelta(seconds=cycle * t.cycle)
                two_out = base + timedelta(seconds=t.present)
                substitute = two_out + timedelta(seconds=t.two_out)
                stranger = substitute + timedelta(seconds=t.substitute)
                events: list[tuple[str, int | None, datetime]] = [
                    ("ABSENCE", l0, two_out + absence),
                    ("ABSENCE", l2, two_out + absence),
                    ("ABSENCE", l1, substitute + absence),
                    ("ABSENCE", l3, substitute + absence),  # someone else sits in L3's seat
                ]
                if cycle == 0:  # a FACE_MISMATCH stays open for the whole class: raised once
                    events.append(("FACE_MISMATCH", l3, substitute))
                # The stranger leaves each cycle, ending its UNKNOWN_FACE: every cycle raises one.
                events.append(("UNKNOWN_FACE", None, stranger))
                for kind, learner, deadline in events:
                    out.append(
                        {
                            "kind": kind,
                            "camera_id": camera.camera_id,
                            "session_id": camera.session_id,
                            "learner_id": learner,
                            "deadline": deadline.isoformat(timespec="seconds"),
                        }
                    )
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "start": self.start.isoformat(timespec="seconds"),
                "timing": dict(self.timing.phases),
                "cameras": [
                    {
                        "camera_id": c.camera_id,
                        "session_id": c.session_id,
                        "learners": list(c.learners),
                        "scripted": c.scripted,
                        "substitute_face_seed": c.substitute_seed,
                        "stranger_face_seed": c.stranger_seed,
                    }
                    for c in self.cameras
                ],
                "expected_events": self.expected_events(),
            },
            ensure_ascii=False,
        )


def demo_rules() -> ClassroomRules:
    """The domain rules the demo supervises with (absence limit 1 min; see DEMO_ABSENCE_MINUTES)."""
    from app.settings import ClassroomRules as SettingsRules  # QSettings layer: imported lazily

    return SettingsRules(absence_minutes=DEMO_ABSENCE_MINUTES).to_domain()


def scripted_phases(
    learner_seeds: Sequence[int], substitute: int, stranger: int
) -> tuple[tuple[str, tuple[int | None, ...]], ...]:
    s0, s1, s2, s3 = learner_seeds
    return (
        ("present", (s0, s1, s2, s3)),
        ("two_out", (None, s1, None, s3)),
        ("substitute", (s0, None, s2, substitute)),
        ("stranger", (s0, stranger, s2, s3)),
    )


def _clip_path(media_dir: Path, camera_id: int, phase: str, front: Sequence[int | None]) -> Path:
    # New faces or classroom look → a new file (rendered clips are kept between starts).
    digest = hashlib.sha1(json.dumps([CLASSROOM_LOOK, *front]).encode()).hexdigest()[:8]
    return media_dir / "videos" / "live" / f"camera_{camera_id}_{phase}_{digest}.mp4"


def _back_rows(camera_id: int, seed: int) -> list[int | None]:
    """Learners in the rows behind (too small for the 640-px analysis): fill the room for the eye."""
    rng = random.Random(f"liangjiao-demo/{seed}/back-rows/{camera_id}")
    return [rng.randrange(2**31) if rng.random() < 0.6 else None for _ in range(9)]


def _single_camera_classrooms(workspace: Workspace) -> set[int]:
    counts: dict[int, int] = {}
    for camera in workspace.cameras:
        counts[camera.classroom_id] = counts.get(camera.classroom_id, 0) + 1
    return {room for room, n in counts.items() if n == 1}


def plan_live_script(
    workspace: Workspace,
    sessions_today: Sequence[ClassSession],
    face_seeds: dict[int, int],
    busy_learners: set[int],
    now: datetime,
    seed: int,
    timing: ScriptTiming = ScriptTiming(),
    scripted: int = SCRIPTED_CAMERAS,
) -> tuple[list[tuple[int, int, tuple[int, ...]]], list[tuple[int, int, ClassSession]]]:
    """Which first-page cameras get a script (camera, classroom, learners) and which show a running
    session's learners (camera, classroom, session). Pure.

    A scripted classroom is the live class's until it ends: classrooms with a live session from an
    earlier start come first, then those with no other class before the live one would end, then
    the rest, whose later classes `prepare_live_script` cancels (`displaced_sessions`)."""
    page = [c for c in workspace.cameras if c.enabled][:PAGE_CAMERAS]
    running = {s.classroom_id: s for s in sessions_today if s.start <= now < s.end and s.title != LIVE_TITLE}
    live_rooms = {s.classroom_id for s in sessions_today if s.title == LIVE_TITLE and s.end > now}
    later = {s.classroom_id for s in displaced_sessions(sessions_today, now)}
    single = _single_camera_classrooms(workspace)
    rng = random.Random(f"liangjiao-demo/{seed}/live-script")
    free = sorted(lid for lid in face_seeds if lid not in busy_learners)
    rng.shuffle(free)
    seated = [
        (camera.id, camera.classroom_id, running[camera.classroom_id])
        for camera in page
        if camera.classroom_id in running
        and camera.classroom_id in single
        and len(running[camera.classroom_id].roster) >= FRONT_SEATS
    ]
    candidates = [c for c in page if c.classroom_id in single and c.classroom_id not in running]
    candidates.sort(key=lambda c: (c.classroom_id not in live_rooms, c.classroom_id in later))
    script: list[tuple[int, int, tuple[int, ...]]] = []
    for camera in candidates[:scripted]:
        learners = tuple(free[:FRONT_SEATS])
        free = free[FRONT_SEATS:]
        if len(learners) == FRONT_SEATS:
            script.append((camera.id, camera.classroom_id, learners))
    return script, seated


def live_session_end(now: datetime) -> datetime:
    """When a live class begun at `now` ends: LIVE_SESSION_HOURS later, within the day."""
    return min(now + timedelta(hours=LIVE_SESSION_HOURS), datetime.combine(now.date(), time(23, 59)))


def displaced_sessions(
    sessions_today: Sequence[ClassSession], now: datetime, until: datetime | None = None
) -> list[ClassSession]:
    """Seeded classes that have not begun but would begin before `until` (by default, before a live
    class started now would end)."""
    end = until or live_session_end(now)
    return [s for s in sessions_today if s.title != LIVE_TITLE and now < s.start < end]


def prepare_live_script(
    database: Database,
    workspace: Workspace,
    media_dir: Path,
    seed: int,
    now: datetime | None = None,
    timing: ScriptTiming = ScriptTiming(),
    scripted: int = SCRIPTED_CAMERAS,
) -> LiveScript:
    """Write the live sessions, playlists, camera URLs and ground truth; return the media to render."""
    now = (now or datetime.now()).replace(microsecond=0)
    with database.reading() as session:
        meta = MetaRepository(session)
        face_seeds = {int(k): int(v) for k, v in json.loads(meta.get("demo.face_seeds") or "{}").items()}
        sessions = ClassSessionRepository(session).sessions_on(now.date())
    busy = {lid for s in sessions if s.start <= now < s.end for lid in s.roster}
    plan, seated = plan_live_script(workspace, sessions, face_seeds, busy, now, seed, timing, scripted)
    script = LiveScript(now, timing)
    photos: dict[int, EnrolmentPhotoJob] = {}
    learners_by_id: dict[int, None] = {}
    with database.writing() as session:
        repo = ClassSessionRepository(session)
        for camera_id, room, learners in plan:
            live = next(
                (s for s in sessions if s.classroom_id == room and s.title == LIVE_TITLE and s.end > now),
                None,
            )
            if live is None:
                start = now - timedelta(minutes=1)  # phase 1's learners are there from the start
                end = live_session_end(now)
                live = repo.add(ClassSession(0, room, now.date(), start, end, list(learners), LIVE_TITLE))
            for other in displaced_sessions(sessions, now, live.end):
                if other.classroom_id == room:  # its learners would be looked for in the script's clips
                    repo.cancel(other.id)
                    log.info("demo: class %d in classroom %d cancelled for the live class", other.id, room)
            learners = tuple(live.roster[:FRONT_SEATS])
            rng = random.Random(f"liangjiao-demo/{seed}/strangers/{camera_id}")
            substitute, stranger = rng.randrange(2**31), rng.randrange(2**31)
            phases = scripted_phases([face_seeds[lid] for lid in learners], substitute, stranger)
            script.cameras.append(
                LiveCamera(camera_id, room, live.id, learners, phases, True, substitute, stranger)
            )
            learners_by_id.update(dict.fromkeys(learners))
        for camera_id, room, running in seated:
            learners = tuple(running.roster[:FRONT_SEATS])
            phases = (("present", tuple(face_seeds.get(lid) for lid in learners)),)
            script.cameras.append(LiveCamera(camera_id, room, running.id, learners, phases, False))
            learners_by_id.update(dict.fromkeys(learners))
        for camera in script.cameras:
            durations = dict(timing.phases) if camera.scripted else {"present": timing.cycle}
            clips: list[tuple[Path, float]] = []
            for index, (phase, front) in enumerate(camera.phases):
                path = _clip_path(media_dir, camera.camera_id, phase, front)
                seats = (*front, *_back_rows(camera.camera_id, seed))
                label = f"CAMERA-{camera.camera_id}"
                job = ClipJob(path, seed * 1000 + camera.camera_id, seats, label, phase=index)
                script.media_jobs.append(job)
                clips.append((path, durations[phase]))
            playlist_path = media_dir / "videos" / "live" / f"camera_{camera.camera_id}.playlist"
            Playlist(now.timestamp(), tuple(clips), repeat=True).write(playlist_path)
            url = playlist_path.absolute().as_uri()
            session.execute(
                update(CameraRow).where(CameraRow.id == camera.camera_id).values(main_url=url, sub_url=url)
            )
        # Cameras scripted earlier get their plain clip: their playlists, not rewritten, may be missing.
        live_dir = (media_dir / "videos" / "live").absolute().as_uri()
        scripted_now = {camera.camera_id for camera in script.cameras}
        for camera_id, url in session.execute(select(CameraRow.id, CameraRow.main_url)).all():
            if camera_id not in scripted_now and url.startswith(live_dir):
                plain = clip_path(media_dir, (camera_id - 1) % CLIP_COUNT).absolute().as_uri()
                session.execute(
                    update(CameraRow).where(CameraRow.id == camera_id).values(main_url=plain, sub_url=plain)
                )
        MetaRepository(session).set(SCRIPT_META_KEY, script.to_json())
    for learner_id in learners_by_id:
        photo = media_dir / "photos" / "enrol" / f"{learner_id}.jpg"
        if learner_id in face_seeds:
            photos[learner_id] = EnrolmentPhotoJob(photo, face_seeds[learner_id])
    # Scripted clips first (the wall waits for them), then the rosters' photos.
    script.media_jobs += list(photos.values())
    log.info(
        "demo live script: %d scripted cameras %s, %d seated, %d clips",
        sum(c.scripted for c in script.cameras),
        [c.camera_id for c in script.cameras if c.scripted],
        sum(not c.scripted for c in script.cameras),
        sum(isinstance(j, ClipJob) for j in script.media_jobs),
    )
    return script
