"""Synthetic classroom clips, as a ceiling camera at the front of the room records them.

The camera hangs above the front wall and looks down the room, so seated learners face it: the
back wall and its TV, side walls (windows left, door right, a whiteboard near the front on the
left), rows of desks shrinking with distance, and people rendered by ``faces`` behind the desks.
Front and middle rows show faces about 60-100 px tall, which a detector can find.

The clip loops: every motion (head bob, one learner leaning and looking down) has a whole number
of periods per clip, so the last frame leads back into the first. An NVR-style overlay burns in the
date, time and camera name. Encoding is H.264 (libx264, yuv420p) with a fixed 2 s GOP and no
B-frames, which keeps seeking and looping cheap for the console's decoders.

Threads: pure function of its arguments; safe to run in any worker thread.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from app.demo.face_layout import layout_face
from app.demo.face_paint import FloatImage, f32
from app.demo.faces import identity_for, render_person, variation_for

# Per row at 640×360: (desk top y, face size, seat centres x); sizes: decision 0006.
_ROWS: tuple[tuple[float, float, tuple[float, ...]], ...] = (
    (335.0, 1.0, (100.0, 250.0, 390.0, 540.0)),
    (245.0, 0.64, (50.0, 175.0, 320.0, 465.0, 590.0)),
    (186.0, 0.56, (120.0, 247.0, 392.0, 520.0)),
)
SEAT_COUNT = sum(len(r[2]) for r in _ROWS)
_FRONT_FACE_HALF_WIDTH = 34.0  # px at 640 x 360, front row
# Looking down (pitch; facing is about -4), in _LOOK_STEPS poses so no frame blends heads.
_DOWN_PITCH = 14.0
_DOWN_EYE_OPEN = 0.35
_LOOK_STEPS = 7


@dataclasses.dataclass
class _Sprite:
    """A pre-rendered learner: premultiplied BGR + alpha (4 channels), and where it sits."""

    # h x w x 4 each: facing the camera, then the mover's poses looking down.
    looks: tuple[FloatImage, ...]
    x: float  # top-left in the frame when at rest
    y: float
    row: int
    bob: tuple[float, float, int, float]  # amplitude px, phase, cycles per clip, sideways px
    mover: bool


def make_classroom_clip(
    path: Path,
    seed: int,
    seconds: float = 12,
    width: int = 640,
    height: int = 360,
    fps: int = 25,
    *,
    label: str = "CAM01",
    seats: Sequence[int | None] | None = None,
    start: datetime | None = None,
) -> None:
    """Render and encode a looping classroom clip to ``path`` (MP4, written atomically).

    ``seats`` gives a face seed (or None for empty) per seat, numbered row by row from the front
    row, left to right; None lets ``seed`` decide who sits where. ``label`` is burned in as the
    camera name (ASCII: the overlay font has no CJK glyphs). ``start`` is the first frame's time.
    """
    if seats is not None and len(seats) > SEAT_COUNT:
        raise ValueError(f"a classroom has {SEAT_COUNT} seats, got {len(seats)}")
    rng = np.random.default_rng([0xC1A5, seed])
    occupants = list(seats) if seats is not None else _default_seats(rng)
    occupants += [None] * (SEAT_COUNT - len(occupants))
    k = min(width / 640.0, height / 360.0)
    room = _room(rng, width, height, k)
    sprites = _sprites(rng, occupants, k)
    desks = [_desk_row(rng, r, width, height, k) for r in range(len(_ROWS))]
    when = start or datetime(2025, 3, 3, 8, 30) + timedelta(
        days=int(rng.integers(0, 300)), minutes=int(rng.integers(0, 480))
    )
    text = "".join(c for c in label if 32 <= ord(c) < 127).strip() or "CAM"
    n_frames = max(round(seconds * fps), 1)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part.mp4", dir=path.parent)
    os.close(fd)
    try:
        with av.open(tmp, "w", format="mp4") as container:
            stream = container.add_stream("libx264", rate=fps)
            stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
            gop = 2 * fps
            stream.codec_context.gop_size = gop
            stream.codec_context.max_b_frames = 0
            stream.options = {
                "preset": "veryfast",
                "crf": "26",
                # Fixed GOP: no scene-cut keyframes, so keyframes fall exactly every 2 s.
                "x264-params": f"keyint={gop}:min-keyint={gop}:scenecut=0:bframes=0",
            }
            for i in range(n_frames):
                frame = _compose(room, sprites, desks, i / n_frames, k)
                _overlay(frame, when + timedelta(seconds=i / fps), text, k)
                yuv = np.asarray(cv2.cvtColor(frame, cv2.COLOR_BGR2YUV_I420), dtype=np.uint8)
                vf = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
                vf.pts = i
                vf.time_base = Fraction(1, fps)
                container.mux(stream.encode(vf))
            container.mux(stream.encode(None))
        os.chmod(tmp, 0o644)  # mkstemp's private mode would otherwise survive the rename
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_seats(rng: np.random.Generator) -> list[int | None]:
    """About two thirds of the seats taken, the front row a little fuller (supervised classes)."""
    out: list[int | None] = []
    for r, (_, _, xs) in enumerate(_ROWS):
        for _ in xs:
            taken = rng.random() < (0.8 if r == 0 else 0.6)
            out.append(int(rng.integers(0, 1_000_000)) if taken else None)
    return out


def _seat_positions(k: float) -> list[tuple[int, float, float, float]]:
    """(row, x, desk top y, size factor) per seat, scaled to the frame."""
    return [(r, x * k, y * k, s) for r, (y, s, xs) in enumerate(_ROWS) for x in xs]


def _sprites(rng: np.random.Generator, occupants: Sequence[int | None], k: float) -> list[_Sprite]:
    """Render each learner facing the camera, and the mover also through bending to the desk."""
    taken = [i for i, face in enumerate(occupants) if face is not None]
    mover = int(rng.choice(taken)) if taken else -1
    out: list[_Sprite] = []
    for i, (row, x, desk_y, s) in enumerate(_seat_positions(k)):
        face = occupants[i]
        if face is None:
            continue
        ident = identity_for(face)
        base = variation_for(int(rng.integers(0, 2**31)))
        # Ceiling light, faces turned towards the camera; small pose jitter per learner.
        var = dataclasses.replace(
            base,
            yaw=base.yaw * 0.6,
            pitch=-4.0,
            roll=base.roll * 0.5,
            scale=1.0,
            shift_x=0.0,
            shift_y=0.0,
            light_azimuth=-90.0,
            light_elevation=35.0,
            smile=base.smile * 0.5,
            mouth_open=0.0,
            noise_sigma=0.0,
            blur_sigma=0.0,
        )
        # Only the mover turns their head: rendering poses is the cost.
        looks = [var]
        if i == mover:
            looks = [
                dataclasses.replace(
                    var,
                    pitch=var.pitch + step * (_DOWN_PITCH - var.pitch),
                    eye_open=var.eye_open + step * (_DOWN_EYE_OPEN - var.eye_open),
                )
                for step in (k / (_LOOK_STEPS - 1) for k in range(_LOOK_STEPS))
            ]
        a_target = _FRONT_FACE_HALF_WIDTH * k * s / ident.face_width
        unit = a_target / 84.0  # render_person's a = 84 * unit * face_width at scale 1
        w, h = int(320 * unit) | 1, int(460 * unit)
        lay = layout_face(ident, var, w, h)
        top_left_y = desk_y - (lay.chin_y + 1.3 * lay.a)
        rendered = tuple(_rgba(*render_person(ident, v, (w, h))) for v in looks)
        bob = (
            float(rng.uniform(0.6, 1.6)) * s * k,
            float(rng.uniform(0, 2 * math.pi)),
            int(rng.integers(2, 5)),
            float(rng.uniform(0.3, 1.0)) * s * k,
        )
        out.append(_Sprite(rendered, x - w / 2, top_left_y, row, bob, i == mover))
    return out


def _looking(looks: tuple[FloatImage, ...], w_down: float) -> FloatImage:
    """The head bent ``w_down`` of the way to the desk (0: facing the camera, 1: looking down).

    Between two rendered poses the nearer ones are blended, never the two ends: a blend of the upright
    and the bent face is a double exposure (two noses, two mouths) that no camera records. Such frames
    lay 0.42-0.59 from the learner's photo, against 0.26-0.40 for either pose alone, and two of them
    within a second were voted "someone else in this seat" (a false FACE_MISMATCH on the demo).
    """
    where = w_down * (len(looks) - 1)
    lower = min(int(where), len(looks) - 1)
    frac = where - lower
    if frac <= 0.0 or lower + 1 >= len(looks):
        return looks[lower]
    return f32(cv2.addWeighted(looks[lower], 1.0 - frac, looks[lower + 1], frac, 0.0))


def _rgba(person: FloatImage, alpha: FloatImage) -> FloatImage:
    return f32(cv2.merge((*cv2.split(person), alpha)))


def _compose(
    room: FloatImage, sprites: list[_Sprite], desks: list[tuple[int, FloatImage]], t: float, k: float
) -> np.ndarray:
    """One frame at loop phase ``t`` in [0, 1): back rows first, each row's desks over its people."""
    frame = room.copy()
    for row in reversed(range(len(_ROWS))):
        for sp in sprites:
            if sp.row != row:
                continue
            amp, phase, cycles, side = sp.bob
            dx = side * math.sin(2 * math.pi * cycles * t + phase * 1.7)
            dy = amp * math.sin(2 * math.pi * cycles * t + phase)
            pixels = sp.looks[0]
            if sp.mover:
                # Leans aside and back once per loop, and looks down for a while.
                dx += 9.0 * k * math.sin(2 * math.pi * t)
                w_down = float(np.clip(2.5 * math.sin(2 * math.pi * t + 2.0) - 1.0, 0.0, 1.0))
                pixels = _looking(sp.looks, w_down)
            _paste(frame, pixels, sp.x + dx, sp.y + dy)
        y0, desk = desks[row]
        _paste(frame, desk, 0.0, float(y0))
    # Saturating scale to 8 bits in one pass; premultiplied blends are never negative.
    return cv2.convertScaleAbs(frame, alpha=255.0)


