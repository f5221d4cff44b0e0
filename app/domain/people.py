"""Learners who study and users who supervise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.enums import LicenceClass, Post, Programme, ScopeLevel


@dataclass(frozen=True, slots=True)
class Scope:
    """What part of the city a user (or a pane filter) covers.

    A city scope has neither county nor site; a county scope has a county; a site scope has both.
    `classroom_id` only appears in pane filters (the county tree), never in a user's scope.
    """

    level: ScopeLevel
    county_id: int | None = None
    site_id: int | None = None
    classroom_id: int | None = None

    @staticmethod
    def city() -> Scope:
        return Scope(ScopeLevel.CITY)

    def covers(self, county_id: int | None, site_id: int | None = None) -> bool:
        if self.level is ScopeLevel.CITY:
            return True
        if self.county_id != county_id:
            return False
        return self.level is ScopeLevel.COUNTY or self.site_id == site_id


@dataclass(slots=True)
class EnrolmentPhoto:
    id: int
    learner_id: int
    path: str  # file under the workspace's photo folder
    captured_on: date | None = None


@dataclass(slots=True)
class Learner:
    id: int
    name: str
    id_number_masked: str  # see app.domain.masking; the full number is never stored
    licence_class: LicenceClass
    programme: Programme
    county_id: int
    full_score_count: int = 1  # how many times 12 points were reached in the cycle (满分次数)
    phone_masked: str = ""
    photos: list[EnrolmentPhoto] = field(default_factory=list)


@dataclass(slots=True)
class User:
    id: int
    login: str
    display_name: str
    post: Post
    scope: Scope
    active: bool = True
