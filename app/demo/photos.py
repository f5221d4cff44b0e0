"""Demo photos: enrolment (ID-photo style) and online-study captures (webcam style).

An enrolment photo is the plain-background portrait the platform holds for a learner. A capture is
what the online-study client snaps at random: a 640x480 webcam frame, the face smaller and
somewhere near the middle, a room behind, webcam noise and JPEG. ``kind`` only matters for
"no_face" (an empty seat); an impostor capture is simply another person's ``face_seed``, chosen by
the caller.

Files are written atomically (temporary name, then rename) so an interrupted demo start never
leaves a half JPEG that a later run would mistake for a finished one.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import cv2
import numpy as np

from app.demo.face_paint import FloatImage, f32, times
from app.demo.faces import BgrImage, finish, identity_for, render_face, render_person, variation_for
from app.demo.media_jobs import CaptureKind

ENROLMENT_SIZE = (320, 400)
CAPTURE_SIZE = (640, 480)
JPEG_QUALITY = 90


def enrolment_photo(face_seed: int) -> BgrImage:
    """The learner's registration photo: frontal, neutral, white background."""
    return render_face(identity_for(face_seed), size=ENROLMENT_SIZE)


def capture_photo(face_seed: int, variation_seed: int, kind: CaptureKind) -> BgrImage:
    """A webcam frame from online study; ``kind`` "no_face" shows the empty seat instead."""
    w, h = CAPTURE_SIZE
    base = variation_for(variation_seed)
    rng = np.random.default_rng([0xCA, variation_seed])
    # Webcams sit closer to the middle than an ID photographer, but the face is smaller.
    var = dataclasses.replace(
        base,
        scale=base.scale * float(rng.uniform(0.62, 0.82)),
        shift_x=float(rng.uniform(-0.12, 0.12)),
        shift_y=float(rng.uniform(-0.05, 0.04)),
        noise_sigma=base.noise_sigma + float(rng.uniform(1.0, 4.0)),
        blur_sigma=base.blur_sigma * 0.6,
    )
    scene = room_scene(int(rng.integers(0, 2**31)), w, h)
    if kind == "no_face":
        _paint_empty_chair(scene, rng)
    else:
        person, alpha = render_person(identity_for(face_seed), var, CAPTURE_SIZE)
        times(scene, 1.0 - alpha)
        cv2.add(scene, person, dst=scene)
    return finish(scene, var, 1.0)


def write_enrolment_photo(path: Path, face_seed: int) -> None:
    """Render and write the enrolment JPEG for ``face_seed`` (parent folders are created)."""
    write_jpeg(path, enrolment_photo(face_seed))


def write_capture_photo(path: Path, face_seed: int, variation_seed: int, kind: CaptureKind) -> None:
    """Render and write one capture JPEG (parent folders are created)."""
    write_jpeg(path, capture_photo(face_seed, variation_seed, kind))


