"""Calibration on faces as the classroom cameras see them: the demo's synthetic classroom clips.

Portrait-vs-portrait calibration (portrait_calibration.calibrate_demo) measures genuine distances around 0.2;
a 640-px analysis frame shows front-row faces about 70 px wide, and their embeddings sit further
from the enrolment photo (measured here: genuine median ≈0.32, 95th percentile ≈0.45; impostors
from ≈0.34, 5th percentile ≈0.40). A threshold chosen on portraits would call most real learners
strangers. This renders short clips with known people in the front row, embeds every detected face
of a few frames, and calibrates enrolment-photo-vs-classroom-face distances.

Runs dlib in the calling thread: the enrolment process, the calibration dialog's worker, a bench.
"""

from __future__ import annotations

import random
from pathlib import Path

import av
import numpy as np

from app.vision.calibration import CalibrationResult, Cancelled, Progress, calibrate_distances
from app.vision.enrolment import embed_photo, read_rgb
from app.vision.face_engine import FaceEngine, distance

DEMO_CLASSROOM_TARGET_FMR = 0.05  # synthetic faces at 70 px overlap: 0.1 % would reject most learners
_SEAT_X = (100.0, 250.0, 390.0, 540.0)  # front-row seat centres at 640 px (app.demo.classroom_video)


def calibrate_demo_classroom(
    media_dir: Path,
    engine: FaceEngine | None = None,
    target_fmr: float = DEMO_CLASSROOM_TARGET_FMR,
    *,
    clips: int = 3,
    frames_per_clip: int = 5,
    seed: int = 20251,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CalibrationResult:
    from app.demo.classroom_video import make_classroom_clip
    from app.demo.photos import write_enrolment_photo

    if engine is None:
        from app.vision.face_engine import DlibFaceEngine

        engine = DlibFaceEngine()
    rng = random.Random(seed)
    seeds = [rng.randrange(2**31) for _ in range(4 * clips)]
    root = Path(media_dir) / "calibration" / "classroom"
    total = len(seeds) + clips
    done = 0
    enrolled = []
    for face_seed in seeds:
        if cancelled is not None and cancelled():
            raise InterruptedError("calibration cancelled")
        photo = root / "enrolled" / f"{face_seed}.jpg"
        if not photo.exists():
            write_enrolment_photo(photo, face_seed)
        image = read_rgb(photo)
        vector = embed_photo(engine, image)[0] if image is not None else None
        enrolled.append(vector)
        done += 1
        if progress is not None:
            progress(done, total)
    genuine: list[float] = []
    impostor: list[float] = []
    unusable = [str(s) for s, v in zip(seeds, enrolled, strict=True) if v is None]
    for k in range(clips):
        if cancelled is not None and cancelled():
            raise InterruptedError("calibration cancelled")
        front = seeds[4 * k : 4 * k + 4]
        clip = root / f"clip_{k}_{seed}.mp4"
        if not clip.exists():
            make_classroom_clip(clip, seed + k, seconds=2, seats=[*front, *[None] * 9], label="CALIBRATION")
        with av.open(str(clip)) as container:
            decoded = container.decode(video=0)
            frames = [np.asarray(f.to_ndarray(format="rgb24"), dtype=np.uint8) for f in decoded]
        step = max(1, len(frames) // frames_per_clip)
        for frame in frames[::step][:frames_per_clip]:
            for detection in engine.detect(frame, upsample=0):
                centre = (detection.box.left + detection.box.right) / 2 * 640 / frame.shape[1]
                seat = min(range(4), key=lambda i: abs(_SEAT_X[i] - centre))
                vector = engine.embed(frame, detection)
                for index, reference in enumerate(enrolled):
                    if reference is None:
                        continue
                    (genuine if index == 4 * k + seat else impostor).append(distance(vector, reference))
        done += 1
        if progress is not None:
            progress(done, total)
    return calibrate_distances(
        genuine,
        impostor,
        target_fmr,
        engine_id=engine.engine_id,
        identities=len(seeds),
        unusable=unusable,
    )
