"""Where to run the face detector in a frame: around live tracks and where the picture changed.

Why: HOG at 640×360 costs ~23 ms a frame on this hardware, and a classroom camera mostly looks at a
still room. Faces that are already tracked stay near their boxes between samples (1 s apart), and a
face that arrives (someone sits down, walks in) changes the picture where it arrives. So the worker
detects only inside (a) each live track's box grown by `track_margin` and (b) the areas whose
thumbnail changed since this camera's previous analysed frame, grown by `change_margin`. A track
whose region did not change at all is not scanned: its previous detection (same pixels, same face)
is reported again. When the regions cover most of the frame, or when there is nothing to compare
with, the whole frame is scanned; the coordinator also asks for a whole-frame scan every few
seconds per camera, which bounds how long a face that appeared without any visible change (rare:
HOG missed it before) can stay unseen.

Runs in the analysis worker process (app/vision/analysis_worker.py); OpenCV only: the face engine
is handed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from app.domain.observation import Box
from app.vision.face_engine import FaceDetection
from app.vision.face_track import iou

DUPLICATE_IOU = 0.5  # two detections overlapping this much are one face


@dataclass(frozen=True, slots=True)
class RegionSettings:
    cell: int = 8  # thumbnail = frame / cell: averaging 8×8 pixels hides compression noise
    diff_threshold: int = 12  # grey levels a thumbnail pixel must change by to count as motion
    track_margin: float = 0.4  # box sizes around a track; a head moving more makes a change region
    change_margin: int = 24  # px around a changed area (a blob that brings a face covers most of it)
    min_change_cells: int = 24  # smaller blobs are noise or clock digits; a face (≥ 9 cells) is bigger
    min_side: int = 112  # HOG's 80 px window plus its pyramid padding
    full_frame_fraction: float = 0.6  # regions covering more than this: scanning everything is simpler


def grow(box: Box, dx: int, dy: int, width: int, height: int, min_side: int = 0) -> Box:
    """`box` grown by dx/dy on each side and to at least `min_side`, shifted (not cut) at the frame's
    edges so that a face in a corner still gets a region HOG's window fits in."""
    left, top, right, bottom = box.left - dx, box.top - dy, box.right + dx, box.bottom + dy
    if right - left < min_side:
        extra = (min_side - (right - left) + 1) // 2
        left, right = left - extra, right + extra
    if bottom - top < min_side:
        extra = (min_side - (bottom - top) + 1) // 2
        top, bottom = top - extra, bottom + extra
    left, right = _shift_inside(left, right, width)
    top, bottom = _shift_inside(top, bottom, height)
    return Box(left, top, right, bottom)


def _shift_inside(low: int, high: int, limit: int) -> tuple[int, int]:
    if low < 0:
        low, high = 0, high - low
    if high > limit:
        low, high = low - (high - limit), limit
    return max(0, low), min(limit, high)


def _bounding(a: Box, b: Box) -> Box:
    return Box(min(a.left, b.left), min(a.top, b.top), max(a.right, b.right), max(a.bottom, b.bottom))


