"""A small hand-made workspace (2 counties, 3 sites, 5 classrooms, 7 cameras) shared by the tests."""

from __future__ import annotations

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
