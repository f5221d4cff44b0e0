"""The recordings review's exports: one MP4 clip or an evidence package, checked and audited always.

No file is published unaudited, and an entry naming a file that was not published is followed by
one saying so. The order: (1) the user is re-read and checked and the span read, in a short read
transaction; (2) the file is written as `<target>.partial`, with no write transaction held through
the export; (3) its SHA-256 is audited, with the full target path (and a package's signing key),
while still `.partial`, the user checked again in that transaction; (4) it is renamed onto the
target, and a failed rename appends `recording.export.failed`. An existing target is refused
(ExportTargetExists) unless `replace=True`, which a caller passes after the user confirmed; the old
file is replaced only by step 4. A name too long to take ".partial" is shortened first
(span_export.fitting_target), and the shortened path is the one audited and returned. An empty
span raises NothingToExport, a cancelled export ExportCancelled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain.people import User
from app.domain.permissions import Action
from app.persistence.database import Database
from app.playback.evidence_manifest import package_events, read_events
from app.playback.evidence_package import build_package, file_sha256
from app.playback.evidence_signing import PackageSigner, workstation_signer
from app.playback.review_access import UserRef, allowed
from app.playback.review_model import EventMarker
from app.playback.segment_timeline import SegmentTimeline
from app.playback.span_export import CancelCheck, ProgressCallback, export_span, fitting_target
from app.review.audit_chain import append_entry

__all__ = ["EXPORT_ACTIONS", "EXPORT_FAILED", "SNAPSHOT_ACTION", "ExportAudit", "ReviewExports"]

log = logging.getLogger(__name__)

CLIP_ACTION = "recording.export.clip"
PACKAGE_ACTION = "recording.export.package"
SNAPSHOT_ACTION = "camera.snapshot"  # a live tile's picture saved (app/playback/tile_snapshots.py)
EXPORT_ACTIONS = (CLIP_ACTION, PACKAGE_ACTION, SNAPSHOT_ACTION)
EXPORT_FAILED = "recording.export.failed"  # the file of an audited export was not published

TimelineFn = Callable[[Session, int, datetime, datetime], SegmentTimeline]
MarkersFn = Callable[[Session, int, datetime, datetime], list[EventMarker]]


class ReviewExports:
    """Part of RecordingReviewService (which delegates to it); every method blocks."""

    def __init__(
        self,
        database: Database,
        timeline: TimelineFn,
        markers: MarkersFn,
        snapshot_roots: Sequence[Path],
        signer: Callable[[], PackageSigner] = workstation_signer,
    ) -> None:
        self.database = database
        self._timeline = timeline
        self._markers = markers
        self.snapshot_roots = tuple(snapshot_roots)
        self._signer = signer  # blocking (keyring): called on the export's worker thread

    def export_clip(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: UserRef,
        *,
        progress: ProgressCallback,
        cancelled: CancelCheck,
        replace: bool = False,
    ) -> Path:
        target, replace = _fitted(target, replace)
        with self.database.reading() as session:
            actor = allowed(session, user, camera_id, Action.EXPORT)
            timeline = self._timeline(session, camera_id, start, end)
        audit = ExportAudit(self.database, actor, CLIP_ACTION, camera_id, target, replace, _span(start, end))
        try:
            result = export_span(
                timeline,
                start,
                end,
                target,
                progress=progress,
                cancelled=cancelled,
                before_publish=audit.before_publish,
                replace=replace,
            )
        except BaseException as error:
            audit.failed(error)
            raise
        return result.path

    def export_package(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: UserRef,
        *,
        progress: ProgressCallback,
        cancelled: CancelCheck,
        replace: bool = False,
    ) -> Path:
        target, replace = _fitted(target, replace)
        with self.database.reading() as session:
            actor = allowed(session, user, camera_id, Action.EXPORT)
            timeline = self._timeline(session, camera_id, start, end)
            markers = self._markers(session, camera_id, start, end)
            read = read_events(session, camera_id, [marker.event_id for marker in markers])
        manifest_events, snapshots = package_events(read, self.snapshot_roots)
        signer = self._signer()
        signed_by: dict[str, Any] = {"signing_key": signer.fingerprint, "public_key": signer.public_key_b64}
        if signer.ephemeral:
            signed_by["signing_key_ephemeral"] = True
        audit = ExportAudit(
            self.database, actor, PACKAGE_ACTION, camera_id, target, replace, _span(start, end) | signed_by
        )
        try:
            return build_package(
                timeline,
                start,
                end,
                target,
                manifest_extra={
                    "camera": read.camera,
                    "events": manifest_events,
                    "exported_by_login": actor.login,
                    "exported_by_post": actor.post.value,
                },
                snapshots=snapshots,
                exported_by=actor.display_name,
                signer=signer,
                progress=progress,
                cancelled=cancelled,
                before_publish=audit.before_publish,
                replace=replace,
            )
        except BaseException as error:
            audit.failed(error)
            raise


def _fitted(target: Path, replace: bool) -> tuple[Path, bool]:
    """The path written and audited (shortened when ".partial" would not fit: span_export.py), and
    whether an existing file there may be replaced: the user agreed to replace the name chosen, not
    the shortened one."""
    chosen = Path(target).absolute()
    fitted = fitting_target(chosen)
    if fitted != chosen:
        log.info("export name shortened to fit the file system: %s", fitted.name)
    return fitted, replace and fitted == chosen


def _span(start: datetime, end: datetime) -> dict[str, Any]:
    return {"start": start.isoformat(), "end": end.isoformat()}


class ExportAudit:
    """The entry of one export (step 3) and, should publishing fail after it, its compensation.

    `detail`: what the entry says besides the file, its SHA-256 and whether it replaced one."""

    def __init__(
        self,
        database: Database,
        actor: User,
        action: str,
        camera_id: int,
        target: Path,
        replace: bool,
        detail: dict[str, Any],
    ) -> None:
        self.database = database
        self.actor = actor
        self.action = action
        self.camera_id = camera_id
        self.target = target
        self.replace = replace
        self.detail = detail
        self.entry_id: int | None = None
        self.sha256: str | None = None

    def before_publish(self, partial: Path) -> None:
        sha256 = file_sha256(partial)
        detail: dict[str, Any] = {**self.detail, "file": str(self.target), "sha256": sha256}
        if self.replace and self.target.exists():
            detail["replaces_existing"] = True
        with self.database.writing() as session:
            actor = allowed(session, self.actor, self.camera_id, Action.EXPORT)  # still allowed now?
            entry = append_entry(session, actor.id, self.action, f"camera:{self.camera_id}", detail)
        self.entry_id, self.sha256 = entry.id, sha256

    def failed(self, error: BaseException) -> None:
        """After the entry was committed the file was not published: say so in the chain."""
        if self.entry_id is None:
            return  # nothing was audited: nothing to take back (the partial file is gone)
        log.error("export to %s audited as entry %s but not published: %s", self.target, self.entry_id, error)
        try:
            with self.database.writing() as session:
                append_entry(
                    session,
                    self.actor.id,
                    EXPORT_FAILED,
                    f"camera:{self.camera_id}",
                    {
                        "entry": self.entry_id,
                        "action": self.action,
                        "file": str(self.target),
                        "sha256": self.sha256,
                        "error": f"{type(error).__name__}: {error}"[:500],
                    },
                )
        except Exception:
            log.exception("could not audit the failure of export entry %s", self.entry_id)
