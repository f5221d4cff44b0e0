"""Segment files: names, the store id, and salvaging a segment a crash cut short."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path

import av
import pytest

from app.video.segment_files import (
    fragment_layout,
    new_segment_relpath,
    partial_of,
    probe_segment,
    started_at_from_name,
    store_id,
)
from app.video.segment_recovery import salvage_partial
from app.video.segment_timing import SegmentClock, SessionTimeline
from app.video.segment_writer import SegmentWriter, snapshot_stream
from tests.helpers.rtsp_server import make_test_clip


@pytest.fixture(scope="module")
def segment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed 4 s segment (1 s GOP: four fragments) written by SegmentWriter from a PyAV clip."""
    folder = tmp_path_factory.mktemp("segment")
    clip = make_test_clip(folder / "clip.mp4", seconds=4.0, gop=25)
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        snapshot = snapshot_stream(stream)
        packets = [(p, bytes(p)) for p in container.demux(stream) if p.size]
    writer = SegmentWriter(partial_of(folder / "7_20250314-090000.mp4"), snapshot)
    timeline = SessionTimeline(snapshot.time_base)
    clock: SegmentClock | None = None
    for packet, data in packets:
        placed = timeline.place(packet.pts, packet.dts, packet.duration)
        clock = clock or SegmentClock(placed, snapshot.time_base)
        writer.write(clock.rebase(placed), data, bool(packet.is_keyframe))
    final, size = writer.close()
    assert final.name == "7_20250314-090000.mp4" and not writer.partial.exists() and size > 0
    return final


def test_closed_segment_is_whole_and_probes_right(segment: Path) -> None:
    layout = fragment_layout(segment)
    assert layout is not None and not layout.damaged and len(layout.fragments) == 4
    assert layout.fragments[-1][1] <= segment.stat().st_size  # a closed segment ends with its mfra index
    probe = probe_segment(segment)
    assert probe is not None
    assert (probe.frames, probe.duration_s, probe.codec) == (100, 4.0, "h264")
    assert (probe.width, probe.height, probe.starts_with_keyframe) == (640, 360, True)


def test_segment_torn_mid_fragment_is_trimmed_to_whole_fragments(segment: Path, tmp_path: Path) -> None:
    data = segment.read_bytes()
    partial = tmp_path / "7_20250314-090000.mp4.partial"
    partial.write_bytes(data[: int(len(data) * 0.6)])  # the kill came in the middle of the third GOP
    salvaged = salvage_partial(partial)
    assert salvaged is not None
    final, probe = salvaged
    assert final == tmp_path / "7_20250314-090000.mp4" and not partial.exists()
    assert probe.frames in (25, 50) and probe.starts_with_keyframe
    with av.open(str(final)) as container:  # plays to its end without a decoding error
        assert sum(1 for _ in container.decode(video=0)) == probe.frames


def test_segment_with_no_whole_fragment_is_removed_and_logged(
    segment: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = segment.read_bytes()
    header_only = tmp_path / "a.mp4.partial"
    header_only.write_bytes(data[: data.index(b"moof") + 100])  # moov, then a torn first fragment
    garbage = tmp_path / "b.mp4.partial"
    garbage.write_bytes(b"\x00\x00\x00\x08junk" * 3)
    with caplog.at_level(logging.WARNING):
        assert salvage_partial(header_only) is None
        assert salvage_partial(garbage) is None
    assert not header_only.exists() and not garbage.exists()
    assert caplog.text.count("nothing playable") == 2


def test_names_follow_the_layout_and_never_collide(tmp_path: Path) -> None:
    at = datetime(2025, 3, 14, 9, 5, 7, 250_000)
    first = new_segment_relpath(tmp_path, 7, at)
    assert first.as_posix() == "7/2025-03-14/7_20250314-090507.mp4"
    (tmp_path / first).parent.mkdir(parents=True)
    partial_of(tmp_path / first).touch()  # being written: taken too
    second = new_segment_relpath(tmp_path, 7, at)
    assert second.as_posix() == "7/2025-03-14/7_20250314-090507-1.mp4"
    assert started_at_from_name(tmp_path / second) == datetime(2025, 3, 14, 9, 5, 7)
    assert started_at_from_name(Path("notes.txt")) is None


def test_store_id_is_made_once_and_kept(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    first = store_id(root)
    assert len(first) == 32 and store_id(root) == first
    shutil.rmtree(root)
    assert store_id(root) != first  # a new, empty folder is a new store


def _fragment_starts(data: bytes) -> list[int]:
    """Offsets of the segment's moof boxes (the size field before each 'moof')."""
    starts, found = [], data.find(b"moof")
    while found != -1:
        starts.append(found - 4)
        found = data.find(b"moof", found + 1)
    return starts


def test_damaged_first_fragment_keeps_every_whole_fragment_after_it(segment: Path, tmp_path: Path) -> None:
    """A crash that damaged the first fragment's box once deleted the whole segment; the three whole
    fragments after it (3 s of picture) must be kept and play."""
    data = bytearray(segment.read_bytes())
    first, second = _fragment_starts(bytes(data))[:2]
    data[first : first + 8] = b"\xff" * 8  # the first fragment's box header is garbage
    data[first + 40 : second - 40] = bytes(second - first - 80)  # and most of its content zeroed
    partial = tmp_path / "7_20250314-090000.mp4.partial"
    partial.write_bytes(bytes(data[: len(data) - 200]))  # and the kill tore the last fragment
    salvaged = salvage_partial(partial)
    assert salvaged is not None
    final, probe = salvaged
    assert not partial.exists() and not (tmp_path / "7_20250314-090000.mp4.partial.salvage").exists()
    assert probe.frames == 50 and probe.starts_with_keyframe  # fragments 2 and 3; 4 was torn
    with av.open(str(final)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 50


def test_damage_between_fragments_is_skipped_and_the_rest_kept(segment: Path, tmp_path: Path) -> None:
    data = bytearray(segment.read_bytes())
    starts = _fragment_starts(bytes(data))
    data[starts[2] : starts[2] + 8] = b"\x00" * 8  # the third fragment's header is zeroed
    partial = tmp_path / "7_20250314-090000.mp4.partial"
    partial.write_bytes(bytes(data))
    salvaged = salvage_partial(partial)
    assert salvaged is not None and salvaged[1].frames == 75  # fragments 1, 2 and 4
