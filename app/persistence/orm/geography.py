"""Tables for City → County → Site → Classroom → Camera, and their mapping to app.domain.geography."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site
from app.persistence.column_types import StrEnumColumn
from app.persistence.orm.base import Base


class CityRow(Base):
    __tablename__ = "cities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(12), unique=True)

    @staticmethod
    def values_from(city: City) -> dict[str, Any]:
        return {"id": city.id, "name": city.name, "code": city.code}

    def to_domain(self) -> City:
        return City(id=self.id, name=self.name, code=self.code)


class CountyRow(Base):
    __tablename__ = "counties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(12), unique=True)

    @staticmethod
    def values_from(county: County) -> dict[str, Any]:
        return {"id": county.id, "city_id": county.city_id, "name": county.name, "code": county.code}

    def to_domain(self) -> County:
        return County(id=self.id, city_id=self.city_id, name=self.name, code=self.code)


class SiteRow(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("counties.id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[SiteKind] = mapped_column(StrEnumColumn(SiteKind))
    address: Mapped[str] = mapped_column(Text, default="")

    @staticmethod
    def values_from(site: Site) -> dict[str, Any]:
        return {
            "id": site.id,
            "county_id": site.county_id,
            "name": site.name,
            "kind": site.kind,
            "address": site.address,
        }

    def to_domain(self) -> Site:
        return Site(
            id=self.id, county_id=self.county_id, name=self.name, kind=self.kind, address=self.address
        )


class ClassroomRow(Base):
    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    seats: Mapped[int] = mapped_column(Integer, default=40)

    @staticmethod
    def values_from(classroom: Classroom) -> dict[str, Any]:
        return {
            "id": classroom.id,
            "site_id": classroom.site_id,
            "name": classroom.name,
            "seats": classroom.seats,
        }

    def to_domain(self) -> Classroom:
        return Classroom(id=self.id, site_id=self.site_id, name=self.name, seats=self.seats)


class CameraRow(Base):
    """URLs never hold a password (see app.domain.geography.Camera); credentials live in the keyring."""

    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    main_url: Mapped[str] = mapped_column(Text)
    sub_url: Mapped[str] = mapped_column(Text, default="")
    credential_ref: Mapped[str] = mapped_column(String(128), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)

    @staticmethod
    def values_from(camera: Camera) -> dict[str, Any]:
        return {
            "id": camera.id,
            "classroom_id": camera.classroom_id,
            "name": camera.name,
            "main_url": camera.main_url,
            "sub_url": camera.sub_url,
            "credential_ref": camera.credential_ref,
            "enabled": camera.enabled,
        }

    def to_domain(self) -> Camera:
        return Camera(
            id=self.id,
            classroom_id=self.classroom_id,
            name=self.name,
            main_url=self.main_url,
            sub_url=self.sub_url,
            credential_ref=self.credential_ref,
            enabled=self.enabled,
        )
