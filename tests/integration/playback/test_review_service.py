"""RecordingReviewService on real recordings and both database backends: a camera's day, bookmarks,
evidence locks against retention, evidence packages and their verification."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.enums import EventKind, EventState, Severity
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, RecordingRow
from app.persistence.repositories import (
    RecordingRepository,
)
from app.playback.evidence_package import verify_package
from app.playback.evidence_signing import workstation_signer
from app.playback.permissions import ReviewPermissionError
from app.playback.review_model import ReviewDenial
from app.playback.span_export import ExportCancelled, ExportTargetExists
from app.playback.verify import main as verify_main
from app.review.audit_chain import append_entry, verify_chain
from app.video.recorder_settings import RetentionPolicy
from app.video.retention import DiskUsage, apply_retention
from tests.helpers.playback_review import ACCEPTANCE, DUTY, OTHER_SUPERVISOR, SUPERVISOR, Review
from tests.helpers.recording_store import all_recordings


def _actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.id)))


def test_load_day_shows_coverage_gaps_and_markers(review: Review) -> None:
    rows = review.rows
    day = rows[0].started_at.date()
    loaded = review.service.load_day(7, day, DUTY)
    end_of = rows[0].started_at + timedelta(seconds=rows[0].duration_s)
    last_end = rows[-1].started_at + timedelta(seconds=rows[-1].duration_s)
    assert loaded.coverage == [(rows[0].started_at, end_of), (rows[1].started_at, last_end)]
    assert loaded.gaps == [
        (loaded.start, rows[0].started_at),
        (end_of, rows[1].started_at),
        (last_end, loaded.end),
    ]
    assert [(m.event_id, m.kind, m.state, m.severity, m.learner_name) for m in loaded.markers] == [
        (review.event.id, EventKind.ABSENCE, EventState.CONFIRMED, Severity.MEDIUM, "张三")
    ]
    assert review.service.days_with_recordings(7, DUTY) == [day]
    assert review.service.days_with_recordings(8, DUTY) == []
    assert review.service.cameras_with_recordings(day, DUTY) == {7}
    assert review.service.cameras_with_recordings(day + timedelta(days=1), DUTY) == set()
    timeline = review.service.timeline(7, loaded.start, loaded.end, DUTY)
    assert [r.id for r in timeline.segments] == [r.id for r in rows]


def test_bookmarks_are_added_changed_and_deleted_with_audit_entries(review: Review) -> None:
    service = review.service
    at = review.rows[0].started_at + timedelta(seconds=1)
    mark = service.add_bookmark(7, at, "学员离座", SUPERVISOR)
    assert (mark.camera_id, mark.at, mark.note, mark.created_by) == (7, at, "学员离座", "监督岗乙")
    changed = service.update_bookmark(mark.id, "学员离座两次", "sup")  # a login works too
    assert changed.note == "学员离座两次" and changed.updated_at is not None
    assert service.load_day(7, at.date(), DUTY).bookmarks == [changed]
    with pytest.raises(ReviewPermissionError) as refused:
        service.delete_bookmark(mark.id, OTHER_SUPERVISOR)  # not theirs
    assert refused.value.denial is ReviewDenial.NOT_OWNER
    with pytest.raises(ReviewPermissionError) as refused:
        service.add_bookmark(7, at, "x", ACCEPTANCE)
    assert refused.value.denial is ReviewDenial.POST_CANNOT
    with pytest.raises(ReviewPermissionError) as refused:
        service.add_bookmark(7, at, "x", "nobody")
    assert refused.value.denial is ReviewDenial.UNKNOWN_USER
    service.delete_bookmark(mark.id, DUTY)  # a duty manager may
    assert service.load_day(7, at.date(), DUTY).bookmarks == []
    with pytest.raises(LookupError):
        service.update_bookmark(mark.id, "again", SUPERVISOR)
    assert _actions(review.database) == [
        "recording.bookmark.add",
        "recording.bookmark.update",
        "recording.bookmark.delete",
    ]
    with review.database.reading() as session:
        assert verify_chain(session).ok


def _full_disk(_root: Path) -> DiskUsage:
    return DiskUsage(total=100 * 10**9, used=100 * 10**9, free=0)  # always short: delete all it may


def _retain(review: Review) -> set[str]:
    """One retention pass on a full disk; the paths still indexed afterwards."""
    policy = RetentionPolicy(max_age_days=None, quota_percent=None, floor_free_mb=1000)
    report = apply_retention(
        review.database,
        review.service.root,
        review.service.store,
        policy,
        disk_usage=_full_disk,
        audit=append_entry,
    )
    assert not report.errors
    return {r.path for r in all_recordings(review.database, review.service.store)}


def _locked(database: Database) -> dict[str, bool]:
    with database.reading() as session:
        return {
            str(path): bool(locked)
            for path, locked in session.execute(select(RecordingRow.path, RecordingRow.locked))
        }


def _last_detail(database: Database) -> dict[str, object]:
    with database.reading() as session:
        detail = session.scalar(select(AuditEntryRow.detail).order_by(AuditEntryRow.id.desc()).limit(1))
    assert detail is not None
    return dict(json.loads(detail))


def test_retention_never_deletes_a_locked_span_and_unlock_releases_it(review: Review) -> None:
    service, rows = review.service, review.rows
    first = rows[0]
    lock = service.lock_span(
        7, first.started_at + timedelta(seconds=0.5), first.started_at + timedelta(seconds=1), "证据", DUTY
    )
    # A second lock over the same segment and the next: unlocking one must keep the segment locked.
    overlapping = service.lock_span(
        7,
        first.started_at + timedelta(seconds=1.5),
        rows[1].started_at + timedelta(seconds=0.1),
        "复核",
        SUPERVISOR,
    )
    # A lock on a span still being recorded: a segment that opens inside it later is kept too.
    tail = rows[-1].started_at + timedelta(seconds=rows[-1].duration_s)
    future = service.lock_span(7, tail + timedelta(minutes=1), tail + timedelta(hours=1), "正在录制", DUTY)
    late_path = Path(rows[-1].path).with_name("7_late.mp4").as_posix()
    shutil.copy(service.root / rows[-1].path, service.root / late_path)
    with review.database.writing() as session:
        late = RecordingRepository(session).add(
            dataclasses.replace(
                rows[-1],
                path=late_path,
                started_at=tail + timedelta(minutes=2),
                ended_at=tail + timedelta(minutes=2, seconds=rows[-1].duration_s),
                locked=False,
            )
        )
    assert not late.locked
    with pytest.raises(ReviewPermissionError):
        service.lock_span(7, first.started_at, tail, "x", ACCEPTANCE)

    kept = _retain(review)
    assert kept == {first.path, rows[1].path, late_path}
    for path in kept:
        assert (service.root / path).is_file()
    assert all(not (service.root / r.path).exists() for r in rows[2:])
    assert {lock.id, overlapping.id, future.id} == {
        x.id for x in service.load_day(7, first.started_at.date(), DUTY).locks
    } | ({future.id} if future.start.date() != first.started_at.date() else set())

    # `lock` and `overlapping` do not overlap each other, but both cover the first segment: releasing
    # one keeps the segment flagged (not merely re-flagged later by retention's own check).
    service.unlock(lock.id, DUTY)
    assert _locked(review.database) == {first.path: True, rows[1].path: True, late_path: True}
    assert _last_detail(review.database)["segments_released"] == 0
    assert _retain(review) == kept  # the other lock still covers the first segment
    with pytest.raises(ReviewPermissionError) as refused:
        service.unlock(overlapping.id, OTHER_SUPERVISOR)  # neither its author nor a duty manager
    assert refused.value.denial is ReviewDenial.NOT_OWNER
    service.unlock(overlapping.id, SUPERVISOR)  # its author
    assert _locked(review.database) == {first.path: False, rows[1].path: False, late_path: True}
    assert _last_detail(review.database)["segments_released"] == 2
    assert _retain(review) == {late_path}
    with pytest.raises(LookupError):
        service.unlock(lock.id, DUTY)
    actions = _actions(review.database)
    assert [a for a in actions if a != "recording.retention.deleted"] == ["recording.lock"] * 3 + [
        "recording.unlock"
    ] * 2
    assert "recording.retention.deleted" in actions  # what retention deleted is audited too


def test_export_package_verifies_and_a_changed_byte_is_named(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = review.rows
    start, end = rows[0].started_at, rows[1].started_at + timedelta(seconds=1)
    fractions: list[float] = []
    out = review.service.exports.export_package(
        7,
        start,
        end,
        tmp_path / "out" / "evidence.zip",
        DUTY,
        progress=fractions.append,
        cancelled=lambda: False,
    )
    assert verify_package(out) == []
    # Offline it is intact and signed, and only the key's fingerprint says by whom: not "OK".
    key = workstation_signer().fingerprint
    signed = [
        f"SIGNED {out}",
        f"  signature valid by key {key} (not checked against the audit log: no --database)",
    ]
    assert verify_main([str(out)]) == 3
    assert capsys.readouterr().out.splitlines() == signed
    assert fractions[-1] == 1.0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        snapshot_name = f"event-{review.event.id}-face.jpg"
        assert archive.read(snapshot_name) == review.snapshot
    assert manifest["exported_by"] == "值班领导甲" and manifest["exported_by_login"] == "duty"
    assert manifest["camera"]["id"] == 7
    (event,) = manifest["events"]
    assert (event["id"], event["kind"], event["state"]) == (review.event.id, "absence", "confirmed")
    assert [h["to"] for h in event["history"]] == ["new", "confirmed"] and event["history"][1][
        "by"
    ] == "监督岗乙"
    assert event["learners"] == [{"id": review.event.learner_ids[0], "name": "张三"}]
    assert event["snapshots"] == [snapshot_name]
    assert _actions(review.database) == ["recording.export.package"]

    # One byte changed inside the stored clip: verification names the clip and only the clip.
    tampered = tmp_path / "tampered.zip"
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo("clip.mp4")
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    assert verify_package(tampered) == ["clip.mp4"]
    assert verify_main([str(tampered)]) == 1
    assert "changed: clip.mp4" in capsys.readouterr().out
    command = [sys.executable, "-m", "app.playback.verify", str(out), str(tampered)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 1
    # SHA256SUMS is still the signed one: the clip is what changed.
    assert finished.stdout.splitlines() == [*signed, f"FAILED {tampered}", "  changed: clip.mp4", signed[1]]

    # A file added and one removed are named too.
    rebuilt = tmp_path / "rebuilt.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            if item.filename != snapshot_name:
                target.writestr(item, source.read(item))
        target.writestr("extra.txt", b"planted")
    assert verify_package(rebuilt) == sorted(["extra.txt", snapshot_name])
    assert verify_main([str(rebuilt)]) == 1
    printed = capsys.readouterr().out
    assert f"missing: {snapshot_name}" in printed and "added: extra.txt" in printed
    assert verify_main([str(tmp_path / "nope.zip")]) == 2


def test_cancelled_exports_leave_no_file_and_no_audit(review: Review, tmp_path: Path) -> None:
    rows = review.rows
    target = tmp_path / "cancelled"
    target.mkdir()
    start, end = rows[0].started_at, rows[-1].started_at + timedelta(seconds=1)
    with pytest.raises(ExportCancelled):
        review.service.exports.export_package(
            7, start, end, target / "p.zip", DUTY, progress=lambda f: None, cancelled=lambda: True
        )
    calls = iter(range(10**6))
    with pytest.raises(ExportCancelled):
        review.service.exports.export_clip(
            7, start, end, target / "c.mp4", DUTY, progress=lambda f: None, cancelled=lambda: next(calls) > 30
        )
    assert list(target.iterdir()) == []
    assert _actions(review.database) == []
    with pytest.raises(ReviewPermissionError):
        review.service.exports.export_package(
            7, start, end, target / "p.zip", ACCEPTANCE, progress=lambda f: None, cancelled=lambda: False
        )
    clip = review.service.exports.export_clip(
        7, start, end, target / "c.mp4", DUTY, progress=lambda f: None, cancelled=lambda: False
    )
    assert clip.is_file() and _actions(review.database) == ["recording.export.clip"]


def test_days_with_recordings_ignore_other_stores(review: Review) -> None:
    other = dataclasses.replace(review.rows[0], store="another-workstation", path="7/x.mp4")
    with review.database.writing() as session:
        RecordingRepository(session).add(
            dataclasses.replace(other, started_at=other.started_at - timedelta(days=3))
        )
    assert review.service.days_with_recordings(7, DUTY) == [review.rows[0].started_at.date()]


def test_a_lock_holds_on_the_segment_still_being_recorded(review: Review) -> None:
    from app.video.segment_index import SegmentIndex

    last = review.rows[-1]
    tail = last.started_at + timedelta(seconds=last.duration_s)
    index = SegmentIndex(review.database)  # the recorder's own index writes
    opened = dataclasses.replace(
        last, id=0, path="7/open.mp4", started_at=tail, ended_at=None, duration_s=0.0, frames=0, locked=False
    )
    index.save(opened)
    assert index.flush(force=True)  # the open segment's row is in the database
    lock = review.service.lock_span(
        7, tail + timedelta(seconds=5), tail + timedelta(seconds=10), "正在录制", DUTY
    )
    closed = dataclasses.replace(opened, ended_at=tail + timedelta(seconds=60), duration_s=60.0, frames=1500)
    index.save(closed)  # the recorder closes the segment after the lock was made
    assert index.flush(force=True)  # delivered by the event journal's thread
    with review.database.reading() as session:
        row = RecordingRepository(session).find_by_path(opened.store, opened.path)
    assert row is not None and row.locked and row.ended_at == closed.ended_at
    assert [x.id for x in review.service.locks(7, tail, tail + timedelta(minutes=1), DUTY)] == [lock.id]
    assert review.service.load_day(7, tail.date(), DUTY).recording_since is None  # closed now
    index.save(dataclasses.replace(opened, path="7/open2.mp4", started_at=tail + timedelta(seconds=60)))
    assert index.flush(force=True)
    assert review.service.load_day(7, tail.date(), DUTY).recording_since == tail + timedelta(seconds=60)


def test_a_name_too_long_for_partial_is_shortened_keeping_its_extension(
    review: Review, tmp_path: Path
) -> None:
    """Issue 14, item 8: a 250-byte export name failed once ".partial" was added (NAME_MAX 255)."""
    rows = review.rows
    start, end = rows[0].started_at, rows[-1].started_at + timedelta(seconds=1)
    chosen = tmp_path / ("第一教室监控录像" * 10 + "甲乙.mp4")  # 82 characters, 250 bytes with ".mp4"
    assert 245 < len(chosen.name.encode()) <= 255 and not chosen.exists()
    clip = review.service.exports.export_clip(
        7, start, end, chosen, DUTY, progress=lambda f: None, cancelled=lambda: False
    )
    assert clip.is_file() and clip.suffix == ".mp4" and clip.name.endswith("~.mp4")
    assert len((clip.name + ".partial").encode()) <= 255 and clip.name[:20] == chosen.name[:20]
    package = review.service.exports.export_package(
        7, start, end, chosen.with_suffix(".zip"), DUTY, progress=lambda f: None, cancelled=lambda: False
    )
    assert package.is_file() and package.suffix == ".zip" and verify_main([str(package)]) in (0, 3)
    with review.database.reading() as session:
        files = [json.loads(row.detail)["file"] for row in session.scalars(select(AuditEntryRow))]
    assert files == [str(clip), str(package)]  # audited as written
    # Replacing was agreed for the name chosen, not for the shortened one.
    with pytest.raises(ExportTargetExists):
        review.service.exports.export_clip(
            7, start, end, chosen, DUTY, progress=lambda f: None, cancelled=lambda: False, replace=True
        )
