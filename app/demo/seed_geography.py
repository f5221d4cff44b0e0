"""The demo city's geography: 毕节市, its ten counties/districts, sites, classrooms and cameras.

Cameras stream one of eight looping demo clips (media_dir/videos/classroom_<k>.mp4) as file://
URLs; many cameras share a clip, which is fine for a demo and keeps the media small.
"""

from __future__ import annotations

import random
from pathlib import Path

from app.demo.media_jobs import ClipJob
from app.demo.names import (
    CAMERA_NAMES,
    CITY_CODE,
    CITY_NAME,
    CLASSROOM_NAMES,
    COUNTIES,
    DRIVING_SCHOOL_BRANDS,
    SQUADRON_ZONES,
    STATION_TOWNS,
    CountySpec,
)
from app.domain.enums import SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace

CLIP_COUNT = 8
# Every county has these three; its other sites are driving schools and registration stations.
_CORE_KINDS = (SiteKind.VEHICLE_ADMIN_OFFICE, SiteKind.POLICE_SQUADRON, SiteKind.GOVERNMENT_SERVICE_CENTRE)


def clip_path(media_dir: Path, index: int) -> Path:
    return media_dir / "videos" / f"classroom_{index}.mp4"


def clip_jobs(seed: int, media_dir: Path) -> list[ClipJob]:
    return [ClipJob(clip_path(media_dir, k), seed=seed * 100 + k) for k in range(CLIP_COUNT)]


def _site_name(rng: random.Random, spec: CountySpec, kind: SiteKind, used: set[str]) -> str:
    while True:
        if kind is SiteKind.VEHICLE_ADMIN_OFFICE:
            name = f"{spec.short_name}车管所"
        elif kind is SiteKind.POLICE_SQUADRON:
            name = f"{spec.short_name}交警大队{rng.choice(SQUADRON_ZONES)}"
        elif kind is SiteKind.GOVERNMENT_SERVICE_CENTRE:
            name = f"{spec.short_name}政务服务中心"
        elif kind is SiteKind.DRIVING_SCHOOL:
            name = f"{spec.short_name}{rng.choice(DRIVING_SCHOOL_BRANDS)}驾校"
        else:
            name = f"{spec.short_name}{rng.choice(STATION_TOWNS)}机动车登记服务站"
        if name not in used:  # a county never has two sites of the same name
            used.add(name)
            return name


def _site_kinds(rng: random.Random, count: int) -> list[SiteKind]:
    extra = [
        rng.choices((SiteKind.DRIVING_SCHOOL, SiteKind.REGISTRATION_STATION), weights=(0.6, 0.4))[0]
        for _ in range(count - len(_CORE_KINDS))
    ]
    return [*_CORE_KINDS[:count], *extra]


def build_geography(rng: random.Random, media_dir: Path) -> Workspace:
    """The whole city; ids are assigned in order starting at 1 for every table."""
    city = City(id=1, name=CITY_NAME, code=CITY_CODE)
    workspace = Workspace(city=city)
    for county_id, spec in enumerate(COUNTIES, start=1):
        workspace.counties.append(County(id=county_id, city_id=city.id, name=spec.name, code=spec.code))
        used_names: set[str] = set()
        for kind in _site_kinds(rng, spec.site_count):
            address = f"毕节市{spec.name}{rng.choice(spec.streets)}{rng.randint(1, 299)}号"
            site = Site(
                len(workspace.sites) + 1, county_id, _site_name(rng, spec, kind, used_names), kind, address
            )
            workspace.sites.append(site)
            rooms = rng.choices((1, 2, 3), weights=(0.55, 0.35, 0.10))[0]
            for room_name in CLASSROOM_NAMES[:rooms]:
                classroom = Classroom(
                    len(workspace.classrooms) + 1, site.id, room_name, seats=rng.randint(3, 8) * 8
                )
                workspace.classrooms.append(classroom)
                for camera_name in CAMERA_NAMES[: rng.choices((1, 2), weights=(0.65, 0.35))[0]]:
                    camera_id = len(workspace.cameras) + 1
                    url = clip_path(media_dir, (camera_id - 1) % CLIP_COUNT).absolute().as_uri()
                    workspace.cameras.append(Camera(camera_id, classroom.id, camera_name, url, sub_url=url))
    return workspace
