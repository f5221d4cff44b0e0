"""A class session's roster as a matrix of enrolment embeddings, and nearest-learner matching.

Built once per session (from app.persistence's EmbeddingRepository rows) in the analysis
coordinator thread; matching is a few numpy operations per face, cheap enough to run there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.vision.face_engine import EMBEDDING_DIM, Embedding, distances, embedding_from_bytes


@dataclass(frozen=True, slots=True)
class Match:
    """Nearest and runner-up roster learners of one embedding (distances are Euclidean)."""

    learner_id: int | None  # the nearest learner when within the threshold, else None (unknown face)
    distance: float | None  # to the nearest learner, even above the threshold; None: empty roster
    nearest_learner_id: int | None
    second_best_learner_id: int | None = None
    second_best_distance: float | None = None


class Roster:
    """Enrolment embeddings of the learners expected in a classroom; a learner may have several."""

    def __init__(self, embeddings: Mapping[int, Sequence[Embedding]] | None = None) -> None:
        owners: list[int] = []
        rows: list[Embedding] = []
        for learner_id, vectors in (embeddings or {}).items():
            for vector in vectors:
                owners.append(int(learner_id))
                rows.append(np.asarray(vector, dtype=np.float32).reshape(EMBEDDING_DIM))
        self._owners = np.asarray(owners, dtype=np.int64)
        self._gallery: npt.NDArray[np.float32] = (
            np.stack(rows) if rows else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        )
        self.learner_ids = frozenset(owners)

    @classmethod
    def from_stored(cls, rows: Iterable[tuple[int, bytes]]) -> Roster:
        """From (learner_id, float32 bytes) pairs; empty vectors (photos without a face) are skipped."""
        grouped: dict[int, list[Embedding]] = {}
        for learner_id, data in rows:
            if len(data) == 4 * EMBEDDING_DIM:
                grouped.setdefault(learner_id, []).append(embedding_from_bytes(data))
        return cls(grouped)

    def __len__(self) -> int:
        return len(self.learner_ids)

    def match(self, embedding: Embedding, threshold: float) -> Match:
        if len(self._owners) == 0:
            return Match(None, None, None)
        all_distances = distances(np.asarray(embedding, dtype=np.float32), self._gallery)
        best: dict[int, float] = {}
        for owner, value in zip(self._owners.tolist(), all_distances.tolist(), strict=True):
            if owner not in best or value < best[owner]:
                best[owner] = value
        ranked = sorted(best.items(), key=lambda item: item[1])
        nearest_id, nearest = ranked[0]
        second_id, second = ranked[1] if len(ranked) > 1 else (None, None)
        return Match(
            learner_id=nearest_id if nearest <= threshold else None,
            distance=nearest,
            nearest_learner_id=nearest_id,
            second_best_learner_id=second_id,
            second_best_distance=second,
        )