def _paste(frame: FloatImage, rgba: FloatImage, x: float, y: float) -> None:
    """Composite a premultiplied sprite at sub-pixel position (x, y), clipped to the frame."""
    ix, iy = math.floor(x), math.floor(y)
    fx, fy = x - ix, y - iy
    if fx or fy:
        m = np.array([[1.0, 0.0, fx], [0.0, 1.0, fy]], np.float32)
        rgba = f32(cv2.warpAffine(rgba, m, (rgba.shape[1] + 1, rgba.shape[0] + 1), flags=cv2.INTER_LINEAR))
    h, w = frame.shape[:2]
    x0, y0 = max(ix, 0), max(iy, 0)
    x1, y1 = min(ix + rgba.shape[1], w), min(iy + rgba.shape[0], h)
    if x0 >= x1 or y0 >= y1:
        return
    src = rgba[y0 - iy : y1 - iy, x0 - ix : x1 - ix]
    roi = frame[y0:y1, x0:x1]
    bgr, alpha = src[:, :, :3], src[:, :, 3]
    cv2.multiply(roi, cv2.merge((1.0 - alpha, 1.0 - alpha, 1.0 - alpha)), dst=roi)
    cv2.add(roi, np.ascontiguousarray(bgr), dst=roi)


def _quad(img: FloatImage, pts: Sequence[tuple[float, float]], colour: Sequence[float] | np.ndarray) -> None:
    col = tuple(float(c) for c in colour)
    cv2.fillPoly(img, [np.round(np.asarray(pts) * 16).astype(np.int32)], col, cv2.LINE_AA, 4)


