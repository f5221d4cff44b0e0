"""Tables for learners, their enrolment photos, and the console's users."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import LicenceClass, Post, Programme, ScopeLevel
from app.domain.people import EnrolmentPhoto, Learner, Scope, User
from app.persistence.column_types import StrEnumColumn
from app.persistence.orm.base import Base


class LearnerRow(Base):
    """Only the masked ID number is ever stored (app.domain.masking); there is no column for the full one."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    id_number_masked: Mapped[str] = mapped_column(String(18), index=True)
    licence_class: Mapped[LicenceClass] = mapped_column(StrEnumColumn(LicenceClass))
    programme: Mapped[Programme] = mapped_column(StrEnumColumn(Programme))
    county_id: Mapped[int] = mapped_column(ForeignKey("counties.id"), index=True)
    full_score_count: Mapped[int] = mapped_column(Integer, default=1)
    phone_masked: Mapped[str] = mapped_column(String(20), default="")

    @staticmethod
    def values_from(learner: Learner) -> dict[str, Any]:
        return {
            "id": learner.id,
            "name": learner.name,
            "id_number_masked": learner.id_number_masked,
            "licence_class": learner.licence_class,
            "programme": learner.programme,
            "county_id": learner.county_id,
            "full_score_count": learner.full_score_count,
            "phone_masked": learner.phone_masked,
        }

    def to_domain(self, photos: list[EnrolmentPhoto] | None = None) -> Learner:
        return Learner(
            id=self.id,
            name=self.name,
            id_number_masked=self.id_number_masked,
            licence_class=self.licence_class,
            programme=self.programme,
            county_id=self.county_id,
            full_score_count=self.full_score_count,
            phone_masked=self.phone_masked,
            photos=list(photos or []),
        )


class EnrolmentPhotoRow(Base):
    __tablename__ = "enrolment_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)
    captured_on: Mapped[date | None] = mapped_column(Date)

    @staticmethod
    def values_from(photo: EnrolmentPhoto) -> dict[str, Any]:
        return {
            "id": photo.id,
            "learner_id": photo.learner_id,
            "path": photo.path,
            "captured_on": photo.captured_on,
        }

    def to_domain(self) -> EnrolmentPhoto:
        return EnrolmentPhoto(
            id=self.id, learner_id=self.learner_id, path=self.path, captured_on=self.captured_on
        )


class UserRow(Base):
    """A console user; the Scope value object is flattened into three columns."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    post: Mapped[Post] = mapped_column(StrEnumColumn(Post))
    scope_level: Mapped[ScopeLevel] = mapped_column(StrEnumColumn(ScopeLevel))
    scope_county_id: Mapped[int | None] = mapped_column(ForeignKey("counties.id"))
    scope_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    @staticmethod
    def values_from(user: User) -> dict[str, Any]:
        return {
            "id": user.id,
            "login": user.login,
            "display_name": user.display_name,
            "post": user.post,
            "scope_level": user.scope.level,
            "scope_county_id": user.scope.county_id,
            "scope_site_id": user.scope.site_id,
            "active": user.active,
        }

    def to_domain(self) -> User:
        scope = Scope(self.scope_level, county_id=self.scope_county_id, site_id=self.scope_site_id)
        return User(
            id=self.id,
            login=self.login,
            display_name=self.display_name,
            post=self.post,
            scope=scope,
            active=self.active,
        )
