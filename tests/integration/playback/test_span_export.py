"""Span export (remux) and evidence packages on real recordings."""

from __future__ import annotations

import itertools
import json
import shutil
import struct
import zipfile
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import av
import pytest

from app.playback.evidence_package import build_package, verify_package
from app.playback.evidence_signing import workstation_signer
from app.playback.span_export import ExportCancelled, export_span
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.rtsp_server import read_counter


def _decode(path: Path) -> tuple[list[int], list[int], Fraction]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.time_base is not None
        counters: list[int] = []
        pts: list[int] = []
        for frame in container.decode(stream):
            assert frame.pts is not None
            pts.append(frame.pts)
            counters.append(read_counter(frame.to_ndarray(format="rgb24")))
        return counters, pts, stream.time_base


def test_export_across_segments_is_one_continuous_clip(recorded: RecordedCamera, tmp_path: Path) -> None:
    rows = recorded.recordings
    start = rows[0].started_at + timedelta(seconds=1.0)  # mid-GOP: the clip starts at its keyframe
    end = rows[2].started_at + timedelta(seconds=0.5)
    fractions: list[float] = []
    out = tmp_path / "span.mp4"
    result = export_span(recorded.timeline(), start, end, out, progress=fractions.append)
    expected = [f for f in recorded.frames if rows[0].started_at <= f.wall_time < end]
    counters, pts, time_base = _decode(out)
    assert counters == [f.counter for f in expected]
    assert all(b == a + 1 for a, b in itertools.pairwise(counters)), counters
    assert result.packets == len(counters) == len(expected)
    assert result.segment_ids == tuple(r.id for r in rows[:3])
    assert result.clip_start == rows[0].started_at
    # Timestamps run on evenly across both cuts (25 fps), from 0.
    assert pts[0] == 0
    steps = {round(float((b - a) * time_base), 3) for a, b in itertools.pairwise(pts)}
    assert steps == {0.04}, steps
    assert abs(result.duration_s - len(counters) / 25) < 0.01
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.name == "h264"  # copied, not re-encoded
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert not list(tmp_path.glob("*.partial"))


def test_cancelled_export_leaves_no_file(recorded: RecordedCamera, tmp_path: Path) -> None:
    timeline = recorded.timeline()
    assert timeline.start is not None and timeline.end is not None
    calls = itertools.count()
    tmp_path = tmp_path / "out"  # tmp_path itself also holds the isolated home
    tmp_path.mkdir()
    out = tmp_path / "cancelled.mp4"
    with pytest.raises(ExportCancelled):
        export_span(timeline, timeline.start, timeline.end, out, cancelled=lambda: next(calls) > 60)
    assert list(tmp_path.iterdir()) == []
    package = tmp_path / "cancelled.zip"
    with pytest.raises(ExportCancelled):
        build_package(
            timeline,
            timeline.start,
            timeline.end,
            package,
            manifest_extra={},
            exported_by="值班员",
            signer=workstation_signer(),
            cancelled=lambda: True,
        )
    assert list(tmp_path.iterdir()) == []


def _flip_member_byte(zip_path: Path, member: str, at: int) -> None:
    with zipfile.ZipFile(zip_path) as archive:
        info = archive.getinfo(member)
    assert info.compress_type == zipfile.ZIP_STORED
    data = bytearray(zip_path.read_bytes())
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    data[info.header_offset + 30 + name_len + extra_len + at] ^= 0x01
    zip_path.write_bytes(bytes(data))


def test_evidence_package_verifies_and_names_a_tampered_clip(
    recorded: RecordedCamera, tmp_path: Path
) -> None:
    rows = recorded.recordings
    start, end = rows[0].started_at + timedelta(seconds=1.5), rows[1].started_at + timedelta(seconds=1)
    events = [{"id": 12, "kind": "phone_use", "at": (start + timedelta(seconds=1)).isoformat()}]
    package = build_package(
        recorded.timeline(),
        start,
        end,
        tmp_path / "evidence.zip",
        manifest_extra={"events": events, "classroom": "第一教室"},
        snapshots=[("snapshot-1.png", b"\x89PNG fake snapshot")],
        exported_by="张三",
        signer=workstation_signer(),
    )
    assert verify_package(package) == []
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == [
            "SHA256SUMS",
            "SHA256SUMS.sig",
            "clip.mp4",
            "manifest.json",
            "signing-key.pem",
            "snapshot-1.png",
        ]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["camera_id"] == rows[0].camera_id and manifest["exported_by"] == "张三"
    assert manifest["span"] == {"start": start.isoformat(), "end": end.isoformat()}
    assert manifest["events"] == events and manifest["classroom"] == "第一教室"
    assert manifest["exported_at"] and [s["id"] for s in manifest["segments"]] == [rows[0].id, rows[1].id]

    tampered = tmp_path / "tampered.zip"
    shutil.copy(package, tampered)
    _flip_member_byte(tampered, "clip.mp4", 5000)
    assert verify_package(tampered) == ["clip.mp4"]
    assert verify_package(package) == []

    # A file added to, or removed from, the package is named too.
    added = tmp_path / "added.zip"
    shutil.copy(package, added)
    with zipfile.ZipFile(added, "a") as archive:
        archive.writestr("extra.txt", b"not part of the evidence")
    assert verify_package(added) == ["extra.txt"]
    removed = tmp_path / "removed.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(removed, "w") as target:
        for info in source.infolist():
            if info.filename != "snapshot-1.png":
                target.writestr(info, source.read(info.filename))
    assert verify_package(removed) == ["snapshot-1.png"]