def _room(rng: np.random.Generator, w: int, h: int, k: float) -> FloatImage:
    """Static background: walls in perspective, windows, door, whiteboard, TV, lights, floor."""
    img = np.zeros((h, w, 3), np.float32)
    wall = np.float32(rng.uniform(0.78, 0.9)) * np.asarray(rng.uniform(0.92, 1.0, 3), np.float32)
    bx0, bx1, by0, by1 = 150 * k, 490 * k, 18 * k, 150 * k  # back wall
    _quad(img, [(0, 0), (w, 0), (bx1, by0), (bx0, by0)], wall * 0.97)  # ceiling
    _quad(img, [(0, 0), (bx0, by0), (bx0, by1), (0, h)], wall * 0.8)  # left wall
    _quad(img, [(w, 0), (bx1, by0), (bx1, by1), (w, h)], wall * 0.74)  # right wall
    cv2.rectangle(img, (int(bx0), int(by0)), (int(bx1), int(by1)), tuple(float(c) for c in wall * 0.9), -1)
    floor = np.asarray(rng.uniform(0.45, 0.62, 3), np.float32) * 0.5 + 0.27
    _quad(img, [(bx0, by1), (bx1, by1), (w, h), (0, h)], floor)
    for j in range(1, 8):  # tile seams converging on the vanishing point
        xb = bx0 + (bx1 - bx0) * j / 8
        xf = w * j / 8
        cv2.line(img, (int(xb), int(by1)), (int(xf), h), tuple(float(c) for c in floor * 0.9), 1, cv2.LINE_AA)
    # Left-wall windows and the whiteboard near the front; door on the right wall.
    for x_far, x_near in ((125.0, 95.0), (85.0, 40.0)):
        f0, f1 = x_far / bx0, x_near / bx0
        top_far, top_near = by0 + (1 - f0) * 40 * k, by0 + (1 - f1) * 40 * k
        bottom_far, bottom_near = by1 - 40 * k + (1 - f0) * 100 * k, by1 - 40 * k + (1 - f1) * 100 * k
        pane = [
            (x_far * k, top_far),
            (x_near * k, top_near),
            (x_near * k, bottom_near),
            (x_far * k, bottom_far),
        ]
        _quad(img, pane, (0.98, 0.95, 0.9))
    _quad(img, [(28 * k, 40 * k), (0, 28 * k), (0, 175 * k), (28 * k, 150 * k)], (0.95, 0.96, 0.96))
    _quad(
        img,
        [(545 * k, 70 * k), (600 * k, 60 * k), (600 * k, 250 * k), (545 * k, 205 * k)],
        tuple(float(c) for c in rng.uniform(0.3, 0.55, 3)),
    )
    # Back wall: a TV for the teaching videos, a banner of rules, a clock.
    cv2.rectangle(img, (int(270 * k), int(40 * k)), (int(370 * k), int(96 * k)), (0.12, 0.11, 0.1), -1)
    cv2.rectangle(img, (int(274 * k), int(44 * k)), (int(366 * k), int(92 * k)), (0.55, 0.42, 0.3), -1)
    cv2.rectangle(img, (int(180 * k), int(35 * k)), (int(250 * k), int(100 * k)), (0.3, 0.3, 0.75), -1)
    cv2.circle(img, (int(430 * k), int(50 * k)), int(12 * k), (0.95, 0.95, 0.95), -1, cv2.LINE_AA)
    cv2.circle(img, (int(430 * k), int(50 * k)), int(12 * k), (0.2, 0.2, 0.2), 1, cv2.LINE_AA)
    for lx in (200.0, 440.0):  # ceiling light panels
        lamp = [
            ((lx - 40) * k, 8 * k),
            ((lx + 40) * k, 8 * k),
            ((lx + 30) * k, 14 * k),
            ((lx - 30) * k, 14 * k),
        ]
        _quad(img, lamp, (1.0, 1.0, 1.0))
    # Empty chairs for every seat; a learner's sprite covers theirs.
    chair = tuple(float(c) for c in rng.uniform(0.15, 0.45, 3))
    for _, x, desk_y, s in _seat_positions(k):
        cw, ch = 30 * k * s, 50 * k * s
        cv2.rectangle(img, (int(x - cw), int(desk_y - ch)), (int(x + cw), int(desk_y)), chair, -1)
    return f32(cv2.GaussianBlur(img, (0, 0), 0.7 * k))


