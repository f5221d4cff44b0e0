"""The demo's live script: scripted cameras on the first page, live sessions, playlists, ground truth."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.demo.live_script import (
    LIVE_TITLE,
    SCRIPT_META_KEY,
    ScriptTiming,
    demo_rules,
    prepare_live_script,
)
from app.demo.media_jobs import ClipJob, EnrolmentPhotoJob
from app.demo.workspace_seed import DemoSize, ensure_demo_database
from app.persistence import Database
from app.persistence.repositories import ClassSessionRepository, MetaRepository
from app.persistence.repositories.workspace_repository import WorkspaceRepository
from app.video.playlist import read_playlist

DAY = date(2025, 3, 14)
SIZE = DemoSize(learners=200, pending_completions=4, decided_completions=2)


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Database, Path]:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    ensure_demo_database(url, tmp_path / "media", 7, DAY, SIZE)
    return Database(url), tmp_path / "media"


def test_evening_script_creates_live_sessions_playlists_and_ground_truth(demo: tuple[Database, Path]) -> None:
    database, media = demo
    now = datetime(2025, 3, 14, 20, 0)  # no seeded class runs: every first-page classroom is free
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
    assert workspace is not None
    script = prepare_live_script(database, workspace, media, 7, now)
    scripted = [c for c in script.cameras if c.scripted]
    assert len(scripted) == 4 and all(c.camera_id <= 16 for c in scripted)
    assert not [c for c in script.cameras if not c.scripted]
    with database.reading() as session:
        sessions = {s.id: s for s in ClassSessionRepository(session).sessions_on(DAY)}
        meta = json.loads(MetaRepository(session).get(SCRIPT_META_KEY) or "{}")
        cameras = {c.id: c for c in WorkspaceRepository(session).load_workspace().cameras}  # type: ignore[union-attr]
    learners: set[int] = set()
    for camera in scripted:
        live = sessions[camera.session_id]
        assert live.title == LIVE_TITLE and live.start <= now < live.end
        assert tuple(live.roster) == camera.learners and len(camera.learners) == 4
        learners |= set(camera.learners)
        playlist_path = media / "videos" / "live" / f"camera_{camera.camera_id}.playlist"
        assert cameras[camera.camera_id].sub_url == playlist_path.absolute().as_uri()
        playlist = read_playlist(playlist_path)
        assert [seconds for _clip, seconds in playlist.phases] == [60.0, 120.0, 120.0, 120.0]
        assert playlist.start == now.timestamp()
        # Phase 2 empties seats 0 and 2; phase 3 puts a non-enrolled face in seat 3.
        fronts = dict(camera.phases)
        assert fronts["two_out"][0] is None and fronts["two_out"][2] is None
        assert fronts["substitute"][3] == camera.substitute_seed
        assert fronts["stranger"][1] == camera.stranger_seed
    assert len(learners) == 16  # nobody sits in two classrooms
    clips = [j for j in script.media_jobs if isinstance(j, ClipJob)]
    photos = [j for j in script.media_jobs if isinstance(j, EnrolmentPhotoJob)]
    assert len(clips) == 16 and len(photos) == 16
    assert script.media_jobs.index(clips[-1]) < script.media_jobs.index(photos[0])  # clips first
    assert clips[0].seats is not None and len(clips[0].seats) == 13
    expected = meta["expected_events"]
    kinds = [e["kind"] for e in expected]
    assert kinds.count("ABSENCE") == 16
    assert kinds.count("FACE_MISMATCH") == 4 and kinds.count("UNKNOWN_FACE") == 4
    # A second cycle: new absences and a new stranger per camera; the substitution stays one event.
    two = [e["kind"] for e in script.expected_events(cycles=2)]
    assert (two.count("ABSENCE"), two.count("FACE_MISMATCH"), two.count("UNKNOWN_FACE")) == (32, 4, 8)
    first_absence = min(datetime.fromisoformat(e["deadline"]) for e in expected if e["kind"] == "ABSENCE")
    assert first_absence == now + timedelta(seconds=60 + 60)
    # Run again (a restart the same evening): the live sessions are reused, not duplicated.
    again = prepare_live_script(database, workspace, media, 7, now + timedelta(minutes=10))
    assert [c.session_id for c in again.cameras] == [c.session_id for c in script.cameras]
    database.dispose()


def test_morning_cameras_with_a_running_class_show_its_learners(demo: tuple[Database, Path]) -> None:
    database, media = demo
    now = datetime(2025, 3, 14, 10, 0)
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
        sessions = ClassSessionRepository(session).sessions_on(DAY)
        running = {s.classroom_id: s for s in sessions if s.start <= now < s.end}
    assert workspace is not None
    script = prepare_live_script(database, workspace, media, 7, now, ScriptTiming(10, 20, 20, 20))
    assert sum(c.scripted for c in script.cameras) == 4 and any(not c.scripted for c in script.cameras)
    for camera in script.cameras:
        if camera.scripted:
            assert camera.classroom_id not in running
        else:
            assert camera.learners == tuple(running[camera.classroom_id].roster[:4])
            assert len(camera.phases) == 1
    database.dispose()


def test_demo_rules_shorten_the_absence_limit() -> None:
    rules = demo_rules()
    assert rules.max_absence == timedelta(minutes=1) and rules.dropout_tolerance == timedelta(seconds=30)


def test_a_scripted_classroom_is_the_live_classs_until_it_ends(demo: tuple[Database, Path]) -> None:
    # At 13:30 a live class runs until 16:30; seeded afternoon classes begin at 14:00 in some rooms.
    # Such a room would hold two classes at once, and the script's faces would be looked for on the
    # other roster: classrooms free until 16:30 are scripted first, and in any other the class is
    # cancelled (it has not begun, so nothing refers to it).
    database, media = demo
    now = datetime(2025, 3, 14, 13, 30)
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
        before = {s.id: s for s in ClassSessionRepository(session).sessions_on(DAY)}
    assert workspace is not None
    timing = ScriptTiming(10, 20, 20, 20)
    prepare_live_script(database, workspace, media, 7, now, timing)
    with database.reading() as session:
        after_four = {s.id for s in ClassSessionRepository(session).sessions_on(DAY)}
    assert set(before) <= after_four  # enough free classrooms for four scripts: nothing cancelled
    script = prepare_live_script(database, workspace, media, 7, now, timing, scripted=10)
    with database.reading() as session:
        after = {s.id: s for s in ClassSessionRepository(session).sessions_on(DAY)}
    live = {c.classroom_id: after[c.session_id] for c in script.cameras if c.scripted}
    cancelled = [before[i] for i in set(before) - set(after)]
    assert cancelled and all(s.classroom_id in live and s.start > now for s in cancelled)
    for s in after.values():
        room_live = live.get(s.classroom_id)
        if room_live is not None and s.id != room_live.id:
            assert not now < s.start < room_live.end, s
    database.dispose()


def test_a_first_start_renders_what_every_camera_plays_now_before_later_phases(
    demo: tuple[Database, Path],
) -> None:
    from app.demo.media_preparation import demo_render_order
    from app.demo.seed_geography import clip_jobs

    database, media = demo
    now = datetime(2025, 3, 14, 10, 0)  # morning: seated cameras beside the four scripted ones
    with database.reading() as session:
        workspace = WorkspaceRepository(session).load_workspace()
    assert workspace is not None
    script = prepare_live_script(database, workspace, media, 7, now, ScriptTiming(10, 20, 20, 20))
    shared = clip_jobs(7, media)
    order = demo_render_order([*script.media_jobs, *shared])
    clips = [j for j in order if isinstance(j, ClipJob)]
    assert clips[: len(shared)] == shared  # the shared clips feed most of the wall: first
    live = clips[len(shared) :]
    first = [j for j in live if j.phase == 0]
    assert len(first) == len(script.cameras) and live[: len(first)] == first  # every camera's own next
    assert {j.phase for j in live[len(first) :]} == {1, 2, 3}  # the scripted cameras' later phases
    assert isinstance(order[-1], EnrolmentPhotoJob)
    database.dispose()
