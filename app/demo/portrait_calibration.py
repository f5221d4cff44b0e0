"""Calibration on the demo's synthetic portraits: enrolment photos against genuine captures.

Photo scoring (app/review/photo_scoring_worker.py) falls back to it when the demo workspace is still
uncalibrated after waiting for the enrolment process's classroom calibration
(app/demo/classroom_calibration.py). dlib's default 0.6 would let every synthetic impostor pass.
Runs dlib in the calling thread.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.demo.photos import write_capture_photo, write_enrolment_photo
from app.vision.calibration import (
    DEFAULT_TARGET_FMR,
    CalibrationResult,
    Cancelled,
    Progress,
    calibrate_folder,
)
from app.vision.face_engine import FaceEngine


def write_demo_calibration_set(
    media_dir: Path, identities: int = 12, captures_per_identity: int = 3, seed: int = 20250
) -> Path:
    """Render (once; files are kept) a labelled set of synthetic faces under media_dir/calibration."""
    rng = np.random.default_rng(seed)
    root = Path(media_dir) / "calibration"
    for index in range(identities):
        face_seed = int(rng.integers(0, 2**31))
        name = f"id{index:03d}_{face_seed}"
        enrolment = root / "enrolled" / f"{name}.jpg"
        if not enrolment.exists():
            write_enrolment_photo(enrolment, face_seed)
        for capture in range(captures_per_identity):
            variation = int(rng.integers(0, 2**31))
            path = root / "probes" / name / f"capture_{capture}.jpg"
            if not path.exists():
                write_capture_photo(path, face_seed, variation, "genuine")
    return root


def calibrate_demo(
    media_dir: Path,
    engine: FaceEngine | None = None,
    target_fmr: float = DEFAULT_TARGET_FMR,
    *,
    identities: int = 12,
    captures_per_identity: int = 3,
    upsample: int = 1,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CalibrationResult:
    """Calibrate on the demo's synthetic faces (enrolment photo vs genuine captures; impostors = others)."""
    if engine is None:
        from app.vision.face_engine import DlibFaceEngine

        engine = DlibFaceEngine()
    folder = write_demo_calibration_set(media_dir, identities, captures_per_identity)
    return calibrate_folder(
        engine, folder, target_fmr, upsample=upsample, progress=progress, cancelled=cancelled
    )
