"""The engine's ledger of open events: at most one per key, extensions throttled, snapshots kept.

Pure bookkeeping between the rules (app.supervision.rules_engine) and the sink; runs on the thread
that feeds the engine. Writing a snapshot file goes through the injected SnapshotWriter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Severity
from app.supervision.engine_actions import CloseEvent, EngineSink, EventKey, ExtendEvent, RaiseEvent
from app.supervision.observation_input import FaceImages, SnapshotWriter

SEVERITY: dict[EventKind, Severity] = {
    # 替学 voids the whole record: an officer should look at once.
    EventKind.FACE_MISMATCH: Severity.HIGH,
    EventKind.UNKNOWN_FACE: Severity.MEDIUM,
    EventKind.ABSENCE: Severity.MEDIUM,
    EventKind.LATE_ARRIVAL: Severity.MEDIUM,
    EventKind.EARLY_LEAVE: Severity.MEDIUM,
    EventKind.LEFT_TOO_OFTEN: Severity.MEDIUM,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event happened and what it shows."""

    camera_id: int | None
    classroom_id: int
    learner_ids: tuple[int, ...]
    distance: float | None = None
    images: FaceImages | None = None


@dataclass(slots=True)
class _Open:
    started_at: datetime
    reported_until: datetime
    score: float  # how convincing the kept snapshot is; higher replaces lower


def evidence_score(distance: float | None, identified: bool) -> float:
    """A clear picture of a known impostor (small distance) or of a plain stranger (large distance);
    naming who sat there beats any unnamed face (embedding distances stay far below 100)."""
    if distance is None:
        return float("-inf")
    return 100.0 - distance if identified else distance


class EventBook:
    def __init__(
        self,
        sink: EngineSink,
        *,
        engine_id: str,
        update_interval: timedelta,
        snapshots: SnapshotWriter | None,
    ) -> None:
        self._sink = sink
        self._engine_id = engine_id
        self._update_interval = update_interval
        self._snapshots = snapshots
        self._open: dict[EventKey, _Open] = {}
        self._written = 0

    def is_open(self, key: EventKey) -> bool:
        return key in self._open

    def open_keys(self, session_id: int) -> list[EventKey]:
        return [key for key in self._open if key.session_id == session_id]

    def raise_event(
        self,
        key: EventKey,
        started_at: datetime,
        until: datetime,
        evidence: Evidence,
        note: str,
        *,
        score: float = float("-inf"),
        finished: bool = False,
    ) -> None:
        """Raise `key` unless it is open already; `finished` raises an event that is over (no key kept)."""
        if key in self._open:
            return
        face, frame = self._store(key, started_at, evidence.images)
        event = Event(
            id=0,
            kind=key.kind,
            severity=SEVERITY.get(key.kind, Severity.MEDIUM),
            state=EventState.NEW,
            started_at=started_at,
            ended_at=until,
            camera_id=evidence.camera_id,
            classroom_id=evidence.classroom_id,
            session_id=key.session_id,
            learner_ids=list(evidence.learner_ids),
            distance=evidence.distance,
            snapshot_path=face,
            frame_path=frame,
            engine=self._engine_id,
            history=[EventHistoryEntry(None, until, None, EventState.NEW, note)],
        )
        self._sink.submit(RaiseEvent(key, event, note, finished=finished))
        if not finished:
            self._open[key] = _Open(started_at, until, score)

    def extend(
        self,
        key: EventKey,
        until: datetime,
        *,
        distance: float | None = None,
        images: FaceImages | None = None,
        score: float = float("-inf"),
    ) -> None:
        """Report that `key` still lasts at `until`; throttled unless better evidence came with it."""
        entry = self._open.get(key)
        if entry is None:
            return
        better = images is not None and score > entry.score
        if not better and until - entry.reported_until < self._update_interval:
            return
        face = frame = None
        if better:
            entry.score = score
            face, frame = self._store(key, until, images)
        entry.reported_until = max(entry.reported_until, until)
        self._sink.submit(
            ExtendEvent(
                key,
                entry.reported_until,
                distance=distance if better else None,
                snapshot_path=face,
                frame_path=frame,
            )
        )

    def resume(self, key: EventKey, started_at: datetime, reported_until: datetime, score: float) -> None:
        """Hold an event an earlier run of the console raised and left open (it is stored under
        `key.open_key`): from now on it is extended and closed as if raised here, never raised again."""
        self._open.setdefault(key, _Open(started_at, reported_until, score))

    def close(self, key: EventKey, ended_at: datetime, note: str) -> None:
        if self._open.pop(key, None) is not None:
            self._sink.submit(CloseEvent(key, ended_at, note))

    def close_stored(self, action: CloseEvent) -> None:
        """Close an event an earlier run left open and this one does not hold (its class is over)."""
        if action.key not in self._open:
            self._sink.submit(action)

    def last_reported(self, key: EventKey) -> datetime | None:
        entry = self._open.get(key)
        return None if entry is None else entry.reported_until

    def _store(self, key: EventKey, at: datetime, images: FaceImages | None) -> tuple[str, str]:
        if images is None:
            return "", ""
        face, frame = images.face_path, images.frame_path
        if self._snapshots is not None and (images.face_jpeg or images.frame_jpeg):
            self._written += 1
            # The date first: DirectorySnapshotWriter files snapshots by day.
            stem = f"{at:%Y-%m-%d_%H%M%S}_{key.kind.value}_s{key.session_id}_{key.subject}_{self._written}"
            if images.face_jpeg:
                face = self._snapshots.write(f"{stem}_face.jpg".replace(":", "-"), images.face_jpeg)
            if images.frame_jpeg:
                frame = self._snapshots.write(f"{stem}_frame.jpg".replace(":", "-"), images.frame_jpeg)
        return face, frame
