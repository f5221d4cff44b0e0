"""The Player on real recordings (frames carry their number): seeks, play, speeds, steps, gaps, sync."""

from __future__ import annotations

import dataclasses
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.playback.player import PlaybackProblem, PlaybackStatus, Player, PlayerFrame
from app.playback.segment_timeline import SegmentTimeline
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.rtsp_server import read_counter

FRAME = timedelta(milliseconds=40)


class Screen:
    """What the pane would see: every frame and status, in order, with when they came."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, PlayerFrame]] = []
        self.statuses: list[PlaybackStatus] = []
        self._cond = threading.Condition()

    def on_frame(self, frame: PlayerFrame) -> None:
        assert threading.current_thread().name == "playback"
        with self._cond:
            self.frames.append((time.monotonic(), frame))
            self._cond.notify_all()

    def on_status(self, status: PlaybackStatus) -> None:
        with self._cond:
            self.statuses.append(status)
            self._cond.notify_all()

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), f"timed out waiting for {what}"

    def wait_frames(self, count: int, timeout: float = 10.0) -> list[PlayerFrame]:
        self.wait(lambda: len(self.frames) >= count, timeout, f"{count} frames")
        return [f for _, f in self.frames]

    def counters(self, camera_id: int | None = None) -> list[int]:
        return [read_counter(f.image) for _, f in list(self.frames) if camera_id in (None, f.camera_id)]

    def seek(self, player: Player, at: datetime) -> PlayerFrame:
        """Seek and wait until the frame shown at `at` arrives; then forget everything before."""
        with self._cond:
            self.frames.clear()
        player.seek(at)
        self.wait(
            lambda: any(at - FRAME < f.wall_time <= at for _, f in self.frames), what=f"the frame at {at}"
        )
        time.sleep(0.05)  # let the other cameras' frames of that seek arrive too
        with self._cond:
            shown = self.frames[-1][1]
            self.frames.clear()
            self.statuses.clear()
        return shown

    def clear(self) -> None:
        with self._cond:
            self.frames.clear()
            self.statuses.clear()


@pytest.fixture
def screen() -> Screen:
    return Screen()


@pytest.fixture
def player(screen: Screen) -> Iterator[Player]:
    player = Player(screen.on_frame, screen.on_status)
    yield player
    player.close()


def test_seek_shows_the_exact_frame_and_a_burst_of_seeks_decodes_only_the_latest(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    timeline = recorded.timeline()
    player.set_timelines({7: timeline})
    screen.wait_frames(1)  # the first frame of the recordings, where a new timeline starts
    assert screen.frames[0][1].wall_time == recorded.frames[0].wall_time
    for frame in recorded.frames[7::23]:
        screen.clear()
        at = frame.wall_time + timedelta(milliseconds=13)
        player.seek(at)
        got = screen.wait_frames(1)[0]
        expected = recorded.frame_at(at)
        assert (got.wall_time, read_counter(got.image)) == (expected.wall_time, expected.counter)
        assert got.image.flags.c_contiguous and got.image.dtype.name == "uint8" and got.image.shape[2] == 3
        assert not got.keyframe_only
    screen.clear()
    targets = [recorded.frames[i].wall_time for i in range(0, len(recorded.frames), 3)]
    for at in targets:  # dragging the timeline: ~50 seeks within a millisecond or two
        player.seek(at)
    last = recorded.frame_at(targets[-1])
    screen.wait(lambda: any(f.wall_time == last.wall_time for _, f in screen.frames), what="the last seek")
    time.sleep(0.2)  # no stale seek lands later: the time is the point
    assert screen.frames[-1][1].wall_time == last.wall_time
    assert len(screen.frames) < len(targets) // 2, len(screen.frames)
    assert player.status.position == targets[-1] and not player.status.playing


def test_play_at_1x_crosses_segment_cuts_without_skipping_or_repeating(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    rows = recorded.recordings
    player.set_timelines({7: recorded.timeline()})
    start = rows[1].started_at - timedelta(seconds=0.6)
    screen.seek(player, start)
    player.play()
    screen.wait_frames(30, timeout=5)  # 1.2 s of picture, across the cut
    player.pause()
    counters = screen.counters()
    first = recorded.frame_at(start).counter
    assert counters[: len(counters)] == list(range(first + 1, first + 1 + len(counters))), counters
    walls = [f.wall_time for _, f in screen.frames]
    assert any(w < rows[1].started_at for w in walls) and any(w >= rows[1].started_at for w in walls)
    # At 1× the frames come at about real time (40 ms apart on average).
    times = [t for t, _ in screen.frames[:30]]
    assert 0.8 < (times[-1] - times[0]) / 29 / 0.04 < 2.0
    screen.wait(lambda: not player.status.playing, what="pause")


def test_16x_decodes_keyframes_only_and_keeps_up(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    rows = recorded.recordings
    timeline = recorded.timeline()
    player.set_timelines({7: timeline})
    player.set_speed(16.0)
    screen.seek(player, rows[0].started_at)
    began = time.monotonic()
    player.play()
    screen.wait(lambda: player.status.at_end, timeout=10, what="the end")
    elapsed = time.monotonic() - began
    assert timeline.start is not None and timeline.end is not None
    recorded_s = (timeline.end - timeline.start).total_seconds()
    assert elapsed < recorded_s / 16 * 3 + 0.5, elapsed  # about 16× real time
    keyframe_times = {r.started_at for r in rows}  # one GOP per segment: keyframes start them
    shown = [f for _, f in screen.frames]
    assert shown and all(f.keyframe_only for f in shown)
    assert {f.wall_time for f in shown} <= keyframe_times
    assert any(s.keyframes_only and s.playing for s in screen.statuses)
    assert player.status.speed == 16.0 and not player.status.playing


def test_a_step_while_playing_fast_pauses_on_the_exact_next_frame(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    player.set_timelines({7: recorded.timeline()})
    player.set_speed(4.0)
    screen.seek(player, recorded.recordings[0].started_at + timedelta(seconds=1))
    player.play()
    screen.wait(lambda: any(f.keyframe_only for _, f in screen.frames), what="a keyframe at 4×")
    player.step(+1)
    screen.wait(lambda: any(not f.keyframe_only for _, f in screen.frames), what="the stepped frame")
    frames = [f for _, f in screen.frames]
    stepped = next(i for i, f in enumerate(frames) if not f.keyframe_only)
    assert read_counter(frames[stepped].image) == read_counter(frames[stepped - 1].image) + 1
    screen.wait(lambda: not player.status.playing and not player.status.keyframes_only, what="paused")


def test_speed_steps_through_the_list(player: Player, screen: Screen) -> None:
    for _ in range(10):
        player.faster()
    screen.wait(lambda: player.status.speed == 16.0, what="16×")
    for _ in range(3):
        player.slower()
    screen.wait(lambda: player.status.speed == 2.0, what="2×")
    with pytest.raises(ValueError):
        player.set_speed(32.0)


def test_step_forward_and_back_across_a_cut(recorded: RecordedCamera, player: Player, screen: Screen) -> None:
    rows = recorded.recordings
    player.set_timelines({7: recorded.timeline()})
    first = read_counter(screen.seek(player, rows[1].started_at - timedelta(milliseconds=100)).image)
    for n in range(1, 7):
        player.step(+1)
        screen.wait_frames(n)
    for n in range(7, 13):
        player.step(-1)
        screen.wait_frames(n)
    counters = screen.counters()
    assert counters == [*range(first + 1, first + 7), *range(first + 5, first - 1, -1)], counters
    assert player.status.position == screen.frames[-1][1].wall_time and not player.status.playing
    screen.clear()
    player.step(+3)  # several frames at once
    assert read_counter(screen.wait_frames(1)[0].image) == first + 3


def test_jump_lands_on_the_exact_frame(recorded: RecordedCamera, player: Player, screen: Screen) -> None:
    player.set_timelines({7: recorded.timeline()})
    start = recorded.recordings[0].started_at + timedelta(seconds=0.5)
    screen.seek(player, start)
    player.jump(2.5)
    frames = screen.wait_frames(1)
    expected = recorded.frame_at(start + timedelta(seconds=2.5))
    assert read_counter(frames[-1].image) == expected.counter


def test_playback_jumps_over_a_recording_gap(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    rows = recorded.recordings
    holed = SegmentTimeline([rows[0], *rows[2:]], recorded.root)  # rows[1]'s 2 s are a gap
    player.set_timelines({7: holed})
    screen.seek(player, rows[1].started_at - timedelta(seconds=0.3))
    player.play()
    screen.wait(
        lambda: any(f.wall_time >= rows[2].started_at for _, f in screen.frames), what="after the gap"
    )
    player.pause()
    before = [(t, f) for t, f in screen.frames if f.wall_time < rows[1].started_at]
    after = [(t, f) for t, f in screen.frames if f.wall_time >= rows[2].started_at]
    assert before and after
    # The next recorded frame came about one frame period after the last one, not 2 s later.
    assert after[0][0] - before[-1][0] < 0.5
    assert after[0][1].wall_time == rows[2].started_at
    assert read_counter(after[0][1].image) == recorded.frame_at(rows[2].started_at).counter


def test_two_cameras_play_in_sync(recorded: RecordedCamera, player: Player, screen: Screen) -> None:
    # A second camera from the same files, its frames half a frame period later on the wall clock.
    shift = timedelta(milliseconds=20)
    other = [
        dataclasses.replace(r, camera_id=8, started_at=r.started_at + shift) for r in recorded.recordings
    ]
    player.set_timelines({7: recorded.timeline(), 8: SegmentTimeline(other, recorded.root)})
    start = recorded.recordings[0].started_at + timedelta(seconds=1)
    screen.seek(player, start)
    player.play()
    screen.wait_frames(60, timeout=5)
    player.pause()
    latest: dict[int, datetime] = {}
    for _, frame in list(screen.frames):
        latest[frame.camera_id] = frame.wall_time
        if len(latest) == 2:
            assert abs(latest[7] - latest[8]) <= FRAME, latest
    assert set(latest) == {7, 8}
    counts = {cid: len(screen.counters(cid)) for cid in (7, 8)}
    assert abs(counts[7] - counts[8]) <= 1, counts


def test_a_corrupt_segment_is_reported_and_skipped(
    recorded: RecordedCamera, player: Player, screen: Screen, tmp_path: Path
) -> None:
    rows = recorded.recordings
    root = tmp_path / "copy"
    shutil.copytree(recorded.root, root)
    (root / rows[1].path).write_bytes(b"\x00not an mp4 at all" * 1000)
    player.set_timelines({7: SegmentTimeline(rows, root)})
    player.set_speed(2.0)
    screen.seek(player, rows[1].started_at - timedelta(seconds=0.5))
    player.play()
    screen.wait(
        lambda: any(f.wall_time >= rows[2].started_at for _, f in screen.frames), what="the next segment"
    )
    player.pause()
    problems = [s for s in screen.statuses if s.problem is PlaybackProblem.SEGMENT_UNREADABLE]
    assert problems and rows[1].path in (problems[0].message or "")
    walls = [f.wall_time for _, f in screen.frames]
    assert not [w for w in walls if rows[1].started_at <= w < rows[2].started_at]
    counters = screen.counters()
    after = [
        c for (_, f), c in zip(screen.frames, counters, strict=True) if f.wall_time >= rows[2].started_at
    ]
    assert after == list(range(after[0], after[0] + len(after)))
    # A seek into the broken segment now shows a gap there.
    player.seek(rows[1].started_at + timedelta(seconds=1))
    screen.wait(lambda: player.status.in_gap == {7: True}, what="the gap")


def test_max_size_scales_frames_down(recorded: RecordedCamera, screen: Screen) -> None:
    player = Player(screen.on_frame, screen.on_status, max_size=(160, 160))
    try:
        player.set_timelines({7: recorded.timeline()})
        frame = screen.wait_frames(1)[0]
    finally:
        player.close()
    assert frame.image.shape == (90, 160, 3) and frame.image.flags.c_contiguous


def test_more_than_four_cameras_are_refused(recorded: RecordedCamera, player: Player) -> None:
    with pytest.raises(ValueError):
        player.set_timelines({i: recorded.timeline() for i in range(5)})


def test_seek_past_the_end_reports_at_end(recorded: RecordedCamera, player: Player, screen: Screen) -> None:
    timeline = recorded.timeline()
    assert timeline.end is not None
    player.set_timelines({7: timeline})
    player.seek(timeline.end + timedelta(seconds=3))
    screen.wait(lambda: player.status.at_end and player.status.in_gap == {7: True}, what="at end")
    player.play()
    time.sleep(0.2)  # and it does not start playing a moment later
    assert not player.status.playing


def test_after_a_playback_failure_steps_are_exact_again(
    recorded: RecordedCamera, player: Player, screen: Screen
) -> None:
    """A failure while playing fast pauses like `pause` does: out of keyframes-only decoding."""
    player.set_timelines({7: recorded.timeline()})
    player.set_speed(4.0)
    screen.seek(player, recorded.recordings[0].started_at + timedelta(seconds=1))
    advance = player._advance
    failed = threading.Event()

    def fail_once() -> None:
        if screen.frames and not failed.is_set():
            failed.set()
            raise RuntimeError("a decoder bug")
        advance()

    player._advance = fail_once  # type: ignore[method-assign]
    player.play()
    screen.wait(failed.is_set, what="the failure")
    screen.wait(lambda: not player.status.playing, what="stopped after the failure")
    assert not player.status.keyframes_only
    shown = read_counter(screen.frames[-1][1].image)
    screen.clear()
    player.step(+1)
    (stepped,) = screen.wait_frames(1)
    assert not stepped.keyframe_only
    assert read_counter(stepped.image) == shown + 1
