"""The demo's enrolment photos, rendered in the enrolment process before it embeds them.

The demo renders its photos in the background; a photo not on disk yet would be stored as
"no face" and never retried. The enrolment process therefore calls `render_enrolment_photos`
(named in the demo's AnalysisExtras) first: the live script's photos, then any other missing
photo of the learners it is about to embed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from app.demo.media import materialise
from app.demo.media_jobs import EnrolmentPhotoJob
from app.demo.photos import write_enrolment_photo
from app.persistence import Database
from app.persistence.repositories import EmbeddingRepository, MetaRepository


def render_enrolment_photos(
    jobs: Sequence[EnrolmentPhotoJob], database: Database, embedding_id: str, learner_ids: tuple[int, ...]
) -> int:
    """Returns how many photos were made (the enrolment process logs it)."""
    made = materialise(list(jobs)) if jobs else 0
    with database.reading() as session:
        seeds = json.loads(MetaRepository(session).get("demo.face_seeds") or "{}")
        missing = EmbeddingRepository(session).photos_missing(learner_ids, embedding_id)
    for _photo_id, learner_id, path_text in missing:
        path = Path(path_text)
        seed = seeds.get(str(learner_id))
        if seed is not None and path.is_absolute() and not path.exists():
            write_enrolment_photo(path, int(seed))
            made += 1
    return made
