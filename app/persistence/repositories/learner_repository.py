"""Learners and their enrolment photos."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.people import EnrolmentPhoto, Learner, Scope
from app.persistence.orm import EnrolmentPhotoRow, LearnerRow
from app.persistence.repositories.scope_filters import learner_condition


def _photos_by_learner(session: Session, learner_ids: Sequence[int]) -> dict[int, list[EnrolmentPhoto]]:
    photos: dict[int, list[EnrolmentPhoto]] = defaultdict(list)
    if learner_ids:
        query = (
            select(EnrolmentPhotoRow)
            .where(EnrolmentPhotoRow.learner_id.in_(learner_ids))
            .order_by(EnrolmentPhotoRow.id)
        )
        for row in session.scalars(query):
            photos[row.learner_id].append(row.to_domain())
    return photos


class LearnerRepository:
    """`add` ignores the id it is given (the database assigns one) and returns the stored learner."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, learner: Learner) -> Learner:
        values = LearnerRow.values_from(learner)
        del values["id"]
        learner_id = self._session.execute(insert(LearnerRow).returning(LearnerRow.id), values).scalar_one()
        photos = [
            self._insert_photo(self._session, dataclasses.replace(p, learner_id=learner_id))
            for p in learner.photos
        ]
        return dataclasses.replace(learner, id=learner_id, photos=photos)

    def add_enrolment_photo(self, photo: EnrolmentPhoto) -> EnrolmentPhoto:
        return self._insert_photo(self._session, photo)

    @staticmethod
    def _insert_photo(session: Session, photo: EnrolmentPhoto) -> EnrolmentPhoto:
        values = EnrolmentPhotoRow.values_from(photo)
        del values["id"]
        photo_id = session.execute(
            insert(EnrolmentPhotoRow).returning(EnrolmentPhotoRow.id), values
        ).scalar_one()
        return dataclasses.replace(photo, id=photo_id)

    def get(self, learner_id: int) -> Learner | None:
        row = self._session.get(LearnerRow, learner_id)
        if row is None:
            return None
        return row.to_domain(_photos_by_learner(self._session, [learner_id]).get(learner_id))

    def get_many(self, learner_ids: Sequence[int]) -> list[Learner]:
        """The learners with these ids, in id order (unknown ids are skipped)."""
        rows = self._session.scalars(
            select(LearnerRow).where(LearnerRow.id.in_(learner_ids)).order_by(LearnerRow.id)
        ).all()
        photos = _photos_by_learner(self._session, [row.id for row in rows])
        return [row.to_domain(photos.get(row.id)) for row in rows]

    def find(
        self, scope: Scope | None = None, *, name_contains: str = "", limit: int = 100, offset: int = 0
    ) -> list[Learner]:
        """Learners in scope, by id; `name_contains` also matches the last 4 digits of the ID number."""
        query = select(LearnerRow).where(learner_condition(LearnerRow.id, scope))
        if name_contains:
            pattern = f"%{name_contains}%"
            query = query.where(LearnerRow.name.like(pattern) | LearnerRow.id_number_masked.like(pattern))
        rows = self._session.scalars(query.order_by(LearnerRow.id).limit(limit).offset(offset)).all()
        photos = _photos_by_learner(self._session, [row.id for row in rows])
        return [row.to_domain(photos.get(row.id)) for row in rows]

    def count(self, scope: Scope | None = None) -> int:
        query = select(func.count(LearnerRow.id)).where(learner_condition(LearnerRow.id, scope))
        return int(self._session.execute(query).scalar_one())