def _inside(inner: Box, outer: Box) -> bool:
    return (
        outer.left <= inner.left
        and outer.top <= inner.top
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


def merge_boxes(boxes: Iterable[Box]) -> list[Box]:
    """Boxes merged into their bounding box where that scans no more pixels than the two apart;
    other overlaps are kept (the worker drops the duplicate detections) so that two neighbouring
    faces do not turn into one wide band that scans the desks between them."""
    merged = [b for b in boxes if b.area > 0]
    changed = True
    while changed:
        changed = False
        result: list[Box] = []
        for box in merged:
            for index, other in enumerate(result):
                union = _bounding(box, other)
                if union.area <= box.area + other.area or _inside(box, other) or _inside(other, box):
                    result[index] = union
                    changed = True
                    break
            else:
                result.append(box)
        merged = result
    return sorted(merged, key=lambda b: (b.top, b.left))


def plan_regions(
    width: int,
    height: int,
    track_boxes: Sequence[Box],
    changed_boxes: Sequence[Box] | None,
    settings: RegionSettings | None = None,
) -> list[Box] | None:
    """The regions to detect in, or None for the whole frame (`changed_boxes` None: no reference)."""
    s = settings or RegionSettings()
    if changed_boxes is None:
        return None
    regions = [
        grow(
            b,
            round(b.width * s.track_margin),
            round(b.height * s.track_margin),
            width,
            height,
            s.min_side,
        )
        for b in track_boxes
    ]
    for changed in changed_boxes:
        if not any(_inside(changed, region) for region in regions[: len(track_boxes)]):
            regions.append(grow(changed, s.change_margin, s.change_margin, width, height, s.min_side))
    merged = merge_boxes(regions)
    if _covered_area(merged, width, height) > s.full_frame_fraction * width * height:
        return None
    return merged


def _covered_area(boxes: Sequence[Box], width: int, height: int) -> int:
    """Pixels inside at least one box (boxes may overlap)."""
    if not boxes:
        return 0
    mask = np.zeros((height, width), np.uint8)
    for b in boxes:
        mask[b.top : b.bottom, b.left : b.right] = 1
    return int(mask.sum())


def scanned_fraction(boxes: Sequence[Box], width: int, height: int) -> float:
    return _covered_area(boxes, width, height) / float(width * height)


class ChangeDetector:
    """Per camera: the areas whose thumbnail changed since that camera's previous frame."""

    def __init__(self, settings: RegionSettings | None = None) -> None:
        self.settings = settings or RegionSettings()
        self._previous: dict[int, npt.NDArray[np.uint8]] = {}

    def forget(self, camera_id: int) -> None:
        self._previous.pop(camera_id, None)

    def changed_boxes(self, camera_id: int, image_rgb: npt.NDArray[np.uint8]) -> list[Box] | None:
        """Changed areas in frame pixels; None when there is no previous frame of the same size."""
        cell = self.settings.cell
        height, width = image_rgb.shape[:2]
        small_size = (max(1, width // cell), max(1, height // cell))
        grey = cv2.cvtColor(image_rgb, cv2.COLOR_RGB2GRAY)
        thumbnail: npt.NDArray[np.uint8] = np.asarray(
            cv2.resize(grey, small_size, interpolation=cv2.INTER_AREA), dtype=np.uint8
        )
        previous = self._previous.get(camera_id)
        self._previous[camera_id] = thumbnail
        if previous is None or previous.shape != thumbnail.shape:
            return None
        moved = (cv2.absdiff(thumbnail, previous) > self.settings.diff_threshold).astype(np.uint8)
        if not moved.any():
            return []
        joined = cv2.dilate(moved, np.ones((3, 3), np.uint8))  # join the speckles of one moving head
        count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        sx, sy = width / small_size[0], height / small_size[1]
        boxes = []
        for left, top, w, h, area in stats[1:count]:
            if area < self.settings.min_change_cells:
                continue
            boxes.append(
                Box(
                    int(left * sx),
                    int(top * sy),
                    min(width, int(np.ceil((left + w) * sx))),
                    min(height, int(np.ceil((top + h) * sy))),
                )
            )
        return boxes


class RegionScanner:
    """Detects a camera's faces where they can have changed; per-camera state lives between samples.

    `scan(engine, image, camera_id, track_boxes, full_frame=False, upsample=0)` returns the faces and
    the fraction of the frame the engine scanned (1.0: whole frame; 0.0: nothing moved, every face
    reported again from the previous sample)."""

    def __init__(self, settings: RegionSettings | None = None) -> None:
        self.settings = settings or RegionSettings()
        self.changes = ChangeDetector(self.settings)
        self._last: dict[int, list[FaceDetection]] = {}

    def scan(
        self,
        engine: Any,
        image: npt.NDArray[np.uint8],
        camera_id: int,
        track_boxes: Sequence[Box],
        *,
        full_frame: bool = False,
        upsample: int = 0,
    ) -> tuple[list[FaceDetection], float]:
        height, width = image.shape[:2]
        changed = self.changes.changed_boxes(camera_id, image)
        kept: list[FaceDetection] = []
        regions: list[Box] | None = None
        if not full_frame and changed is not None:
            to_scan: list[Box] = []
            previous = self._last.get(camera_id, [])
            for box in track_boxes:
                same = self._unchanged(box, changed, previous, width, height)
                if same is None:
                    to_scan.append(box)
                elif all(same is not k for k in kept):
                    kept.append(same)
            regions = plan_regions(width, height, to_scan, changed, self.settings)
        if regions is None:
            found, scanned = list(engine.detect(image, upsample)), 1.0
        else:
            found = list(kept)
            for region in regions:
                for det in engine.detect(image, upsample, region):
                    # Regions may overlap (and an engine may ignore `roi`, as fakes do): one face once.
                    if all(iou(det.box, other.box) < DUPLICATE_IOU for other in found):
                        found.append(det)
            scanned = scanned_fraction(regions, width, height)
        self._last[camera_id] = found
        return found, scanned

    def _unchanged(
        self, track: Box, changed: Sequence[Box], previous: Sequence[FaceDetection], width: int, height: int
    ) -> FaceDetection | None:
        """The previous detection of this track when nothing changed around it, else None."""
        margin = self.settings.track_margin
        region = grow(track, round(track.width * margin), round(track.height * margin), width, height)
        if any(_overlaps(region, c) for c in changed):
            return None
        return next((d for d in previous if iou(d.box, track) >= DUPLICATE_IOU), None)


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom
