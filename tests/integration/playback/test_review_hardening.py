"""The recordings review's guards, on both database backends: per-segment lock release, bounded
locks, one unlock of a lock, users re-read from the database, exports that are always checked and
audited while still `.partial` (never over an existing file unless asked), and `verify --database`."""

from __future__ import annotations

import dataclasses
import json
import threading
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import app.playback.evidence_package as evidence_package_module
import app.playback.review_exports as review_exports_module
import app.playback.span_export as span_export_module
from app.domain.enums import Post
from app.domain.people import User
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, RecordingRow
from app.persistence.repositories import EvidenceRepository, RecordingRepository, WorkspaceRepository
from app.playback.evidence_package import file_sha256, verify_package
from app.playback.permissions import MAX_LOCK_AHEAD, MAX_LOCK_SPAN, ReviewPermissionError
from app.playback.review_model import ReviewDenial
from app.playback.span_export import ExportTargetExists
from app.playback.verify import main as verify_main
from app.review.audit_chain import verify_chain
from tests.helpers.playback_review import DUTY, SUPERVISOR, Review


def _entries(database: Database) -> list[tuple[str, dict[str, object]]]:
    with database.reading() as session:
        rows = session.execute(select(AuditEntryRow.action, AuditEntryRow.detail).order_by(AuditEntryRow.id))
        return [(str(action), json.loads(detail) if detail else {}) for action, detail in rows]


def _locked(database: Database, recording_id: int) -> bool:
    with database.reading() as session:
        return bool(session.scalar(select(RecordingRow.locked).where(RecordingRow.id == recording_id)))


def _never(_fraction: float = 0.0) -> bool:
    return False


# ----- evidence locks -----


