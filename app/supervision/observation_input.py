"""What the rules engine is fed: face observations, their images, and the class sessions.

`FaceObservation` is the part of `app.domain.observation.Observation` the engine reads; it is a
Protocol so that the rules depend on the contract, not on the vision package, and tests may pass any
object with these attributes. Everything here is plain Python (no Qt): it runs on whichever thread
feeds the engine (the analysis coordinator's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from app.domain.study import ClassSession


class FaceObservation(Protocol):
    """One face seen by one camera at one moment, with the best two identity matches."""

    @property
    def camera_id(self) -> int: ...
    @property
    def at(self) -> datetime: ...  # aware (UTC) from app.vision, or naive local in scripts
    @property
    def track_id(self) -> int: ...
    @property
    def learner_id(self) -> int | None: ...  # best match, None: nobody within the threshold
    @property
    def distance(self) -> float | None: ...  # to the best match (embedding distance)
    @property
    def second_best_learner_id(self) -> int | None: ...
    @property
    def second_best_distance(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class FaceImages:
    """The pictures behind an observation: encoded JPEG bytes, or paths already on disk."""

    face_jpeg: bytes = b""
    frame_jpeg: bytes = b""
    face_path: str = ""
    frame_path: str = ""


class SnapshotWriter(Protocol):
    """Stores an event's evidence picture and returns the path to keep in the event. May block."""

    def write(self, name: str, data: bytes) -> str: ...


class DirectorySnapshotWriter:
    """Writes snapshots under `root/<YYYY-MM-DD>/name` (called on the engine's thread)."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def write(self, name: str, data: bytes) -> str:
        folder = self._root / name[:10]  # names start with the event's date (see rules_engine)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        temporary = path.with_suffix(path.suffix + ".partial")
        temporary.write_bytes(data)
        temporary.replace(path)  # never leave half a JPEG under the final name
        return str(path)


@dataclass(frozen=True, slots=True)
class SupervisedSession:
    """One scheduled class to supervise: where, when and who (from app.domain.study.ClassSession)."""

    session_id: int
    classroom_id: int
    start: datetime
    end: datetime
    roster: frozenset[int] = field(default_factory=frozenset)

    @staticmethod
    def of(session: ClassSession) -> SupervisedSession:
        return SupervisedSession(
            session.id, session.classroom_id, session.start, session.end, frozenset(session.roster)
        )
