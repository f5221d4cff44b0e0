"""Timestamps of remuxed segments: missing pts, loops, jumps and repeated dts."""

from __future__ import annotations

from fractions import Fraction

from app.video.segment_timing import Placed, SegmentClock, SessionTimeline

TB = Fraction(1, 90000)  # RTSP's 90 kHz clock
FRAME = 3600  # 40 ms


def test_first_packets_without_timestamps_get_one_frame_interval_each() -> None:
    timeline = SessionTimeline(TB)
    placed = [timeline.place(None, None, None) for _ in range(3)]
    assert [p.dts for p in placed] == [0, FRAME, 2 * FRAME]
    # Then real timestamps arrive (RTCP sync): they continue from there, without a jump back.
    after = timeline.place(900_000, 900_000, FRAME)
    assert after.dts == 3 * FRAME and timeline.discontinuities == 1
    assert timeline.place(900_000 + FRAME, 900_000 + FRAME, FRAME).dts == 4 * FRAME


def test_missing_pts_takes_dts_and_missing_duration_the_frame_interval() -> None:
    timeline = SessionTimeline(TB)
    timeline.place(0, 0, FRAME)
    placed = timeline.place(None, FRAME, None)
    assert placed == Placed(FRAME, FRAME, FRAME)


def test_a_loop_back_to_zero_continues_one_frame_later() -> None:
    timeline = SessionTimeline(TB)
    for index in range(100):
        timeline.place(index * FRAME, index * FRAME, FRAME)
    looped = timeline.place(0, 0, FRAME)
    assert looped.dts == 100 * FRAME
    assert timeline.place(FRAME, FRAME, FRAME).dts == 101 * FRAME


def test_a_big_forward_jump_is_closed_but_a_short_gap_is_kept() -> None:
    timeline = SessionTimeline(TB)
    timeline.place(0, 0, FRAME)
    assert timeline.place(90000 * 3, 90000 * 3, FRAME).dts == 90000 * 3  # 3 s of lost packets: kept
    assert timeline.place(90000 * 60, 90000 * 60, FRAME).dts == 90000 * 3 + FRAME  # camera clock jump


def test_repeated_or_slightly_reordered_dts_stays_strictly_increasing() -> None:
    timeline = SessionTimeline(TB)
    first = timeline.place(FRAME, FRAME, FRAME)
    repeat = timeline.place(FRAME, FRAME, FRAME)
    earlier = timeline.place(FRAME - 100, FRAME - 100, FRAME)
    assert first.dts < repeat.dts < earlier.dts
    assert all(p.pts >= p.dts for p in (first, repeat, earlier))


def test_b_frames_keep_their_pts_after_dts() -> None:
    timeline = SessionTimeline(TB)
    placed = timeline.place(2 * FRAME, 0, FRAME)
    assert (placed.pts, placed.dts) == (2 * FRAME, 0)


def test_segment_clock_rebases_to_zero_and_measures_the_picture() -> None:
    timeline = SessionTimeline(TB)
    packets = [timeline.place(500_000 + i * FRAME, 500_000 + i * FRAME, FRAME) for i in range(50)]
    clock = SegmentClock(packets[0], TB)
    rebased = [clock.rebase(p) for p in packets]
    assert rebased[0] == Placed(0, 0, FRAME) and rebased[-1].dts == 49 * FRAME
    assert clock.frames == 50 and clock.duration == 2.0
    assert clock.elapsed(timeline.place(500_000 + 50 * FRAME, 500_000 + 50 * FRAME, FRAME)) == 2.0
