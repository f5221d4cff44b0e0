"""One small repository per aggregate, accepting and returning app.domain objects.

A repository wraps a Session and never commits: the caller owns the transaction, so that several
changes (an event's state and its audit entry, say) are committed together or not at all:

    with database.writing() as session:
        EventRepository(session).change_state(...)
        AuditRepository(session).append(...)

Use `database.reading()` for transactions that only read (on SQLite they never wait for a writer).
"""

from app.domain.event_paging import (
    EventCursor,
    EventFilter,
    EventOrder,
    EventPage,
    EventSortKey,
)
from app.persistence.repositories.class_session_repository import ClassSessionRepository, SessionRepository
from app.persistence.repositories.completion_repository import (
    CompletionAlreadyDecidedError,
    CompletionNotDecidedError,
    CompletionRepository,
)
from app.persistence.repositories.embedding_repository import EmbeddingRepository, StoredEmbedding
from app.persistence.repositories.event_repository import EventRepository
from app.persistence.repositories.evidence_repository import Bookmark, EvidenceLock, EvidenceRepository
from app.persistence.repositories.learner_repository import LearnerRepository
from app.persistence.repositories.meta_repository import MetaRepository
from app.persistence.repositories.online_study_repository import OnlineStudyRepository
from app.persistence.repositories.recording_repository import Recording, RecordingRepository
from app.persistence.repositories.workspace_repository import WorkspaceRepository

__all__ = [
    "Bookmark",
    "ClassSessionRepository",
    "CompletionAlreadyDecidedError",
    "CompletionNotDecidedError",
    "CompletionRepository",
    "EmbeddingRepository",
    "EventCursor",
    "EventFilter",
    "EventOrder",
    "EventPage",
    "EventRepository",
    "EventSortKey",
    "EvidenceLock",
    "EvidenceRepository",
    "LearnerRepository",
    "MetaRepository",
    "OnlineStudyRepository",
    "Recording",
    "RecordingRepository",
    "SessionRepository",
    "StoredEmbedding",
    "WorkspaceRepository",
]
