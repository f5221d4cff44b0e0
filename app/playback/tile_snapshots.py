"""Snapshots saved from a live tile: a picture of a camera is evidence, audited like an export.

The order follows the exports' (app/playback/review_exports.py): the user is re-read and checked
(the same rule as exporting the camera's recordings), the PNG is written as `<target>.partial`, its
SHA-256 and the full target path are committed in a `camera.snapshot` audit entry (with the camera
and the moment the frame was decoded) while it is still partial, then it is renamed onto the target;
a failed rename after the entry appends `recording.export.failed`. An existing file is never
replaced: every snapshot is its own piece of evidence.

Blocking (encoding, disk, database): the wall calls `save` through app.tasks.TaskRunner. The frame's
pixels are shared with the decoder's slot and immutable; they are only read here. No Qt: PNG
encoding is OpenCV's.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import cv2

from app.domain.permissions import Action
from app.persistence.database import Database
from app.playback.review_access import UserRef, allowed
from app.playback.review_exports import SNAPSHOT_ACTION, ExportAudit
from app.playback.span_export import publish, refuse_existing
from app.video.latest_frame import PixelFormat, VideoFrameData

__all__ = ["TileSnapshots", "encode_png"]


def encode_png(frame: VideoFrameData) -> bytes:
    """The frame as an RGB PNG (alpha dropped: the decoder's is always opaque)."""
    code = cv2.COLOR_RGB2BGR if frame.pixel_format is PixelFormat.RGB24 else cv2.COLOR_BGRA2BGR
    ok, data = cv2.imencode(".png", cv2.cvtColor(frame.image, code))
    if not ok:
        raise OSError("the frame could not be encoded as PNG")
    return data.tobytes()


class TileSnapshots:
    """Part of RecordingReviewService (`service.snapshots`); every method blocks."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def save(self, camera_id: int, frame: VideoFrameData, user: UserRef, target: Path) -> Path:
        """Write `frame` of `camera_id` as PNG at `target`, audited; returns the absolute path.

        Raises ReviewPermissionError when the user may not export this camera's picture (nothing is
        written), ExportTargetExists when `target` exists, OSError when it cannot be written."""
        target = Path(target).absolute()
        with self.database.reading() as session:
            actor = allowed(session, user, camera_id, Action.EXPORT)
        refuse_existing(target, replace=False)
        captured = datetime.fromtimestamp(frame.wallclock)  # local wall time, as recordings have it
        data = encode_png(frame)
        audit = ExportAudit(
            self.database,
            actor,
            SNAPSHOT_ACTION,
            camera_id,
            target,
            False,
            {"at": captured.isoformat(timespec="milliseconds"), "size": [frame.width, frame.height]},
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            partial.write_bytes(data)
            audit.before_publish(partial)
            publish(partial, target, replace=False)
        except BaseException as error:
            with contextlib.suppress(OSError):
                partial.unlink()
            audit.failed(error)
            raise
        return target
