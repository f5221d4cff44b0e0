"""Session templates: each learner's confident classroom views on one camera, in this class session.

One person's classroom views (same camera, light, pose range) sit far closer together than to their
enrolment photo, so a face matched to learner L by the photo but far from L's template is another
person who resembles L's photo: a look-alike substitute inside the enrolment threshold. The tracker
(app/vision/tracker.py) decides which checks are confident enough to join; this keeps the views and
measures against them. A new session starts empty (another day, other clothes and light).

Not thread-safe: owned by one FaceTracker, in the analysis coordinator thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np

from app.vision.face_engine import Embedding, distance


class SessionTemplates:
    """Learner → up to `size` views; a template counts once it has `min_views`. A view farther than
    `radius` from its learner's template does not join it (and a face that far is not the learner)."""

    def __init__(self, *, min_views: int, size: int, radius: float) -> None:
        self.min_views = min_views
        self.size = size
        self.radius = radius
        self._views: dict[int, deque[Embedding]] = {}

    def clear(self) -> None:
        self._views.clear()

    def centre(self, learner_id: int) -> Embedding | None:
        views = self._views.get(learner_id)
        if views is None or len(views) < self.min_views:
            return None
        return np.mean(np.stack(list(views)), axis=0).astype(np.float32)

    def distance(self, learner_id: int, embeddings: Sequence[Embedding]) -> float | None:
        """Mean distance of `embeddings` from the learner's template; None: no template yet."""
        centre = self.centre(learner_id)
        if centre is None or not embeddings:
            return None
        return sum(distance(centre, e) for e in embeddings) / len(embeddings)

    def rejects(self, learner_id: int, embeddings: Sequence[Embedding]) -> bool:
        """Whether the faces are too far from the learner's template to be the learner."""
        apart = self.distance(learner_id, embeddings)
        return apart is not None and apart > self.radius

    def admit(self, learner_id: int, embedding: Embedding) -> None:
        """A confident view of the learner joins the template, unless the template is strong and the
        view far from it."""
        centre = self.centre(learner_id)
        views = self._views.setdefault(learner_id, deque(maxlen=self.size))
        if centre is None or distance(centre, embedding) <= self.radius:
            views.append(embedding)
