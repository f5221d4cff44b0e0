"""A photo larger than a photo may be is refused from its header, before any decoder allocates it
(issue 14, item 8: a 30000×30000 PNG took 5.4 GB in the photo scorer)."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.review.photo_scoring import read_rgb as scorer_read_rgb
from app.review.review_images import _load
from app.vision.enrolment import read_rgb
from app.vision.image_header import MAX_IMAGE_PIXELS, decode_refusal, image_dimensions
from tests.helpers.large_images import decode_in_child, write_blank_png


@pytest.mark.parametrize("extension", [".png", ".jpg", ".bmp", ".webp"])
def test_dimensions_come_from_the_header(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"photo{extension}"
    cv2.imwrite(str(path), np.full((37, 53, 3), 90, np.uint8))
    assert image_dimensions(path) == (53, 37)
    assert decode_refusal(path) is None


def test_a_jpeg_with_a_large_exif_block_before_its_frame_header(tmp_path: Path) -> None:
    ok, encoded = cv2.imencode(".jpg", np.zeros((20, 30, 3), np.uint8))
    assert ok
    data = encoded.tobytes()
    app1 = b"\xff\xe1" + struct.pack(">H", 60002) + b"Exif\x00\x00" + bytes(59994)
    path = tmp_path / "exif.jpg"
    path.write_bytes(data[:2] + app1 + data[2:])
    assert image_dimensions(path) == (30, 20)


def test_a_30000_square_png_is_refused_with_its_size_in_words(tmp_path: Path) -> None:
    path = write_blank_png(tmp_path / "huge.png", 30000, 30000)
    assert path.stat().st_size < 8 << 20  # a small file: the danger is in the header
    reason = decode_refusal(path)
    assert reason is not None and "30000×30000" in reason and "900 megapixels" in reason
    assert read_rgb(path) is None
    assert scorer_read_rgb(str(path)) is None


def test_garbage_and_cut_short_headers_are_refused_not_decoded(tmp_path: Path) -> None:
    garbage = tmp_path / "photo.jpg"
    garbage.write_bytes(b"not an image at all")
    assert decode_refusal(garbage) == "not a JPEG, PNG, BMP, GIF or WebP image, or its header is damaged"
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(b"\xff\xd8\xff\xe1\x10")
    assert decode_refusal(cut) is not None
    assert decode_refusal(tmp_path / "not-there.jpg") is None  # missing is the caller's case


def test_the_review_view_does_not_decode_an_oversized_photo(tmp_path: Path) -> None:
    side = int(MAX_IMAGE_PIXELS**0.5) + 100  # over the console's limit, under Qt's own 256 MB
    path = write_blank_png(tmp_path / "big.png", side, side)
    image, _factor = _load(str(path), 520)
    assert image.isNull()


@pytest.mark.slow
def test_reading_an_oversized_photo_costs_no_memory(tmp_path: Path) -> None:
    """Peak RSS of a fresh process reading a 12000×12000 PNG: ~0.9 GB when decoded (today's code
    before the header check), the interpreter's own size after."""
    path = write_blank_png(tmp_path / "big.png", 12000, 12000)
    result = decode_in_child(path)
    grown_mb = (int(result["peak_kb"]) - int(result["before_kb"])) / 1024  # type: ignore[call-overload]
    print(f"read_rgb on 12000×12000: peak RSS grew by {grown_mb:.0f} MB")
    assert result["decoded"] is False
    assert grown_mb < 50
