"""Start-up recovery: settle what a crash (or a locked database) left between files and index.

After a crash a camera may have: a `.partial` segment (the one being written), an index row still
marked open, a closed `.mp4` whose row was never written (the database was locked, then the process
died with the write still queued), or a row whose file is gone. `recover_store` makes files and
index agree again, treating the files as the truth:
- a `.partial` keeps its header and every whole fragment (the torn last one cut off, damaged bytes
  before it skipped by resyncing on the next fragment); if that plays (a keyframe first, a
  decodable picture) it is renamed to `.mp4` and indexed as closed, else it is deleted and logged;
- an `.mp4` without a row is probed and indexed;
- an open row without any file is dropped.

Runs on the start-up (or any worker) thread before the recorders start; blocking.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from sqlalchemy.exc import SQLAlchemyError

from app.persistence import Database, DatabaseError
from app.persistence.repositories import Recording, RecordingRepository
from app.video.segment_files import (
    PARTIAL_SUFFIX,
    FragmentLayout,
    SegmentProbe,
    final_of,
    fragment_layout,
    partial_of,
    probe_segment,
    started_at_from_name,
)

log = logging.getLogger(__name__)

# A locked or unreachable database is DatabaseError (persistence.errors); the rest SQLAlchemyError.
INDEX_ERRORS = (DatabaseError, SQLAlchemyError)
SALVAGE_SUFFIX = ".salvage"  # a partial's playable fragments being written anew


@dataclass
class RecoveryReport:
    recovered: list[str] = field(default_factory=list)  # partial segments trimmed and kept
    removed: list[str] = field(default_factory=list)  # partial segments that held nothing playable
    reindexed: list[str] = field(default_factory=list)  # closed files the index had lost
    dropped_rows: list[str] = field(default_factory=list)  # rows whose file no longer exists
    errors: list[str] = field(default_factory=list)


def salvage_partial(partial: Path) -> tuple[Path, SegmentProbe] | None:
    """Keep every playable fragment of a crashed `.partial` and rename it; None when nothing plays.

    The torn last fragment is cut off. Damage earlier in the file (a fragment whose box or picture
    cannot be read) is skipped: the header and every whole fragment after it are written anew, so a
    damaged first second does not cost the minute behind it. Only a partial with nothing playable
    is deleted (it is not evidence of anything).
    """
    try:
        layout = fragment_layout(partial)
        fragments = layout.fragments if layout is not None else ()
        for first in range(len(fragments)):
            assert layout is not None
            kept = _keep_fragments(partial, layout, first)
            probe = probe_segment(kept)
            if probe is not None and probe.starts_with_keyframe:
                final = final_of(partial)
                kept.replace(final)
                partial.unlink(missing_ok=True)
                log.warning(
                    "recovered crashed segment %s: %d frames, %.1f s kept (damaged bytes skipped: %s, "
                    "unplayable leading fragments dropped: %d)",
                    final,
                    probe.frames,
                    probe.duration_s,
                    layout.damaged,
                    first,
                )
                return final, probe
            if kept != partial:
                kept.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
        log.warning("removed crashed segment %s: nothing playable in it", partial)
        return None
    except OSError as error:
        log.error("could not recover crashed segment %s: %s", partial, error)
        return None


def _keep_fragments(partial: Path, layout: FragmentLayout, first: int) -> Path:
    """The partial with only its header and fragments[first:]: trimmed in place when that is a
    prefix of the file, else written to a `.salvage` file beside it (the partial stays untouched)."""
    fragments = layout.fragments[first:]
    if first == 0 and not layout.damaged:
        if fragments[-1][1] < partial.stat().st_size:
            with partial.open("r+b") as handle:
                handle.truncate(fragments[-1][1])
        return partial
    rebuilt = partial.with_name(partial.name + SALVAGE_SUFFIX)
    with partial.open("rb") as source, rebuilt.open("wb") as target:
        for start, end in ((0, layout.init_end), *fragments):
            source.seek(start)
            remaining = end - start
            while remaining > 0:
                chunk = source.read(min(remaining, 1024 * 1024))
                if not chunk:
                    raise OSError(f"{partial} changed while it was being recovered")
                target.write(chunk)
                remaining -= len(chunk)
    return rebuilt


def _closed(recording: Recording, probe: SegmentProbe, size: int) -> Recording:
    return Recording(
        id=recording.id,
        camera_id=recording.camera_id,
        store=recording.store,
        started_at=recording.started_at,
        ended_at=recording.started_at + timedelta(seconds=probe.duration_s),
        path=recording.path,
        size_bytes=size,
        frames=probe.frames,
        duration_s=probe.duration_s,
        codec=probe.codec,
        width=probe.width,
        height=probe.height,
    )


def recover_store(database: Database, root: Path, store: str, *, scan_days: int = 2) -> RecoveryReport:
    """Settle the open rows of `store` and the files of the last `scan_days` days' folders.

    Only recent folders are scanned so that start-up stays quick with months of recordings; older
    unindexed files are left alone (they can only come from a crash long ago).
    """
    report = RecoveryReport()
    try:
        with database.reading() as session:
            open_rows = RecordingRepository(session).open_recordings(store)
    except INDEX_ERRORS as error:  # the files stay as they are for the next start
        report.errors.append(f"index unavailable: {error}")
        log.error("recording recovery skipped: %s", error)
        return report
    handled: set[Path] = set()
    for row in open_rows:
        final = root / row.path
        partial = partial_of(final)
        handled.update((final, partial))
        if partial.exists():
            salvaged = salvage_partial(partial)
            if salvaged is None:
                _write(database, report, functools.partial(_delete, row.id))
                report.removed.append(row.path)
                continue
            final, probe = salvaged
            report.recovered.append(row.path)
        elif final.exists():  # closed and renamed, but the process died before the index said so
            found = probe_segment(final)
            if found is None:
                continue  # unreadable yet present: leave both for an operator rather than delete
            probe = found
            report.reindexed.append(row.path)
        else:
            _write(database, report, functools.partial(_delete, row.id))
            report.dropped_rows.append(row.path)
            log.warning("dropped index row of missing segment %s", row.path)
            continue
        closed = _closed(row, probe, final.stat().st_size)
        _write(database, report, functools.partial(_save, closed))
    _scan_recent(database, root, store, scan_days, handled, report)
    return report


def _scan_recent(
    database: Database, root: Path, store: str, scan_days: int, handled: set[Path], report: RecoveryReport
) -> None:
    first_day = date.today() - timedelta(days=scan_days)
    candidates: list[tuple[int, Path]] = []
    for camera_dir in root.iterdir() if root.is_dir() else ():
        # isascii: str.isdigit() accepts "²" and other digits int() refuses (a stray folder stopped start-up).
        if not camera_dir.is_dir() or not (camera_dir.name.isascii() and camera_dir.name.isdigit()):
            continue
        for day_dir in camera_dir.iterdir():
            try:
                day = date.fromisoformat(day_dir.name)
            except ValueError:
                continue
            if day >= first_day and day_dir.is_dir():
                candidates.extend((int(camera_dir.name), f) for f in sorted(day_dir.iterdir()))
    files: list[tuple[int, Path]] = []
    for camera_id, path in candidates:
        if path in handled:
            continue
        if path.name.endswith(SALVAGE_SUFFIX):  # a recovery interrupted by another crash: its partial stays
            path.unlink(missing_ok=True)
            continue
        if path.name.endswith(PARTIAL_SUFFIX):
            salvaged = salvage_partial(path)
            if salvaged is None:
                report.removed.append(path.relative_to(root).as_posix())
                continue
            files.append((camera_id, salvaged[0]))
            report.recovered.append(path.relative_to(root).as_posix().removesuffix(PARTIAL_SUFFIX))
        elif path.suffix == ".mp4":
            files.append((camera_id, path))
    relpaths = [PurePosixPath(p.relative_to(root).as_posix()).as_posix() for _, p in files]
    try:
        with database.reading() as session:
            known = RecordingRepository(session).known_paths(store, relpaths)
    except INDEX_ERRORS as error:
        report.errors.append(f"index unavailable: {error}")
        return
    for (camera_id, path), relpath in zip(files, relpaths, strict=True):
        if relpath in known:
            continue
        started_at = started_at_from_name(path)
        probe = probe_segment(path)
        if started_at is None or probe is None:
            log.warning("left unindexed segment %s alone: not a readable segment", path)
            continue
        unsaved = Recording(0, camera_id, store, started_at, None, relpath)
        recording = _closed(unsaved, probe, path.stat().st_size)
        if _write(database, report, functools.partial(_save, recording)):
            if relpath not in report.recovered:
                report.reindexed.append(relpath)
            log.info("indexed segment %s that the index had lost", relpath)


def _delete(recording_id: int, repository: RecordingRepository) -> None:
    repository.delete(recording_id)


def _save(recording: Recording, repository: RecordingRepository) -> None:
    repository.save(recording)


def _write(
    database: Database, report: RecoveryReport, change: Callable[[RecordingRepository], object]
) -> bool:
    """Run `change(repository)` in its own short transaction; log and report a failure."""
    try:
        with database.writing() as session:
            change(RecordingRepository(session))
        return True
    except INDEX_ERRORS as error:
        report.errors.append(str(error))
        log.error("recording index not updated during recovery: %s", error)
        return False
