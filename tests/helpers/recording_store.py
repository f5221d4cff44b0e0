"""Helpers for the recording tests: a migrated database with cameras, and checks on segment files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
from sqlalchemy import select

from app.domain.enums import SiteKind
from app.domain.geography import Camera, City, Classroom, County, Site, Workspace
from app.persistence import Database, upgrade_to_head
from app.persistence.orm import RecordingRow
from app.persistence.repositories import Recording, RecordingRepository, WorkspaceRepository
from tests.helpers.rtsp_server import read_counter


def seeded_database(url: str, camera_ids: tuple[int, ...] = (7, 8)) -> Database:
    """A migrated database holding one classroom with the given cameras (recordings need them)."""
    upgrade_to_head(url)
    database = Database(url)
    cameras = [Camera(cid, 1, f"camera {cid}", f"rtsp://10.0.0.{cid}/main") for cid in camera_ids]
    workspace = Workspace(
        City(1, "毕节市", "520500"),
        [County(1, 1, "七星关区", "520502")],
        [Site(1, 1, "七星关区车管所", SiteKind.VEHICLE_ADMIN_OFFICE)],
        [Classroom(1, 1, "第一教室", 40)],
        cameras,
    )
    with database.writing() as session:
        WorkspaceRepository(session).save_workspace(workspace)
    return database


def all_recordings(database: Database, store: str) -> list[Recording]:
    """Every row of `store` (open, closed, locked), oldest first."""
    with database.reading() as session:
        repository = RecordingRepository(session)
        ids = session.scalars(
            select(RecordingRow.id)
            .where(RecordingRow.store == store)
            .order_by(RecordingRow.started_at, RecordingRow.id)
        )
        return [recording for recording in map(repository.get, list(ids)) if recording is not None]


@dataclass(frozen=True)
class SegmentContent:
    frames: int
    first_is_keyframe: bool
    first_pts: int | None
    first_dts: int | None
    duration_s: float
    counters: list[int]  # frame numbers drawn into the test clip, when `read_counters`


def read_segment(path: Path, *, read_counters: bool = False) -> SegmentContent:
    """Open a segment like the review will: with PyAV, demuxing and decoding every frame."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        first: av.Packet | None = None
        end = 0
        frames = 0
        counters: list[int] = []
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            first = first or packet
            end = max(end, packet.pts + (packet.duration or 0))
            for frame in packet.decode():
                frames += 1
                if read_counters:
                    counters.append(read_counter(frame.to_ndarray(format="rgb24")))
        for frame in stream.decode(None):  # drain the decoder
            frames += 1
            if read_counters:
                counters.append(read_counter(frame.to_ndarray(format="rgb24")))
        assert first is not None, f"{path} holds no packets"
        assert stream.time_base is not None
        return SegmentContent(
            frames=frames,
            first_is_keyframe=bool(first.is_keyframe),
            first_pts=first.pts,
            first_dts=first.dts,
            duration_s=float(end * stream.time_base),
            counters=counters,
        )


def files_under(root: Path, pattern: str) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob(pattern)}
