"""A small hand-made workspace (2 counties, 3 sites, 5 classrooms, 7 cameras) shared by the tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.enums import SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace


def build_workspace() -> Workspace:
    city = City(1, "毕节市", "520500")
    counties = [County(11, 1, "七星关区", "520502"), County(12, 1, "大方县", "520521")]
    sites = [
        Site(101, 11, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE),
        Site(102, 11, "毕节市安达驾校", SiteKind.DRIVING_SCHOOL),
        Site(103, 12, "大方县交警中队", SiteKind.POLICE_SQUADRON),
    ]
    classrooms = [
        Classroom(1001, 101, "第一教室"),
        Classroom(1002, 101, "第二教室"),
        Classroom(1003, 102, "理论教室"),
        Classroom(1004, 103, "学习室"),
        Classroom(1005, 103, "警示教育室"),
    ]
    cameras = [
        Camera(1, 1001, "前", "rtsp://127.0.0.1:8554/c1"),
        Camera(2, 1001, "后", "rtsp://127.0.0.1:8554/c2"),
        Camera(3, 1002, "前", "rtsp://127.0.0.1:8554/c3"),
        Camera(4, 1003, "前", "rtsp://127.0.0.1:8554/c4"),
        Camera(5, 1004, "前", "rtsp://127.0.0.1:8554/c5"),
        Camera(6, 1004, "后", "rtsp://127.0.0.1:8554/c6", enabled=False),
        Camera(7, 1005, "前", "rtsp://127.0.0.1:8554/c7"),
    ]
    return Workspace(city, counties, sites, classrooms, cameras)


def build_small_workspace(classroom_ids: set[int], camera_ids: set[int]) -> Workspace:
    """The same workspace cut down to some classrooms and cameras (all counties and sites kept)."""
    full = build_workspace()
    full.classrooms = [c for c in full.classrooms if c.id in classroom_ids]
    full.cameras = [c for c in full.cameras if c.id in camera_ids]
    return full


def file_workspace(clip: Path, *, missing: set[int] = frozenset(), count: int = 7) -> Workspace:  # type: ignore[assignment]
    """The GUI tests' small city with every camera playing `clip` (or a missing file for ids in `missing`)."""
    workspace = build_workspace()
    rooms = [room.id for room in workspace.classrooms]
    cameras = []
    for number in range(1, count + 1):
        url = (clip.parent / f"missing-{number}.mp4" if number in missing else clip).absolute().as_uri()
        cameras.append(Camera(number, rooms[(number - 1) % len(rooms)], f"机位{number}", url, sub_url=url))
    workspace.cameras = cameras
    return workspace


def camera_per_room_workspace(urls: list[str]) -> Workspace:
    """One site with a classroom and a camera (main and sub stream) per URL."""
    rooms = [Classroom(i + 1, 1, f"教室{i + 1}") for i in range(len(urls))]
    cameras = [Camera(i + 1, i + 1, "前方", url, sub_url=url) for i, url in enumerate(urls)]
    return Workspace(
        City(1, "毕节市", "520500"),
        [County(1, 1, "七星关区", "520502")],
        [Site(1, 1, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE)],
        rooms,
        cameras,
    )
