"""The ORM tables. Importing this package registers every table on `Base.metadata`."""

from app.persistence.orm.base import Base
from app.persistence.orm.casework import (
    AuditEntryRow,
    CompletionRow,
    EventCommentRow,
    EventHistoryRow,
    EventLearnerRow,
    EventRow,
    SpotCheckRow,
)
from app.persistence.orm.completion_reversals import CompletionReversalRow
from app.persistence.orm.coverage_gaps import CoverageGapRow
from app.persistence.orm.evidence import BookmarkRow, EvidenceLockRow
from app.persistence.orm.geography import CameraRow, CityRow, ClassroomRow, CountyRow, SiteRow
from app.persistence.orm.meta import WorkspaceMetaRow
from app.persistence.orm.people import EnrolmentPhotoRow, LearnerRow, UserRow
from app.persistence.orm.recording import RecordingRow
from app.persistence.orm.review import SpotCheckClaimRow
from app.persistence.orm.study import (
    AttendanceRow,
    CapturedPhotoRow,
    ClassSessionRow,
    OnlineStudyRecordRow,
    RosterEntryRow,
)
from app.persistence.orm.vision import FaceEmbeddingRow

__all__ = [
    "AttendanceRow",
    "AuditEntryRow",
    "Base",
    "BookmarkRow",
    "CameraRow",
    "CapturedPhotoRow",
    "CityRow",
    "ClassSessionRow",
    "ClassroomRow",
    "CompletionReversalRow",
    "CompletionRow",
    "CountyRow",
    "CoverageGapRow",
    "EnrolmentPhotoRow",
    "EventCommentRow",
    "EventHistoryRow",
    "EventLearnerRow",
    "EventRow",
    "EvidenceLockRow",
    "FaceEmbeddingRow",
    "LearnerRow",
    "OnlineStudyRecordRow",
    "RecordingRow",
    "RosterEntryRow",
    "SiteRow",
    "SpotCheckClaimRow",
    "SpotCheckRow",
    "UserRow",
    "WorkspaceMetaRow",
]