def write_jpeg(path: Path, image: BgrImage, quality: int = JPEG_QUALITY) -> None:
    """Encode in memory and replace ``path`` atomically (temp file in the same folder + rename)."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise OSError(f"JPEG encoding failed for {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.tobytes())
        os.chmod(tmp, 0o644)  # mkstemp's private mode would otherwise survive the rename
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def room_scene(seed: int, width: int, height: int) -> FloatImage:
    """A home or office wall as a webcam sees it: window or door, shelf, poster, soft focus.

    Drawn at half size and enlarged, which doubles as the webcam's shallow depth of field.
    """
    rng = np.random.default_rng([0x800, seed])
    sw, sh = width // 2, height // 2
    wall = rng.uniform(0.55, 0.9, 3).astype(np.float32)
    wall = wall * 0.35 + float(wall.mean()) * 0.65  # walls are mostly desaturated
    ramp = np.linspace(1.05, 0.8, sh, dtype=np.float32)[:, None, None]
    img = np.broadcast_to(wall * ramp, (sh, sw, 3)).copy()
    # Ceiling-light falloff across the wall, from a random side.
    side = np.linspace(-1.0, 1.0, sw, dtype=np.float32)[None, :, None] * float(rng.uniform(-0.12, 0.12))
    img *= 1.0 + side
    for _ in range(int(rng.integers(2, 4))):
        kind = int(rng.integers(0, 4))
        x = int(rng.uniform(-0.1, 0.85) * sw)
        if kind == 0:  # window: bright, with a frame cross and a curtain
            bw, bh, y = int(sw * rng.uniform(0.2, 0.35)), int(sh * rng.uniform(0.35, 0.55)), int(sh * 0.12)
            cv2.rectangle(img, (x, y), (x + bw, y + bh), (0.97, 0.96, 0.93), -1)
            cv2.line(img, (x + bw // 2, y), (x + bw // 2, y + bh), (0.75, 0.75, 0.72), 2)
            cv2.line(img, (x, y + bh // 2), (x + bw, y + bh // 2), (0.75, 0.75, 0.72), 2)
            curtain = tuple(float(c) for c in rng.uniform(0.3, 0.8, 3))
            cv2.rectangle(img, (x - bw // 5, y - 4), (x + bw // 8, y + bh + 10), curtain, -1)
        elif kind == 1:  # door
            bw, y = int(sw * rng.uniform(0.16, 0.22)), int(sh * 0.08)
            door = tuple(float(c) for c in rng.uniform(0.25, 0.65, 3))
            cv2.rectangle(img, (x, y), (x + bw, sh), door, -1)
            cv2.circle(img, (x + bw - 6, int(sh * 0.6)), 2, (0.8, 0.8, 0.8), -1)
        elif kind == 2:  # bookshelf with book spines
            bw, bh, y = int(sw * rng.uniform(0.2, 0.35)), int(sh * rng.uniform(0.4, 0.7)), int(sh * 0.2)
            cv2.rectangle(img, (x, y), (x + bw, y + bh), (0.22, 0.3, 0.38), -1)
            for shelf in range(3):
                sy = y + 4 + shelf * bh // 3
                bx = x + 3
                while bx < x + bw - 6:
                    spine = int(rng.integers(3, 7))
                    top = sy + int(rng.integers(2, 6))
                    col = tuple(float(c) for c in rng.uniform(0.15, 0.9, 3))
                    cv2.rectangle(img, (bx, top), (bx + spine, sy + bh // 3 - 5), col, -1)
                    bx += spine + 1
        else:  # poster or calendar
            bw, bh, y = int(sw * rng.uniform(0.1, 0.18)), int(sh * rng.uniform(0.18, 0.3)), int(sh * 0.15)
            cv2.rectangle(
                img, (x, y), (x + bw, y + bh), tuple(float(c) for c in rng.uniform(0.3, 0.95, 3)), -1
            )
    img = cv2.GaussianBlur(img, (0, 0), 1.2)
    return f32(cv2.resize(img, (width, height), interpolation=cv2.INTER_LINEAR))


def _paint_empty_chair(scene: FloatImage, rng: np.random.Generator) -> None:
    """An office chair's back and a desk edge where the learner should be sitting."""
    h, w = scene.shape[:2]
    cx = int(w * rng.uniform(0.38, 0.62))
    top = int(h * rng.uniform(0.42, 0.55))
    half = int(w * rng.uniform(0.13, 0.18))
    chair = tuple(float(c) for c in rng.uniform(0.08, 0.3, 3))
    cv2.rectangle(scene, (cx - half, top + 30), (cx + half, h), chair, -1)
    cv2.ellipse(scene, (cx, top + 30), (half, 30), 0, 180, 360, chair, -1)
    # A lit edge on the chair's top: a flat dark blob reads as a hole.
    cv2.ellipse(scene, (cx, top + 30), (half - 4, 26), 0, 200, 340, tuple(c + 0.12 for c in chair), 3)
    desk = tuple(float(c) for c in rng.uniform(0.35, 0.75, 3))
    cv2.rectangle(scene, (0, int(h * 0.86)), (w, h), desk, -1)
    cv2.line(scene, (0, int(h * 0.86)), (w, int(h * 0.86)), tuple(c * 0.6 for c in desk), 2)
