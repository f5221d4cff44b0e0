"""Online study records and the photos the platform captured during them."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import FaceBox, VerdictParameters
from app.domain.study import CapturedPhoto, OnlineStudyRecord
from app.persistence.orm import CapturedPhotoRow, OnlineStudyRecordRow
from app.persistence.orm.study import score_record_values


def _photos_by_record(session: Session, record_ids: Sequence[int]) -> dict[int, list[CapturedPhoto]]:
    photos: dict[int, list[CapturedPhoto]] = defaultdict(list)
    if record_ids:
        query = (
            select(CapturedPhotoRow)
            .where(CapturedPhotoRow.record_id.in_(record_ids))
            .order_by(CapturedPhotoRow.captured_at, CapturedPhotoRow.id)
        )
        for row in session.scalars(query):
            photos[row.record_id].append(row.to_domain())
    return photos


class OnlineStudyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_record(self, record: OnlineStudyRecord) -> OnlineStudyRecord:
        """Store a record with its photos; the database assigns all ids."""
        values = OnlineStudyRecordRow.values_from(record)
        del values["id"]
        record_id = self._session.execute(
            insert(OnlineStudyRecordRow).returning(OnlineStudyRecordRow.id), values
        ).scalar_one()
        photos = []
        for photo in record.photos:
            photo_values = CapturedPhotoRow.values_from(photo)
            del photo_values["id"]
            photo_values["record_id"] = record_id
            photo_id = self._session.execute(
                insert(CapturedPhotoRow).returning(CapturedPhotoRow.id), photo_values
            ).scalar_one()
            photos.append(dataclasses.replace(photo, id=photo_id, record_id=record_id))
        return dataclasses.replace(record, id=record_id, photos=photos)

    def records_for(self, learner_id: int) -> list[OnlineStudyRecord]:
        rows = self._session.scalars(
            select(OnlineStudyRecordRow)
            .where(OnlineStudyRecordRow.learner_id == learner_id)
            .order_by(OnlineStudyRecordRow.starts_at, OnlineStudyRecordRow.id)
        ).all()
        photos = _photos_by_record(self._session, [row.id for row in rows])
        return [row.to_domain(photos.get(row.id)) for row in rows]

    def photos_for(self, learner_id: int) -> list[CapturedPhoto]:
        query = (
            select(CapturedPhotoRow)
            .where(CapturedPhotoRow.learner_id == learner_id)
            .order_by(CapturedPhotoRow.captured_at, CapturedPhotoRow.id)
        )
        return [row.to_domain() for row in self._session.scalars(query)]

    def get_photo(self, photo_id: int) -> CapturedPhoto | None:
        row = self._session.get(CapturedPhotoRow, photo_id)
        return None if row is None else row.to_domain()

    def unscored_photos(self, limit: int = 100) -> list[CapturedPhoto]:
        """Photos face analysis has not scored yet (no distance), oldest first."""
        query = (
            select(CapturedPhotoRow)
            .where(CapturedPhotoRow.distance.is_(None), CapturedPhotoRow.face_count.is_(None))
            .order_by(CapturedPhotoRow.id)
            .limit(limit)
        )
        return [row.to_domain() for row in self._session.scalars(query)]

    def count_unscored(self) -> int:
        query = select(func.count()).where(
            CapturedPhotoRow.distance.is_(None), CapturedPhotoRow.face_count.is_(None)
        )
        return int(self._session.execute(query).scalar_one())

    def unscored_newest_first(
        self, limit: int, before: tuple[datetime, int] | None = None
    ) -> list[CapturedPhoto]:
        """Unscored photos, newest capture first; `before` = (captured_at, id) of the last one seen,
        so a caller can page past photos it had to skip (keyset paging, stable under inserts)."""
        query = select(CapturedPhotoRow).where(
            CapturedPhotoRow.distance.is_(None), CapturedPhotoRow.face_count.is_(None)
        )
        if before is not None:
            at, photo_id = before
            query = query.where(
                or_(
                    CapturedPhotoRow.captured_at < at,
                    and_(CapturedPhotoRow.captured_at == at, CapturedPhotoRow.id < photo_id),
                )
            )
        query = query.order_by(CapturedPhotoRow.captured_at.desc(), CapturedPhotoRow.id.desc()).limit(limit)
        return [row.to_domain() for row in self._session.scalars(query)]

    def save_photo_score(
        self,
        photo_id: int,
        *,
        distance: float | None,
        face_count: int,
        flags: Sequence[PhotoFlag],
        judged_with: VerdictParameters | None = None,
        face_boxes: Sequence[FaceBox] | None = None,
    ) -> None:
        """Store a score with what it was judged with (threshold, detector) and the faces found."""
        recorded = score_record_values(judged_with, None if face_boxes is None else tuple(face_boxes))
        result = self._session.execute(
            update(CapturedPhotoRow)
            .where(CapturedPhotoRow.id == photo_id)
            .values(distance=distance, face_count=face_count, flags=list(flags), **recorded)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise KeyError(f"captured photo {photo_id} does not exist")
