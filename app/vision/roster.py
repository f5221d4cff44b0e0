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
        return self.match_many([embedding], threshold)

    def mean_distance(self, embeddings: Sequence[Embedding], learner_id: int) -> float | None:
        """Mean over `embeddings` of the distance to `learner_id`'s nearest enrolment embedding."""
        rows = self._gallery[self._owners == learner_id]
        if len(rows) == 0 or not embeddings:
            return None
        nearest = [float(distances(np.asarray(e, dtype=np.float32), rows).min()) for e in embeddings]
        return sum(nearest) / len(nearest)

    def match_many(self, embeddings: Sequence[Embedding], threshold: float) -> Match:
        """Nearest learner by the MEAN distance over several embeddings of one face (a track's recent
        checks): one blurred or turned frame moves the mean a little instead of deciding alone.
        The mean keeps the calibrated threshold's scale (it is a distance, not a new embedding)."""
        if len(self._owners) == 0 or not embeddings:
            return Match(None, None, None)
        owners = self._owners.tolist()
        total: dict[int, float] = {}
        for embedding in embeddings:
            all_distances = distances(np.asarray(embedding, dtype=np.float32), self._gallery)
            best: dict[int, float] = {}
            for owner, value in zip(owners, all_distances.tolist(), strict=True):
                if owner not in best or value < best[owner]:
                    best[owner] = value
            for owner, value in best.items():
                total[owner] = total.get(owner, 0.0) + value
        means = ((owner, value / len(embeddings)) for owner, value in total.items())
        ranked = sorted(means, key=lambda item: item[1])
        nearest_id, nearest = ranked[0]
        second_id, second = ranked[1] if len(ranked) > 1 else (None, None)
        return Match(
            learner_id=nearest_id if nearest <= threshold else None,
            distance=nearest,
            nearest_learner_id=nearest_id,
            second_best_learner_id=second_id,
            second_best_distance=second,
        )