def test_release_keeps_a_segment_another_lock_covers_elsewhere_in_it(review: Review) -> None:
    """Segment 09:00–09:10, lock A 09:00–09:02, lock B 09:08–09:09: A's release keeps it locked."""
    # The day before the recording (its rows stay out of the way), 09:00.
    base = (review.rows[0].started_at - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    with review.database.writing() as session:
        segment = RecordingRepository(session).add(
            dataclasses.replace(
                review.rows[0],
                path="7/ten-minutes.mp4",
                started_at=base,
                ended_at=base + timedelta(minutes=10),
                duration_s=600.0,
                locked=False,
            )
        )
    now = base + timedelta(hours=1)
    with review.database.writing() as session:
        evidence = EvidenceRepository(session)
        a, flagged_a = evidence.lock(7, base, base + timedelta(minutes=2), "A", DUTY.id, now)
        b, flagged_b = evidence.lock(
            7, base + timedelta(minutes=8), base + timedelta(minutes=9), "B", DUTY.id, now
        )
    with review.database.writing() as session:
        released = EvidenceRepository(session).release(a.id, DUTY.id, now)
    assert released is not None and released[1] == 0
    assert _locked(review.database, segment.id)
    with review.database.writing() as session:
        released = EvidenceRepository(session).release(b.id, DUTY.id, now)
    assert released is not None and released[1] == 1
    assert not _locked(review.database, segment.id)
    # B counted the segment A had flagged already (it updated the row too: see EvidenceRepository.lock).
    assert (flagged_a, flagged_b) == (1, 1)


def test_a_lock_is_bounded_in_length_and_in_how_far_ahead_it_ends(review: Review) -> None:
    now = datetime.now()
    service = review.service
    with pytest.raises(ReviewPermissionError) as refused:
        service.lock_span(7, now - MAX_LOCK_SPAN - timedelta(minutes=1), now, "a long case", DUTY)
    assert refused.value.denial is ReviewDenial.LOCK_TOO_LONG
    with pytest.raises(ReviewPermissionError) as refused:  # open-ended on a live camera: the disk fills
        service.lock_span(7, now, now + MAX_LOCK_AHEAD + timedelta(minutes=5), "from now on", DUTY)
    assert refused.value.denial is ReviewDenial.LOCK_TOO_FAR_AHEAD
    assert _entries(review.database) == []
    lock = service.lock_span(
        7, now - MAX_LOCK_SPAN + timedelta(hours=2), now + timedelta(hours=1), "ok", DUTY
    )
    assert lock.end - lock.start < MAX_LOCK_SPAN


def test_a_lock_is_released_once_even_by_two_unlocks_at_the_same_time(
    review: Review, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two unlocks that both found the lock active: one releases and audits it, the other is told
    there is no such lock (the UPDATE is conditional on `released_at IS NULL`)."""
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite serialises writers from BEGIN (IMMEDIATE): the two unlocks cannot interleave")
    first = review.rows[0]
    lock = review.service.lock_span(7, first.started_at, first.started_at + timedelta(seconds=1), "x", DUTY)
    both_read = threading.Barrier(2, timeout=20)
    get_lock = EvidenceRepository.get_lock

    def get_lock_then_wait(self: EvidenceRepository, lock_id: int) -> object:
        found = get_lock(self, lock_id)
        both_read.wait()  # neither unlock writes before both have seen the lock active
        return found

    monkeypatch.setattr(EvidenceRepository, "get_lock", get_lock_then_wait)
    outcomes: list[str] = []

    def unlock(user: User) -> None:
        try:
            review.service.unlock(lock.id, user)
            outcomes.append("released")
        except LookupError:
            outcomes.append("no such lock")
        except Exception as error:
            outcomes.append(repr(error))

    threads = [threading.Thread(target=unlock, args=(user,)) for user in (DUTY, DUTY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["no such lock", "released"]
    assert [action for action, _ in _entries(review.database)] == ["recording.lock", "recording.unlock"]


# ----- users as stored now -----


def test_a_user_deactivated_or_moved_since_signing_in_is_refused(review: Review) -> None:
    at = review.rows[0].started_at
    with review.database.writing() as session:
        WorkspaceRepository(session).save_users(
            [dataclasses.replace(DUTY, active=False), dataclasses.replace(SUPERVISOR, post=Post.ACCEPTANCE)]
        )
    # The pane still holds the User objects it signed in with (active, supervisory post).
    with pytest.raises(ReviewPermissionError) as refused:
        review.service.add_bookmark(7, at, "x", DUTY)
    assert refused.value.denial is ReviewDenial.INACTIVE
    with pytest.raises(ReviewPermissionError) as refused:
        review.service.lock_span(7, at, at + timedelta(seconds=1), "x", SUPERVISOR)
    assert refused.value.denial is ReviewDenial.POST_CANNOT
    gone = dataclasses.replace(DUTY, id=999, login="ghost")
    with pytest.raises(ReviewPermissionError) as refused:
        review.service.add_bookmark(7, at, "x", gone)
    assert refused.value.denial is ReviewDenial.UNKNOWN_USER
    assert _entries(review.database) == []


def test_a_user_deactivated_during_an_export_publishes_nothing(review: Review, tmp_path: Path) -> None:
    rows = review.rows
    deactivated: list[bool] = []

    def progress(_fraction: float) -> None:
        if not deactivated:
            with review.database.writing() as session:
                WorkspaceRepository(session).save_users([dataclasses.replace(DUTY, active=False)])
            deactivated.append(True)

    target = tmp_path / "out" / "c.mp4"
    with pytest.raises(ReviewPermissionError) as refused:
        review.service.exports.export_clip(
            7, rows[0].started_at, rows[1].started_at, target, DUTY, progress=progress, cancelled=_never
        )
    assert refused.value.denial is ReviewDenial.INACTIVE
    assert list(target.parent.iterdir()) == [] and _entries(review.database) == []


# ----- exports -----


def test_exports_need_a_user(review: Review, tmp_path: Path) -> None:
    rows = review.rows
    with pytest.raises(TypeError):
        review.service.exports.export_clip(  # type: ignore[call-arg]
            7,
            rows[0].started_at,
            rows[1].started_at,
            tmp_path / "c.mp4",
            progress=lambda f: None,
            cancelled=_never,
        )
    assert not (tmp_path / "c.mp4").exists()


def test_an_export_is_audited_while_partial_with_its_full_path_and_hash(
    review: Review, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = review.rows
    target = tmp_path / "out" / "evidence.zip"
    seen: list[tuple[bool, bool]] = []
    append = review_exports_module.append_entry

    def spying_append(*args: object, **kwargs: object) -> object:
        seen.append((target.exists(), target.with_name(target.name + ".partial").exists()))
        return append(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(review_exports_module, "append_entry", spying_append)
    out = review.service.exports.export_package(
        7, rows[0].started_at, rows[1].started_at, target, DUTY, progress=lambda f: None, cancelled=_never
    )
    assert seen == [(False, True)]  # audited before the rename: the target did not exist yet
    ((action, detail),) = _entries(review.database)
    assert action == "recording.export.package"
    assert detail["file"] == str(target.absolute()) and detail["sha256"] == file_sha256(out)
    assert verify_package(out) == []


def test_an_existing_target_is_refused_unless_replacing_was_confirmed(review: Review, tmp_path: Path) -> None:
    rows = review.rows
    start, end = rows[0].started_at, rows[1].started_at
    target = tmp_path / "exports" / "c.mp4"
    target.parent.mkdir()
    target.write_bytes(b"an earlier export")
    with pytest.raises(ExportTargetExists) as refused:
        review.service.exports.export_clip(
            7, start, end, target, DUTY, progress=lambda f: None, cancelled=_never
        )
    assert isinstance(refused.value, FileExistsError) and refused.value.path == target
    assert target.read_bytes() == b"an earlier export" and _entries(review.database) == []
    # A file dialog asked "replace?" and the user agreed: the old file goes only with the rename.
    out = review.service.exports.export_clip(
        7, start, end, target, DUTY, progress=lambda f: None, cancelled=_never, replace=True
    )
    assert out == target.absolute() and target.read_bytes() != b"an earlier export"
    ((action, detail),) = _entries(review.database)
    assert action == "recording.export.clip" and detail["sha256"] == file_sha256(target)
    assert detail["replaces_existing"] is True
    assert [p.name for p in target.parent.iterdir()] == ["c.mp4"]  # no partial file left


@pytest.mark.parametrize("kind", ["clip", "package"])
def test_a_failed_rename_after_the_audit_is_compensated(
    review: Review, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    def broken_publish(partial: Path, target: Path, *, replace: bool) -> None:
        raise PermissionError(13, "read-only folder", str(target))

    module = span_export_module if kind == "clip" else evidence_package_module
    monkeypatch.setattr(module, "publish", broken_publish)
    rows = review.rows
    target = tmp_path / "out" / f"x.{'mp4' if kind == 'clip' else 'zip'}"
    export = review.service.exports.export_clip if kind == "clip" else review.service.exports.export_package
    with pytest.raises(PermissionError):
        export(
            7, rows[0].started_at, rows[1].started_at, target, DUTY, progress=lambda f: None, cancelled=_never
        )
    assert list(target.parent.iterdir()) == []  # neither the target nor the partial file
    (exported, exported_detail), (failed, failed_detail) = _entries(review.database)
    assert exported == f"recording.export.{kind}" and failed == "recording.export.failed"
    assert failed_detail["file"] == exported_detail["file"] == str(target.absolute())
    assert failed_detail["sha256"] == exported_detail["sha256"]
    assert "read-only folder" in str(failed_detail["error"])
    with review.database.reading() as session:
        assert verify_chain(session).ok


# ----- verify --database -----


def test_verify_with_the_database_names_who_exported_the_package(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = review.rows
    out = review.service.exports.export_package(
        7,
        rows[0].started_at,
        rows[1].started_at,
        tmp_path / "e.zip",
        DUTY,
        progress=lambda f: None,
        cancelled=_never,
    )
    url = review.database.engine.url.render_as_string(hide_password=False)
    assert verify_main([str(out), "--database", url]) == 0
    printed = capsys.readouterr().out.splitlines()
    ((_, detail),) = _entries(review.database)
    key = detail["signing_key"]
    assert printed[0] == f"OK {out}"
    assert printed[1] == f"  signature valid by key {key}, the key of audit entry #1"
    assert "recording.export.package by 值班领导甲 (duty)" in printed[2] and printed[2].endswith(f"to {out}")

    # Rebuilt with the same members (so consistent with its own SHA256SUMS and signature) but not
    # the exported file.
    rebuilt = tmp_path / "rebuilt.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in reversed(source.infolist()):
            target.writestr(item, source.read(item))
    assert verify_main([str(rebuilt)]) == 3  # on its own it looks intact, but nothing vouches for it
    assert capsys.readouterr().out.splitlines()[0] == f"SIGNED {rebuilt}"
    assert verify_main([str(rebuilt), "--database", url]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        f"FAILED {rebuilt}",
        f"  signature valid by key {key}, which signed 1 export(s) (latest: entry #1)",
        f"  NOT EXPORTED by this console: no audit entry holds sha256 {file_sha256(rebuilt)}",
    ]
    assert verify_main([str(out), "--database", "sqlite:////nonexistent/dir/x.sqlite3"]) == 2


# ----- days -----


def test_days_with_recordings_count_a_segment_running_past_midnight(review: Review) -> None:
    day = review.rows[0].started_at.date() - timedelta(days=10)
    midnight = datetime.combine(day, datetime.min.time()) + timedelta(days=1)
    with review.database.writing() as session:
        recordings = RecordingRepository(session)
        for path, start, end in [
            ("8/a.mp4", midnight - timedelta(seconds=30), midnight + timedelta(seconds=30)),  # crosses
            (
                "8/b.mp4",
                midnight + timedelta(days=2, seconds=-60),
                midnight + timedelta(days=2),
            ),  # ends at 00:00
            ("8/c.mp4", midnight + timedelta(days=5, hours=3), None),  # open: not playable yet
        ]:
            recordings.add(
                dataclasses.replace(
                    review.rows[0],
                    camera_id=8,
                    path=path,
                    started_at=start,
                    ended_at=end,
                    duration_s=0.0 if end is None else (end - start).total_seconds(),
                )
            )
    assert review.service.days_with_recordings(8, DUTY) == [
        day,
        day + timedelta(days=1),
        day + timedelta(days=2),
    ]
