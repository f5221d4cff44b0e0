"""Frame taps: one conversion to the target size and format, rate limits, robust callbacks."""

from __future__ import annotations

import logging

import av
import numpy as np
import pytest

from app.video.frame_output import FrameTap, fit_size
from app.video.latest_frame import PixelFormat
from app.video.qimage_bridge import qimage_from_frame


def _video_frame(width: int = 640, height: int = 360) -> av.VideoFrame:
    rgb = np.zeros((height, width, 3), np.uint8)
    rgb[..., 0] = 200  # red
    return av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")


@pytest.mark.parametrize(
    ("source", "box", "fitted"),
    [
        ((1920, 1080), (400, 400), (400, 224)),
        ((640, 480), (320, 180), (240, 180)),
        ((640, 360), (1, 1), (2, 2)),
    ],
)
def test_fit_size(source: tuple[int, int], box: tuple[int, int], fitted: tuple[int, int]) -> None:
    assert fit_size(source, box) == fitted


def test_fit_size_rejects_empty_sizes() -> None:
    with pytest.raises(ValueError):
        fit_size((0, 10), (10, 10))


def test_publish_converts_once_to_the_target_size() -> None:
    calls: list[str] = []
    tap = FrameTap("display", target_size=(333, 187), on_frame=calls.append)
    tap.publish("cam", _video_frame(), pts=1.5, keyframe=True)
    frame = tap.slot.take()
    assert frame is not None
    assert frame.image.shape == (187, 333, 3) and frame.image.flags["C_CONTIGUOUS"]
    assert frame.image.dtype == np.uint8
    assert (frame.source_width, frame.source_height, frame.pts, frame.keyframe) == (640, 360, 1.5, True)
    assert frame.sequence == 1 and calls == ["cam"]
    assert abs(int(frame.image[90, 160, 0]) - 200) < 8  # still red after YUV and scaling


def test_bgra_frames_become_rgb32_qimages() -> None:
    tap = FrameTap("display", target_size=(64, 36), pixel_format=PixelFormat.BGRA)
    tap.publish("cam", _video_frame(), pts=None, keyframe=False)
    frame = tap.slot.take()
    assert frame is not None and frame.image.shape == (36, 64, 4)
    image = qimage_from_frame(frame)
    assert (image.width(), image.height()) == (64, 36)
    color = image.pixelColor(10, 10)
    assert abs(color.red() - 200) < 8 and color.green() < 10 and color.blue() < 10


def test_rgb24_qimage() -> None:
    tap = FrameTap("display", target_size=(65, 37))  # odd width: rows are not 4-byte aligned
    tap.publish("cam", _video_frame(), pts=None, keyframe=False)
    frame = tap.slot.take()
    assert frame is not None
    color = qimage_from_frame(frame).pixelColor(64, 36)
    assert abs(color.red() - 200) < 8 and color.green() < 10


def test_no_target_size_keeps_the_decoded_size_and_size_can_change() -> None:
    tap = FrameTap("display")
    tap.publish("cam", _video_frame(320, 240), pts=None, keyframe=False)
    first = tap.slot.take()
    assert first is not None and first.image.shape == (240, 320, 3)
    tap.target_size = (160, 90)
    tap.publish("cam", _video_frame(320, 240), pts=None, keyframe=False)
    second = tap.slot.take()
    assert second is not None and second.image.shape == (90, 160, 3) and second.sequence == 2
    with pytest.raises(ValueError):
        tap.target_size = (0, 90)


def test_max_fps_limits_what_a_tap_wants() -> None:
    tap = FrameTap("analysis", max_fps=2)
    assert tap.due(100.0)
    tap.publish("cam", _video_frame(64, 36), pts=None, keyframe=False)
    last = tap.slot.peek()
    assert last is not None
    assert not tap.due(last.monotonic + 0.2) and tap.due(last.monotonic + 0.5)
    assert FrameTap("display").due(0.0)
    tap.max_fps = 10  # set by another thread: the next frame is due sooner
    assert tap.max_fps == pytest.approx(10) and tap.due(last.monotonic + 0.2)
    tap.max_fps = None
    assert tap.max_fps is None and tap.due(last.monotonic)
    with pytest.raises(ValueError):
        tap.max_fps = 0


def test_a_failing_callback_is_logged_once_and_does_not_stop_publishing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(stream_id: str) -> None:
        raise RuntimeError("consumer bug")

    tap = FrameTap("display", target_size=(32, 18), on_frame=broken)
    with caplog.at_level(logging.ERROR):
        for _ in range(3):
            tap.publish("cam", _video_frame(64, 36), pts=None, keyframe=False)
    assert tap.slot.counters().written == 3
    assert len([r for r in caplog.records if "on_frame callback" in r.getMessage()]) == 1
