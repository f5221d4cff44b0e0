"""Reviewing recorded segments without Qt: the timeline, exact seeking, playback, span export,
evidence packages, bookmarks and evidence locks (RecordingReviewService)."""

from app.playback.evidence_package import build_package, verify_package
from app.playback.frame_seeker import DecodedFrame, FrameSeeker
from app.playback.permissions import ReviewPermissionError
from app.playback.player import (
    KEYFRAMES_ABOVE,
    MAX_CAMERAS,
    SPEEDS,
    PlaybackProblem,
    PlaybackStatus,
    Player,
    PlayerFrame,
)
from app.playback.review_model import Bookmark, CameraDay, EventMarker, EvidenceLock, ReviewDenial
from app.playback.review_service import RecordingReviewService
from app.playback.segment_timeline import SegmentPosition, SegmentTimeline
from app.playback.span_export import (
    ExportCancelled,
    ExportResult,
    ExportTargetExists,
    NothingToExport,
    export_span,
)

__all__ = [
    "KEYFRAMES_ABOVE",
    "MAX_CAMERAS",
    "SPEEDS",
    "Bookmark",
    "CameraDay",
    "DecodedFrame",
    "EventMarker",
    "EvidenceLock",
    "ExportCancelled",
    "ExportResult",
    "ExportTargetExists",
    "FrameSeeker",
    "NothingToExport",
    "PlaybackProblem",
    "PlaybackStatus",
    "Player",
    "PlayerFrame",
    "RecordingReviewService",
    "ReviewDenial",
    "ReviewPermissionError",
    "SegmentPosition",
    "SegmentTimeline",
    "build_package",
    "export_span",
    "verify_package",
]
