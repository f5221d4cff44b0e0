"""Exact-frame seeking and stepping on real recordings (frames carry their number)."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest

from app.playback.frame_seeker import FrameSeeker, NoFrameError
from app.playback.segment_timeline import SegmentTimeline
from tests.helpers.recorded_camera import RecordedCamera
from tests.helpers.rtsp_server import read_counter

US = timedelta(microseconds=1)


def test_timeline_maps_times_to_segments_and_gaps(recorded: RecordedCamera) -> None:
    timeline = recorded.timeline()
    rows = recorded.recordings
    start, end = timeline.start, timeline.end
    assert start == rows[0].started_at and end is not None
    for previous, following in itertools.pairwise(rows):
        position = timeline.locate(following.started_at)
        assert position is not None and position.recording.id == following.id and position.offset_s == 0
        before = timeline.locate(following.started_at - US)
        assert before is not None and before.recording.id == previous.id
        assert timeline.next_segment(previous) == following
        assert timeline.previous_segment(following) == previous
    assert timeline.locate(start - US) is None and timeline.locate(end) is None
    assert timeline.previous_segment(rows[0]) is None and timeline.next_segment(rows[-1]) is None
    assert [r.id for r in timeline.overlapping(rows[1].started_at, rows[1].started_at + US)] == [rows[1].id]
    outer = (start - timedelta(seconds=5), end + timedelta(seconds=5))
    assert timeline.coverage(*outer) == [(start, end)]
    assert timeline.gaps(*outer) == [(outer[0], start), (end, outer[1])]
    # A hole in the recordings shows as a gap and seeks into it find nothing.
    holed = SegmentTimeline([rows[0], *rows[2:]], recorded.root)
    assert holed.gaps(start, end) == [(rows[1].started_at, rows[2].started_at)]
    assert holed.locate(rows[1].started_at + timedelta(seconds=1)) is None


def test_seek_lands_on_the_frame_shown_at_that_moment(recorded: RecordedCamera) -> None:
    timeline = recorded.timeline()
    start, end = timeline.start, timeline.end
    assert start is not None and end is not None
    rng = random.Random(20261129)
    span_us = int((end - start) / US)
    moments = [start + timedelta(microseconds=rng.randrange(span_us)) for _ in range(25)]
    for row in recorded.recordings[1:]:  # just before, at and just after each cut
        moments += [row.started_at - US, row.started_at, row.started_at + US, row.started_at + 41 * US * 1000]
    for frame in rng.sample(recorded.frames, 10):  # exactly on a frame, and a microsecond before it
        moments += [frame.wall_time, frame.wall_time - US]
    moments += [start, end - US]
    with FrameSeeker(timeline) as seeker:
        for at in moments:
            expected = recorded.frame_at(at)
            got = seeker.seek(at)
            assert (got.segment_id, got.pts) == (expected.segment_id, expected.pts), at
            assert got.wall_time == expected.wall_time <= at
            assert read_counter(got.image) == expected.counter, at
            assert got.image.ndim == 3 and got.image.shape[2] == 3
        with pytest.raises(NoFrameError):
            seeker.seek(end + timedelta(seconds=1))


def test_stepping_crosses_segment_cuts_without_a_gap(recorded: RecordedCamera) -> None:
    rows = recorded.recordings
    cut = rows[1].started_at
    with FrameSeeker(recorded.timeline()) as seeker:
        first = seeker.seek(cut - timedelta(milliseconds=100))
        assert first.segment_id == rows[0].id
        counters = [read_counter(first.image)]
        segments = [first.segment_id]
        for _ in range(8):
            step = seeker.step_forward()
            counters.append(read_counter(step.image))
            segments.append(step.segment_id)
        assert counters == list(range(counters[0], counters[0] + 9)), counters
        assert rows[0].id in segments and rows[1].id in segments
        # And back again, across the cut the other way.
        backwards = [counters[-1]]
        for _ in range(8):
            backwards.append(read_counter(seeker.step_back().image))
        assert backwards == counters[::-1], backwards
        assert seeker.current is not None and seeker.current.segment_id == rows[0].id


def test_step_back_and_forward_match_the_recorded_frames(recorded: RecordedCamera) -> None:
    frames = recorded.frames
    with FrameSeeker(recorded.timeline()) as seeker:
        seeker.seek(frames[37].wall_time)
        assert (seeker.step_back().pts, seeker.step_back().pts) == (frames[36].pts, frames[35].pts)
        assert read_counter(seeker.step_forward().image) == frames[36].counter
        seeker.seek(frames[0].wall_time)
        with pytest.raises(NoFrameError):
            seeker.step_back()
        seeker.seek(frames[-1].wall_time)
        with pytest.raises(NoFrameError):
            seeker.step_forward()


def test_a_random_walk_of_steps_matches_the_recorded_frames(recorded: RecordedCamera) -> None:
    """Steps back are served from the decoded frames kept behind the current one, forward ones from
    them or the decoder: every position must still be the recorded frame, across cuts and refills."""
    frames = recorded.frames
    rng = random.Random(7)
    index = len(frames) // 2
    with FrameSeeker(recorded.timeline(), max_size=(320, 180)) as seeker:
        seeker.seek(frames[index].wall_time)
        for _ in range(400):
            forward = rng.random() < 0.45 if index > 0 else True
            if index == len(frames) - 1:
                forward = False
            got = seeker.step_forward() if forward else seeker.step_back()
            index += 1 if forward else -1
            assert (got.segment_id, got.pts) == (frames[index].segment_id, frames[index].pts), index
            assert read_counter(got.image) == frames[index].counter
