"""The latest-frame-wins slot: newest frame only, drops counted, safe across threads."""

from __future__ import annotations

import threading

import numpy as np

from app.video.latest_frame import LatestFrameSlot, PixelFormat, VideoFrameData


def _frame(sequence: int) -> VideoFrameData:
    return VideoFrameData(
        image=np.zeros((2, 4, 3), np.uint8),
        pixel_format=PixelFormat.RGB24,
        pts=sequence / 25,
        wallclock=0.0,
        monotonic=0.0,
        sequence=sequence,
        source_width=4,
        source_height=2,
    )


def test_take_returns_each_frame_once_and_peek_keeps_it() -> None:
    slot = LatestFrameSlot()
    assert slot.take() is None and slot.peek() is None and not slot.has_new
    assert slot.put(_frame(1)) is False
    assert slot.has_new
    taken = slot.take()
    assert taken is not None and taken.sequence == 1 and taken.width == 4 and taken.height == 2
    assert slot.take() is None
    peeked = slot.peek()
    assert peeked is not None and peeked.sequence == 1  # still there for a repaint


def test_overwritten_frames_are_dropped_and_counted() -> None:
    slot = LatestFrameSlot()
    slot.put(_frame(1))
    assert slot.put(_frame(2)) is True
    assert slot.put(_frame(3)) is True
    taken = slot.take()
    assert taken is not None and taken.sequence == 3
    slot.put(_frame(4))  # the previous one was taken: not a drop
    counters = slot.counters()
    assert (counters.written, counters.taken, counters.dropped) == (4, 1, 2)
    assert slot.dropped == 2


def test_clear_forgets_the_frame() -> None:
    slot = LatestFrameSlot()
    slot.put(_frame(1))
    slot.clear()
    assert slot.take() is None and slot.peek() is None


def test_concurrent_writer_and_readers_account_for_every_frame() -> None:
    slot = LatestFrameSlot()
    frames = [_frame(i) for i in range(1, 20_001)]
    seen: list[list[int]] = [[], []]
    done = threading.Event()

    def reader(index: int) -> None:
        while not done.is_set() or slot.has_new:
            frame = slot.take()
            if frame is not None:
                seen[index].append(frame.sequence)

    readers = [threading.Thread(target=reader, args=(i,)) for i in range(2)]
    for thread in readers:
        thread.start()
    for frame in frames:
        slot.put(frame)
    done.set()
    for thread in readers:
        thread.join(10)
    counters = slot.counters()
    taken = seen[0] + seen[1]
    assert counters.written == 20_000
    assert counters.taken == len(taken) == len(set(taken))  # nobody got the same frame twice
    assert counters.written == counters.taken + counters.dropped
    for sequences in seen:
        assert sequences == sorted(sequences)  # each reader sees frames in order