def _desk_row(rng: np.random.Generator, row: int, w: int, h: int, k: float) -> tuple[int, FloatImage]:
    """One row of desks (top surface and front panel) as a premultiplied overlay strip."""
    desk_y, s, xs = _ROWS[row]
    top, depth, panel = desk_y * k, 16 * k * s, 60 * k * s
    y0 = int(top) - 1
    y1 = min(int(top + depth + panel) + 2, h)
    strip = np.zeros((y1 - y0, w, 4), np.float32)
    wood = np.asarray(rng.uniform(0.55, 0.8, 3), np.float32) * (0.75, 0.85, 1.0)
    half = (xs[1] - xs[0]) * k * 0.48 if len(xs) > 1 else 60 * k
    for x in xs:
        xk = x * k
        wide = half * 1.04
        pts_top = [(xk - half, top), (xk + half, top), (xk + wide, top + depth), (xk - wide, top + depth)]
        pts_panel = [
            (xk - wide, top + depth),
            (xk + wide, top + depth),
            (xk + wide, top + depth + panel),
            (xk - wide, top + depth + panel),
        ]
        for pts, shade in ((pts_top, 1.0), (pts_panel, 0.62)):
            local = [(px, py - y0) for px, py in pts]
            _quad(strip, local, (*(wood * shade), 1.0))
    return y0, strip


def _overlay(frame: np.ndarray, when: datetime, label: str, k: float) -> None:
    """NVR-style burned-in date/time (top left) and camera name (bottom right), outlined text."""
    font, scale = cv2.FONT_HERSHEY_SIMPLEX, 0.55 * k
    stamp = when.strftime("%Y-%m-%d %a %H:%M:%S")
    h, w = frame.shape[:2]
    (tw, _th), _ = cv2.getTextSize(label, font, scale, 1)
    for text, org in ((stamp, (int(10 * k), int(24 * k))), (label, (w - tw - int(12 * k), h - int(12 * k)))):
        cv2.putText(frame, text, org, font, scale, (0, 0, 0), max(int(3 * k), 2), cv2.LINE_AA)
        cv2.putText(frame, text, org, font, scale, (255, 255, 255), max(int(k), 1), cv2.LINE_AA)
