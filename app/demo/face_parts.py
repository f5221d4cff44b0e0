"""Eyes, brows, nose details, mouth, skin marks and beard, painted into the face albedo.

These are painted *before* lighting, so the relief's shading (dark sockets, lit nose) applies to
them as it would on a real face. Shapes follow anatomy closely enough that dlib's 5-point
predictor lands on eye corners and the nose base, which is what aligns the face for embedding.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from app.demo.face_layout import FaceLayout, half_width_at
from app.demo.face_paint import (
    Colour,
    FloatImage,
    Points,
    blob,
    ellipse_points,
    mix,
    paint,
    poly_mask,
    texture,
)

if TYPE_CHECKING:
    from app.demo.face_identity import FaceIdentity


def _mix(c1: Colour, c2: Colour, t: float) -> Colour:
    return (c1[0] + (c2[0] - c1[0]) * t, c1[1] + (c2[1] - c1[1]) * t, c1[2] + (c2[2] - c1[2]) * t)


def _scaled(c: Colour, k: float) -> Colour:
    return (c[0] * k, c[1] * k, c[2] * k)


def eye_outline(lay: FaceLayout, side: float, n: int = 15) -> tuple[Points, Points]:
    """Upper and lower lid curves (inner corner first) for the eye on ``side`` (-1 left, +1 right).

    The upper lid peaks a little towards the inner corner and the lower lid is flatter, as in real
    eyes; the canthal tilt lifts the outer corner.
    """
    ex = lay.cx + side * lay.eye_dx
    s = np.linspace(-1.0, 1.0, n)  # -1 inner corner, +1 outer corner
    xs = ex + side * s * lay.eye_w
    tilt_y = -math.tan(lay.eye_tilt) * s * lay.eye_w
    peak = np.clip(1.0 - ((s + 0.15) / 1.15) ** 2, 0.0, 1.0) ** 0.75
    upper_y = lay.eye_y + tilt_y - lay.eye_h * peak
    lower_y = lay.eye_y + tilt_y + 0.62 * lay.eye_h * np.clip(1.0 - s * s, 0.0, 1.0) ** 1.1
    # The inner corner sits a touch lower than the lids' meeting line (the caruncle notch).
    upper_y[0] += 0.12 * lay.eye_h
    lower_y[0] += 0.12 * lay.eye_h
    return np.stack([xs, upper_y], 1), np.stack([xs, lower_y], 1)


def paint_eyes(img: FloatImage, lay: FaceLayout, ident: FaceIdentity, skin: Colour) -> None:
    """Sclera, iris, pupil, lids, lashes and crease for both eyes."""
    lash = (0.06, 0.06, 0.07)
    line_w = max(lay.eye_w * 0.16, 1.2)
    for side in (-1.0, 1.0):
        upper, lower = eye_outline(lay, side)
        almond = np.concatenate([upper, lower[::-1]], axis=0)
        got = poly_mask(img.shape, [almond])
        if got is None:
            continue
        win, eye_mask = got
        x0, y0, x1, y1 = win
        roi = img[y0:y1, x0:x1]
        mix(roi, eye_mask, (0.80, 0.82, 0.86))
        # Iris and pupil, clipped to the opening: the lids always cover part of the iris.
        ix = lay.cx + side * lay.eye_dx + lay.gaze_dx - x0
        iy = lay.eye_y + 0.08 * lay.eye_h - y0
        ri = lay.eye_w * ident.iris_size
        yy, xx = np.mgrid[0 : y1 - y0, 0 : x1 - x0].astype(np.float32)
        dist = np.sqrt((xx - ix) ** 2 + (yy - iy) ** 2)
        iris = np.clip(ri - dist + 0.5, 0.0, 1.0) * eye_mask
        ring = np.clip(dist / max(ri, 1.0), 0.0, 1.0) ** 3  # darker limbal ring
        iris_col = np.asarray(ident.iris_bgr, np.float32) * (1.0 - 0.55 * ring)[:, :, None]
        pupil = np.clip(ri * 0.42 - dist + 0.5, 0.0, 1.0) * eye_mask
        roi *= 1.0 - iris[:, :, None]
        roi += iris[:, :, None] * iris_col
        roi *= 1.0 - 0.92 * pupil[:, :, None]
        # Catch-light: above 1 so it survives the shading multiply as a specular glint.
        glint = np.clip(ri * 0.2 - np.sqrt((xx - ix - 0.3 * ri) ** 2 + (yy - iy + 0.3 * ri) ** 2) + 0.5, 0, 1)
        roi += (glint * eye_mask)[:, :, None] * np.float32(1.2)
        # Shadow of the upper lid on the eyeball, then the lash line itself.
        paint(
            img, [upper], _scaled(skin, 0.35), 0.45, closed=False, thickness=line_w * 2.2, blur=line_w * 0.5
        )
        paint(img, [upper], lash, 0.92, closed=False, thickness=line_w)
        paint(img, [lower[1:-1]], _scaled(skin, 0.55), 0.45, closed=False, thickness=max(line_w * 0.5, 1.0))
        if ident.double_lid:
            crease = upper.copy()
            crease[:, 1] -= lay.eye_h * 0.55 * np.sin(np.linspace(0.15, math.pi - 0.15, len(crease)))
            paint(img, [crease[2:-1]], _scaled(skin, 0.55), 0.55, closed=False, thickness=line_w * 0.6)
        # Pink caruncle at the inner corner.
        inner = upper[0]
        paint(
            img,
            [
                ellipse_points(
                    inner[0] + side * lay.eye_w * 0.1,
                    inner[1] + 0.1 * lay.eye_h,
                    lay.eye_w * 0.1,
                    lay.eye_h * 0.25,
                    n=10,
                )
            ],
            (0.45, 0.45, 0.75),
            0.6,
        )


def paint_brows(img: FloatImage, lay: FaceLayout, ident: FaceIdentity, skin: Colour) -> None:
    """Eyebrows: a tapered arched band, soft-edged, in a darkened hair colour."""
    colour = _mix(_scaled(ident.hair_bgr, 0.8), skin, 0.18)
    n = 14
    s = np.linspace(0.0, 1.0, n)  # 0 inner end, 1 outer tail
    for side in (-1.0, 1.0):
        x_in = lay.cx + side * (lay.eye_dx - lay.eye_w * 0.95)
        x_out = lay.cx + side * (lay.eye_dx + lay.eye_w * (0.9 + 0.5 * ident.brow_length))
        xs = x_in + (x_out - x_in) * s
        arch = ident.brow_arch * lay.a * 0.09 * np.sin(np.clip(s / 0.68, 0, 1) * math.pi / 2) ** 1.5
        fall = np.clip((s - 0.68) / 0.32, 0.0, 1.0) ** 1.5 * lay.a * 0.06 * (0.5 + ident.brow_arch)
        centre = lay.brow_y - arch + fall - ident.brow_tilt * lay.a * 0.08 * (s - 0.5)
        thick = lay.brow_thick * (1.0 - 0.65 * s**1.5)
        top = np.stack([xs, centre - thick * 0.55], 1)
        bottom = np.stack([xs, centre + thick * 0.45], 1)
        poly = np.concatenate([top, bottom[::-1]], 0)
        paint(img, [poly], colour, 0.55 + 0.4 * ident.brow_density, blur=max(lay.a * 0.012, 0.6))


def paint_nose(img: FloatImage, lay: FaceLayout, skin: Colour) -> None:
    """Nostrils and the crease around the nose wings; the rest of the nose is relief."""
    a = lay.a
    dark = _scaled(skin, 0.25)
    for side in (-1.0, 1.0):
        nx = lay.cx + side * lay.nose_w * 0.48
        ny = lay.nose_tip_y + 0.03 * a
        paint(
            img, [ellipse_points(nx, ny, 0.085 * a, 0.036 * a, side * 0.35, n=14)], dark, 0.75, blur=0.04 * a
        )
        wing = ellipse_points(
            lay.cx + side * lay.nose_w * 0.82, lay.nose_tip_y - 0.05 * a, 0.075 * a, 0.085 * a, 0.0, n=20
        )
        half = wing[wing[:, 0] * side >= (lay.cx + side * lay.nose_w * 0.82) * side - 0.02 * a]
        paint(
            img, [half], _scaled(skin, 0.5), 0.45, closed=False, thickness=max(0.018 * a, 1.0), blur=0.015 * a
        )


def _lip_curves(lay: FaceLayout, n: int = 21) -> tuple[Points, Points, Points, Points]:
    """Upper lip top, upper lip bottom, lower lip top, lower lip bottom (left to right)."""
    s = np.linspace(-1.0, 1.0, n)
    xs = lay.cx + s * lay.mouth_w
    line = lay.mouth_y - lay.smile * 0.12 * lay.a * s * s + lay.smile * 0.02 * lay.a
    half_open = lay.mouth_open * 0.5 * np.clip(1.0 - s * s, 0.0, 1.0) ** 0.8
    bow = 1.0 - 0.25 * np.exp(-((s / 0.14) ** 2)) + 0.08 * np.exp(-(((np.abs(s) - 0.22) / 0.1) ** 2))
    env = np.clip(1.0 - s * s, 0.0, 1.0)
    upper_top = line - half_open - lay.lip_upper * env**0.55 * bow
    lower_bot = line + half_open + lay.lip_lower * env**0.6
    return (
        np.stack([xs, upper_top], 1),
        np.stack([xs, line - half_open], 1),
        np.stack([xs, line + half_open], 1),
        np.stack([xs, lower_bot], 1),
    )


def paint_mouth(img: FloatImage, lay: FaceLayout, ident: FaceIdentity, skin: Colour) -> None:
    """Lips with soft edges, the dark lip line, and teeth when the mouth is open."""
    ut, ub, lt, lb = _lip_curves(lay)
    soft = max(lay.a * 0.012, 0.6)
    lip = _mix(skin, ident.lip_bgr, 0.8)
    paint(img, [np.concatenate([ut, ub[::-1]], 0)], _scaled(lip, 0.85), 0.85, blur=soft)
    paint(img, [np.concatenate([lt, lb[::-1]], 0)], lip, 0.8, blur=soft)
    if lay.mouth_open > 1.0:
        cavity = np.concatenate([ub, lt[::-1]], 0)
        paint(img, [cavity], (0.08, 0.07, 0.12), 1.0)
        teeth_bottom = ub.copy()
        teeth_bottom[:, 1] += np.minimum(lay.mouth_open * 0.45, lay.a * 0.06)
        teeth = np.concatenate([ub[3:-3], teeth_bottom[3:-3][::-1]], 0)
        paint(img, [teeth], (0.78, 0.82, 0.85), 0.9, blur=soft * 0.5)
    line_w = max(lay.a * 0.022, 1.0)
    paint(img, [ub[1:-1]], (0.12, 0.1, 0.16), 0.8, closed=False, thickness=line_w, blur=soft * 0.5)
    for side in (0, -1):
        cx, cy = ub[side]
        paint(
            img,
            [ellipse_points(cx, cy, lay.a * 0.03, lay.a * 0.02, n=8)],
            _scaled(skin, 0.35),
            0.5,
            blur=soft,
        )


def paint_skin_marks(img: FloatImage, lay: FaceLayout, ident: FaceIdentity, skin: Colour) -> None:
    """Blush, under-eye darkness, moles and age lines: stable per-identity details."""
    a = lay.a
    for side in (-1.0, 1.0):
        blob(
            img,
            lay.cx + side * 0.5 * a,
            lay.eye_y + 0.45 * a,
            0.14 * a,
            0.1 * a,
            _mix(skin, (0.35, 0.35, 0.85), 0.5),
            0.3 * ident.blush,
        )
        blob(
            img,
            lay.cx + side * lay.eye_dx,
            lay.eye_y + 1.1 * lay.eye_h + 0.04 * a,
            lay.eye_w * 0.6,
            0.035 * a,
            _scaled(skin, 0.7),
            0.35,
        )
    for mx, my, mr in ident.moles:
        paint(
            img,
            [ellipse_points(lay.cx + mx * a, lay.cy + my * lay.b, max(mr * a, 0.8), max(mr * a, 0.8), n=10)],
            _scaled(skin, 0.35),
            0.85,
            blur=0.3,
        )
    if ident.age > 0.5:
        strength = (ident.age - 0.5) * 1.2
        for k in range(3):
            y = lay.hairline_y + (lay.brow_y - lay.hairline_y) * (0.45 + 0.14 * k)
            xs = np.linspace(lay.cx - 0.4 * a, lay.cx + 0.4 * a, 9)
            ys = y + 0.015 * a * np.sin(xs / (0.2 * a) + k)
            paint(
                img,
                [np.stack([xs, ys], 1)],
                _scaled(skin, 0.6),
                0.5 * strength,
                closed=False,
                thickness=max(0.015 * a, 1.0),
                blur=0.01 * a,
            )
        for side in (-1.0, 1.0):
            s = np.linspace(0, 1, 8)
            xs = lay.cx + side * (lay.nose_w + 0.06 * a + 0.12 * a * s)
            ys = lay.nose_tip_y - 0.02 * a + (lay.mouth_y - lay.nose_tip_y + 0.04 * a) * s
            paint(
                img,
                [np.stack([xs, ys], 1)],
                _scaled(skin, 0.55),
                0.5 * strength,
                closed=False,
                thickness=max(0.02 * a, 1.0),
                blur=0.02 * a,
            )


def paint_beard(img: FloatImage, lay: FaceLayout, ident: FaceIdentity) -> None:
    """Moustache, goatee or full beard as noisy dark patches in the hair colour."""
    if ident.beard == 0:
        return
    a = lay.a
    colour = _scaled(ident.hair_bgr, 0.9)
    polys: list[Points] = []
    if ident.beard in (1, 3):  # moustache
        s = np.linspace(-1, 1, 13)
        xs = lay.cx + s * (lay.mouth_w + 0.05 * a)
        top = lay.nose_tip_y + 0.08 * a + 0.02 * a * s * s
        bot = lay.mouth_y - lay.lip_upper * 0.6 + 0.06 * a * s * s
        polys.append(np.concatenate([np.stack([xs, top], 1), np.stack([xs, bot], 1)[::-1]], 0))
    if ident.beard == 2:  # chin tuft below the lower lip
        t = np.linspace(-1, 1, 15)
        xs = lay.cx + t * a * 0.45
        top = lay.mouth_y + lay.lip_lower + 0.06 * a + 0.05 * a * t * t
        bottom = lay.chin_y + 0.03 * a - 0.12 * a * t * t
        polys.append(np.concatenate([np.stack([xs, top], 1), np.stack([xs, bottom], 1)[::-1]], 0))
    if ident.beard == 3:  # full beard: jaw outline from the sideburns round the chin
        y_start = lay.nose_tip_y - 0.05 * a
        ys = np.linspace(y_start, lay.chin_y - 0.01 * a, 12)
        hws = np.array([half_width_at(lay, y) for y in ys])
        outer = np.stack([lay.cx + hws, ys], 1)
        inner_y = np.linspace(y_start, lay.mouth_y + lay.lip_lower + 0.08 * a, 12)
        frac = np.linspace(0.0, 1.0, 12)
        inner_x = lay.cx + (hws[0] - 0.2 * a) * (1 - frac) + (lay.mouth_w + 0.04 * a) * frac * (1 - frac**4)
        inner = np.stack([inner_x, inner_y], 1)
        right = np.concatenate([inner, outer[::-1]], 0)
        left = right.copy()
        left[:, 0] = 2 * lay.cx - left[:, 0]
        polys.extend([right, left])
    got = poly_mask(img.shape, polys, blur=0.04 * a)
    if got is None:
        return
    (x0, y0, x1, y1), mask = got
    grain = texture([0x8B, ident.seed], y1 - y0, x1 - x0, (2, 2))
    density = np.clip(0.55 + 0.35 * grain, 0.0, 1.0) * ident.beard_density
    mix(img[y0:y1, x0:x1], mask * density, colour)
