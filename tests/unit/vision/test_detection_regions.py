"""Detection regions: around live tracks and changed areas, merged cheaply; the worker detects only there."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box
from app.vision.detection_regions import ChangeDetector, RegionScanner, grow, merge_boxes, plan_regions
from app.vision.face_engine import FaceDetection

W, H = 640, 360


def frame(*squares: tuple[int, int, int]) -> npt.NDArray[np.uint8]:
    """A dark frame with bright squares (x, y, size)."""
    image = np.full((H, W, 3), 30, np.uint8)
    for x, y, size in squares:
        image[y : y + size, x : x + size] = 220
    return image


def test_grow_keeps_a_minimum_side_and_stays_in_the_frame() -> None:
    assert grow(Box(10, 10, 30, 30), 5, 5, W, H, min_side=112) == Box(0, 0, 112, 112)  # shifted in
    assert grow(Box(600, 300, 640, 360), 20, 20, W, H) == Box(560, 260, 640, 360)
    assert grow(Box(0, 0, W, H), 20, 20, W, H) == Box(0, 0, W, H)


def test_merge_joins_only_when_the_union_scans_no_more_than_the_parts() -> None:
    far = [Box(0, 0, 100, 100), Box(300, 0, 400, 100)]
    assert merge_boxes(far) == far
    nested = [Box(0, 0, 200, 200), Box(50, 50, 100, 100)]
    assert merge_boxes(nested) == [Box(0, 0, 200, 200)]
    stacked = [Box(0, 0, 100, 100), Box(0, 50, 100, 150)]  # union 15,000 ≤ 20,000
    assert merge_boxes(stacked) == [Box(0, 0, 100, 150)]
    diagonal = [Box(0, 0, 100, 100), Box(90, 90, 190, 190)]  # union 36,100 > 20,000: kept apart
    assert merge_boxes(diagonal) == diagonal


def test_plan_regions() -> None:
    assert plan_regions(W, H, [Box(0, 0, 10, 10)], None) is None  # nothing to compare with: whole frame
    assert plan_regions(W, H, [], []) == []  # no tracks, nothing changed: nothing to scan
    track = Box(100, 100, 180, 180)
    regions = plan_regions(W, H, [track], [Box(120, 120, 160, 160)])  # change inside the track's region
    assert regions == [Box(68, 68, 212, 212)]  # grown by 0.4 × 80 on each side
    changed = plan_regions(W, H, [], [Box(400, 200, 420, 220)])
    assert changed == [Box(354, 154, 466, 266)]  # grown to the 112 px minimum
    assert plan_regions(W, H, [], [Box(0, 0, 600, 300)]) is None  # most of the frame changed


def test_change_detector_finds_what_moved_and_ignores_flicker() -> None:
    changes = ChangeDetector()
    assert changes.changed_boxes(1, frame((100, 100, 80))) is None  # first frame of camera 1
    assert changes.changed_boxes(1, frame((100, 100, 80))) == []
    moved = changes.changed_boxes(1, frame((100, 100, 80), (400, 150, 80)))
    assert moved is not None and len(moved) == 1
    box = moved[0]
    assert box.left <= 400 and box.top <= 150 and box.right >= 480 and box.bottom >= 230
    assert changes.changed_boxes(2, frame()) is None  # cameras are compared with themselves only
    flicker = changes.changed_boxes(1, frame((100, 100, 80), (400, 150, 80), (600, 10, 8)))
    assert flicker == []  # one 8 px cell: noise or a clock digit, not a face
    assert changes.changed_boxes(1, np.zeros((180, 320, 3), np.uint8)) is None  # size changed


class RoiEngine:
    """Finds the bright squares inside `roi`, and records the rois it was asked to scan."""

    def __init__(self) -> None:
        self.rois: list[Box | None] = []

    def detect(
        self, image: npt.NDArray[np.uint8], upsample: int = 0, roi: Box | None = None
    ) -> list[FaceDetection]:
        self.rois.append(roi)
        area = roi or Box(0, 0, image.shape[1], image.shape[0])
        found = []
        for x, y in ((100, 100), (400, 150)):
            box = Box(x, y, x + 80, y + 80)
            inside = area.left <= box.left and area.top <= box.top
            if (
                inside
                and box.right <= area.right
                and box.bottom <= area.bottom
                and image[y + 5, x + 5, 0] > 128
            ):
                found.append(FaceDetection(box, 1.0, ()))
        return found


def test_the_scanner_scans_tracks_and_changes_and_the_whole_frame_when_asked() -> None:
    engine, scanner = RoiEngine(), RegionScanner()
    first = frame((100, 100, 80))
    faces, scanned = scanner.scan(engine, first, 7, ())
    assert engine.rois == [None] and scanned == 1.0 and len(faces) == 1  # nothing to compare with yet

    engine.rois.clear()
    second = frame((100, 100, 80), (400, 150, 80))  # a second face arrives; the first one stays still
    faces, scanned = scanner.scan(engine, second, 7, (Box(100, 100, 180, 180),))
    assert len(engine.rois) == 1 and engine.rois[0] is not None and engine.rois[0].left > 300
    assert sorted(f.box.left for f in faces) == [100, 400]  # the still one reported again, not scanned
    assert 0.0 < scanned < 0.2

    engine.rois.clear()
    tracks = (Box(100, 100, 180, 180), Box(400, 150, 480, 230))
    faces, scanned = scanner.scan(engine, second, 7, tracks)
    assert engine.rois == [] and scanned == 0.0 and len(faces) == 2  # nothing moved: no detector at all

    engine.rois.clear()
    faces, scanned = scanner.scan(engine, second, 7, tracks, full_frame=True)
    assert engine.rois == [None] and len(faces) == 2 and scanned == 1.0

    engine.rois.clear()
    third = frame((100, 100, 80))  # the second face leaves
    faces, scanned = scanner.scan(engine, third, 7, tracks)
    assert [f.box.left for f in faces] == [100] and len(engine.rois) == 1  # its region was scanned: gone


def test_a_moving_track_is_scanned_and_overlapping_regions_report_a_face_once() -> None:
    class Everywhere(RoiEngine):  # ignores roi, like the test fakes of the worker process
        def detect(
            self, image: npt.NDArray[np.uint8], upsample: int = 0, roi: Box | None = None
        ) -> list[FaceDetection]:
            self.rois.append(roi)
            return [FaceDetection(Box(104, 100, 184, 180), 1.0, ())]

    engine, scanner = Everywhere(), RegionScanner()
    scanner.scan(engine, frame((100, 100, 80)), 7, ())
    engine.rois.clear()
    tracks = (Box(100, 100, 180, 180), Box(300, 100, 380, 180))
    faces, _ = scanner.scan(engine, frame((104, 100, 80), (300, 100, 80)), 7, tracks)
    assert len(engine.rois) >= 2 and None not in engine.rois  # both tracks' regions changed
    assert [f.box for f in faces] == [Box(104, 100, 184, 180)]
