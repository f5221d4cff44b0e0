"""Where supervision happens: City → County/District → Site → Classroom → Camera."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.enums import SiteKind


@dataclass(slots=True)
class City:
    id: int
    name: str  # e.g. 毕节市
    code: str  # 6-digit administrative division code, e.g. 520500


@dataclass(slots=True)
class County:
    id: int
    city_id: int
    name: str  # e.g. 七星关区
    code: str


@dataclass(slots=True)
class Site:
    """A service point where classroom study takes place."""

    id: int
    county_id: int
    name: str
    kind: SiteKind
    address: str = ""


@dataclass(slots=True)
class Classroom:
    id: int
    site_id: int
    name: str
    seats: int = 40


@dataclass(slots=True)
class Camera:
    """A classroom camera.

    URLs carry no password: `credential_ref` names the keyring entry that holds the user name and
    password, resolved only when the stream is opened.
    """

    id: int
    classroom_id: int
    name: str
    main_url: str
    sub_url: str = ""
    credential_ref: str = ""
    enabled: bool = True


@dataclass(slots=True)
class Workspace:
    """The geography of one city as loaded at start-up, with lookups the views need.

    It is a read model: small (hundreds of rows), loaded once off the GUI thread and handed to
    the window, so that the county tree and pane filters never touch the database while painting.
    """

    city: City
    counties: list[County] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    classrooms: list[Classroom] = field(default_factory=list)
    cameras: list[Camera] = field(default_factory=list)

    def sites_of(self, county_id: int) -> list[Site]:
        return [s for s in self.sites if s.county_id == county_id]

    def classrooms_of(self, site_id: int) -> list[Classroom]:
        return [c for c in self.classrooms if c.site_id == site_id]

    def cameras_of(self, classroom_id: int) -> list[Camera]:
        return [c for c in self.cameras if c.classroom_id == classroom_id]

    def county(self, county_id: int) -> County:
        return next(c for c in self.counties if c.id == county_id)

    def site(self, site_id: int) -> Site:
        return next(s for s in self.sites if s.id == site_id)

    def classroom(self, classroom_id: int) -> Classroom:
        return next(c for c in self.classrooms if c.id == classroom_id)
