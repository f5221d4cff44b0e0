"""Why a capture file cannot be read, and when the scorer stops waiting for it (issue 14, item 7)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from app.demo.photos import write_capture_photo
from app.review.photo_readability import Unreadable, UnreadablePolicy, file_problem


@pytest.fixture
def jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "capture.jpg"
    write_capture_photo(path, 101, 7, "genuine")
    return path


def test_an_intact_jpeg_has_no_problem(jpeg: Path) -> None:
    assert file_problem(jpeg) is None


def test_each_kind_of_unreadable_file_is_told_apart(tmp_path: Path, jpeg: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(random.Random(7).randbytes(4000))
    text = tmp_path / "note.jpg"
    text.write_text("not a photo\n")
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(jpeg.read_bytes()[: jpeg.stat().st_size * 2 // 5])
    assert file_problem(tmp_path / "never-written.jpg") is Unreadable.MISSING
    assert file_problem(empty) is Unreadable.EMPTY
    assert file_problem(garbage) is Unreadable.NOT_AN_IMAGE
    assert file_problem(text) is Unreadable.NOT_AN_IMAGE
    assert file_problem(truncated) is Unreadable.DAMAGED
    assert file_problem(tmp_path) is Unreadable.NOT_AN_IMAGE  # a folder where the photo should be


def test_a_truncated_png_is_damaged(tmp_path: Path) -> None:
    import cv2
    import numpy as np

    path = tmp_path / "capture.png"
    cv2.imwrite(str(path), np.full((64, 64, 3), 128, dtype=np.uint8))
    assert file_problem(path) is None
    path.write_bytes(path.read_bytes()[:-20])
    assert file_problem(path) is Unreadable.DAMAGED


def test_a_missing_file_is_flagged_only_after_enough_passes_and_time(tmp_path: Path) -> None:
    policy = UnreadablePolicy(missing_grace_s=3600.0, missing_checks=3)
    path = tmp_path / "away.jpg"
    assert not policy.give_up(1, path, Unreadable.MISSING, now=0.0)
    assert not policy.give_up(1, path, Unreadable.MISSING, now=10.0)
    assert not policy.give_up(1, path, Unreadable.MISSING, now=3599.0)  # three passes, not an hour yet
    assert policy.give_up(1, path, Unreadable.MISSING, now=3600.0)
    # Three passes in quick succession after a long wait are not enough on their own either.
    other = UnreadablePolicy(missing_grace_s=3600.0, missing_checks=3)
    assert not other.give_up(2, path, Unreadable.MISSING, now=0.0)
    assert not other.give_up(2, path, Unreadable.MISSING, now=4000.0)
    assert other.give_up(2, path, Unreadable.MISSING, now=4000.5)


def test_a_file_that_came_back_starts_its_wait_again(tmp_path: Path) -> None:
    policy = UnreadablePolicy(missing_grace_s=100.0, missing_checks=2)
    path = tmp_path / "share.jpg"
    assert not policy.give_up(1, path, Unreadable.MISSING, now=0.0)
    policy.found(1)
    assert not policy.give_up(1, path, Unreadable.MISSING, now=150.0)
    assert not policy.give_up(1, path, Unreadable.MISSING, now=200.0)
    assert policy.give_up(1, path, Unreadable.MISSING, now=250.0)


def test_a_damaged_file_still_being_written_waits(tmp_path: Path, jpeg: Path) -> None:
    policy = UnreadablePolicy(settle_s=60.0)
    partial = tmp_path / "downloading.jpg"
    partial.write_bytes(jpeg.read_bytes()[:3000])
    assert not policy.give_up(1, partial, Unreadable.DAMAGED)  # written just now: maybe not finished
    an_hour_ago = time.time() - 3600
    os.utime(partial, (an_hour_ago, an_hour_ago))
    assert policy.give_up(1, partial, Unreadable.DAMAGED)


def test_a_photo_larger_than_a_photo_may_be_is_told_apart_from_a_damaged_one(tmp_path: Path) -> None:
    """A 30000×30000 PNG is intact but never decoded: the review must not call it damaged."""
    from tests.helpers.large_images import write_blank_png

    huge = write_blank_png(tmp_path / "huge.png", 30000, 30000)
    assert file_problem(huge) is Unreadable.TOO_LARGE
