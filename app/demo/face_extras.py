"""Hair, ears, neck and clothes, glasses and backgrounds around the synthetic face.

Each head part contributes to three canvas-sized layers: albedo (colour before lighting), alpha
(what belongs to the person rather than the background) and depth (for the shared lighting pass in
``face_shading``). Painting is back to front, so a later layer simply overwrites the earlier one
through its soft mask.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import cv2
import numpy as np

from app.demo.face_layout import FaceLayout, half_width_at
from app.demo.face_paint import (
    Colour,
    FloatImage,
    Points,
    ellipse_points,
    f32,
    mix,
    poly_mask,
    texture,
    tinted,
)
from app.demo.face_shading import pixel_grid

if TYPE_CHECKING:
    from app.demo.face_identity import FaceIdentity


@dataclass
class Layers:
    """The three layers every head part paints into (float32, canvas-sized)."""

    albedo: FloatImage  # H x W x 3
    alpha: FloatImage  # H x W
    depth: FloatImage  # H x W, pixels towards the viewer

    def put(
        self,
        win: tuple[int, int, int, int],
        mask: FloatImage,
        colour: Colour | FloatImage,
        depth: float | FloatImage,
    ) -> None:
        """Overwrite the window through ``mask`` with a colour (or image) and a depth (or map)."""
        x0, y0, x1, y1 = win
        m = mask
        mix(self.albedo[y0:y1, x0:x1], m, colour)
        al = self.alpha[y0:y1, x0:x1]
        al *= 1.0 - m
        al += m
        dp = self.depth[y0:y1, x0:x1]
        dp *= 1.0 - m
        dp += m * depth


@lru_cache(maxsize=16)
def strand_texture(seed: int, width: int, height: int) -> FloatImage:
    """Vertical strand noise for hair (cached: renders of one identity come in runs)."""
    tex = texture([0x4A, seed], height, width, (1, 11))
    tex.setflags(write=False)
    return tex


def _ellipsoid_depth(
    win: tuple[int, int, int, int], cx: float, cy: float, rx: float, ry: float, peak: float
) -> FloatImage:
    x0, y0, x1, y1 = win
    xs = (np.arange(x0, x1, dtype=np.float32) - cx) / rx
    ys = (np.arange(y0, y1, dtype=np.float32) - cy) / ry
    r2 = xs[None, :] ** 2 + ys[:, None] ** 2
    return (np.sqrt(np.clip(1.0 - r2, 0.0, 1.0)) * peak).astype(np.float32)


def paint_body(layers: Layers, lay: FaceLayout, ident: FaceIdentity) -> None:
    """Shoulders with a collar, then the neck; both lit by the shared pass."""
    h, w = layers.alpha.shape
    a = lay.a
    top = lay.chin_y + 0.32 * a
    # Right half of the outline, mirrored for the left; shoulders ~2.4 face-widths across.
    sw = a * ident.shoulders
    t = np.linspace(0.0, math.pi / 2, 8)
    right = np.concatenate(
        [
            [[0.6 * a, top - 0.05 * a], [1.3 * a, top + 0.18 * a]],
            np.stack([sw - 0.5 * a + 0.5 * a * np.sin(t), top + 0.8 * a - 0.5 * a * np.cos(t)], 1),
            [[sw + 0.08 * a, top + 2.0 * a], [sw + 0.12 * a, h + 5.0]],
        ]
    )
    left = right[::-1] * (-1.0, 1.0)
    body = np.concatenate([left, right], 0)
    body[:, 0] += lay.cx
    got = poly_mask((h, w), [body], blur=0.4)
    if got is not None:
        win, mask = got
        depth = _ellipsoid_depth(win, lay.cx, top + 2 * a, sw * 1.15, 3 * a, 0.6 * a)
        layers.put(win, mask, ident.shirt_bgr, depth)
    if ident.collar:
        for side in (-1.0, 1.0):
            collar = np.array(
                [
                    [lay.cx + side * 0.45 * a, top - 0.15 * a],
                    [lay.cx + side * 0.95 * a, top + 0.2 * a],
                    [lay.cx + side * 0.05 * a, top + 0.75 * a],
                ]
            )
            got = poly_mask((h, w), [collar], blur=0.4)
            if got is not None:
                layers.put(got[0], got[1], (0.92, 0.92, 0.9), 0.55 * a)
    nw = 0.6 * a * ident.neck_width
    neck = np.array(
        [
            [lay.cx - nw, lay.cy + 0.2 * lay.b],
            [lay.cx + nw, lay.cy + 0.2 * lay.b],
            [lay.cx + nw * 1.05, top + 0.1 * a],
            [lay.cx, top + (0.55 if ident.collar else 0.3) * a],
            [lay.cx - nw * 1.05, top + 0.1 * a],
        ]
    )
    got = poly_mask((h, w), [neck], blur=0.5)
    if got is not None:
        win, mask = got
        depth = _ellipsoid_depth(win, lay.cx, lay.chin_y + 2 * a, nw * 1.3, 4 * a, 0.45 * a)
        layers.put(win, mask, _shade(ident.skin_bgr, 0.93), depth)


def _shade(c: Colour, k: float) -> Colour:
    return (c[0] * k, c[1] * k, c[2] * k)


def paint_ears(layers: Layers, lay: FaceLayout, ident: FaceIdentity) -> None:
    """Ears at the outline between brow and nose base, with a darker concha."""
    if ident.hair_style in (2, 3):  # long hair and the bob cover the ears
        return
    h, w = layers.alpha.shape
    a = lay.a
    for side in (-1.0, 1.0):
        edge = half_width_at(lay, lay.ear_y)
        ex = lay.cx + side * (edge + 0.03 * a)
        outer = ellipse_points(ex, lay.ear_y, 0.13 * a * ident.ear_out, lay.ear_h * 0.5, side * 0.12, n=20)
        got = poly_mask((h, w), [outer], blur=0.4)
        if got is None:
            continue
        win, mask = got
        layers.put(
            win,
            mask,
            _shade(ident.skin_bgr, 0.95),
            _ellipsoid_depth(win, ex - side * 0.04 * a, lay.ear_y, 0.16 * a, lay.ear_h * 0.55, 0.22 * a),
        )
        concha = ellipse_points(ex + side * 0.01 * a, lay.ear_y + 0.05 * a, 0.06 * a, lay.ear_h * 0.28, n=14)
        got = poly_mask((h, w), [concha], blur=0.06 * a)
        if got is not None:
            layers.put(got[0], got[1], _shade(ident.skin_bgr, 0.55), 0.08 * a)


def _hair_shape(lay: FaceLayout, ident: FaceIdentity) -> tuple[float, float, float, float]:
    """Centre y and radii of the hair volume ellipse, and the lowest row hair reaches at the sides."""
    vol = ident.hair_volume
    rx = lay.a * (1.04 + 0.14 * vol)
    ry = lay.b * (0.98 + 0.08 * vol)
    cy = lay.cy - 0.06 * lay.b
    side_limit = {
        0: lay.ear_y - 0.55 * lay.ear_h,
        1: lay.ear_y - 0.45 * lay.ear_h,
        2: lay.chin_y,
        3: lay.mouth_y,
        4: lay.ear_y - 0.7 * lay.ear_h,
        5: lay.ear_y - 0.5 * lay.ear_h,
    }
    return cy, rx, ry, side_limit[ident.hair_style]


def paint_hair_back(layers: Layers, lay: FaceLayout, ident: FaceIdentity) -> None:
    """Long hair falling behind the neck onto the shoulders (styles 2 and 5's bun)."""
    h, w = layers.alpha.shape
    a = lay.a
    tex = strand_texture(ident.seed, w, h)
    polys: list[Points] = []
    if ident.hair_style == 2:
        # One lock per side, behind the head and over the shoulder, neck and chest clear.
        outer = a * (1.25 + 0.1 * ident.hair_volume)
        bottom = lay.chin_y + a * (0.6 + 0.9 * ident.hair_length)
        t = np.linspace(0.0, 1.0, 7)
        wavy = np.stack([0.5 * a + (outer - 0.5 * a) * t[::-1], bottom + 0.07 * a * np.cos(t * 11)], 1)
        for side in (-1.0, 1.0):
            lock = np.concatenate(
                [
                    [[0.0, lay.eye_y - 0.3 * a], [1.1 * a, lay.eye_y - 0.3 * a], [outer, lay.chin_y]],
                    wavy,
                    [[0.5 * a, lay.chin_y + 0.25 * a], [0.0, lay.chin_y + 0.25 * a]],
                ]
            )
            lock[:, 0] = lay.cx + side * lock[:, 0]
            polys.append(lock)
    elif ident.hair_style == 5:
        polys.append(ellipse_points(lay.cx, lay.cy - lay.b * 1.05, 0.38 * a, 0.3 * a))
    if not polys:
        return
    got = poly_mask((h, w), polys, blur=0.8)
    if got is None:
        return
    (x0, y0, x1, y1), mask = got
    col = tinted(ident.hair_bgr, 1.0 + 0.22 * tex[y0:y1, x0:x1])
    layers.put((x0, y0, x1, y1), mask, col, 0.25 * a)


def paint_hair_front(
    layers: Layers,
    lay: FaceLayout,
    ident: FaceIdentity,
    face_mask: FloatImage,
    face_win: tuple[int, int, int, int],
) -> None:
    """Hair over the crown and forehead and down the sides, above the (styled) hairline."""
    h, w = layers.alpha.shape
    gx, gy = pixel_grid(w, h)
    hcy, rx, ry, side_limit = _hair_shape(lay, ident)
    y0 = max(int(hcy - ry - 2), 0)
    y1 = min(int(max(side_limit, lay.hairline_y + 0.5 * lay.a) + 2), h)
    x0, x1 = max(int(lay.cx - rx - 2), 0), min(int(lay.cx + rx + 2), w)
    if y0 >= y1 or x0 >= x1:
        return
    xs = gx[y0:y1, x0:x1]
    ys = gy[y0:y1, x0:x1]
    tex = strand_texture(ident.seed, w, h)[y0:y1, x0:x1]
    u = (xs - lay.cx) / lay.a
    ell = ((xs - lay.cx) / rx) ** 2 + ((ys - hcy) / ry) ** 2
    # The strand texture rags the outer edge, so the silhouette is not a perfect ellipse.
    inside = np.clip((1.0 - ell) * rx * 0.5 + 0.5 + 0.35 * tex, 0.0, 1.0)
    hairline = lay.hairline_y + lay.a * (ident.temple_dip * u * u + ident.part_side * 0.08 * u)
    if ident.hair_style == 3:  # bangs down to the brows, with a jagged fringe
        hairline = np.maximum(hairline, lay.brow_y - 0.12 * lay.a + 0.04 * lay.a * np.sin(u * 14.0))
    above = np.clip(hairline - ys + 0.5 + 1.5 * tex, 0.0, 1.0)
    # The face mask covers only its own window: no face to spare outside it.
    face = np.zeros_like(xs)
    fx0, fy0, fx1, fy1 = face_win
    ix0, iy0, ix1, iy1 = max(fx0, x0), max(fy0, y0), min(fx1, x1), min(fy1, y1)
    if ix0 < ix1 and iy0 < iy1:
        face[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] = face_mask[
            iy0 - fy0 : iy1 - fy0, ix0 - fx0 : ix1 - fx0
        ]
    sides = (1.0 - face) * np.clip(side_limit - ys + 0.5, 0.0, 1.0)
    mask = inside * np.maximum(above, sides)
    depth = (np.sqrt(np.clip(1.0 - ell, 0.0, 1.0)) * 0.85 + 0.03 * (ell < 1.0)) * lay.a
    hair = ident.hair_bgr
    if ident.hair_style == 4:  # a buzz cut lets the scalp show through
        hair = tuple(0.8 * hc + 0.2 * sc for hc, sc in zip(hair, ident.skin_bgr, strict=True))  # type: ignore[assignment]
    col = tinted(hair, 1.0 + 0.25 * tex)
    layers.put((x0, y0, x1, y1), mask.astype(np.float32), col, depth.astype(np.float32))


def paint_glasses(img: FloatImage, lay: FaceLayout, ident: FaceIdentity, alpha: FloatImage) -> None:
    """Frames drawn after lighting (they sit in front of the face and have their own colour).

    ``img`` is premultiplied by ``alpha``; the frame is opaque, so both get the frame's coverage.
    """
    if ident.glasses == 0:
        return
    thick = max(lay.a * (0.025 if ident.glasses == 1 else 0.055), 1.0)
    colour = (0.55, 0.55, 0.58) if ident.glasses == 1 else (0.08, 0.07, 0.07)
    # Lenses never overlap at the bridge, however close-set the eyes are.
    rx = min(lay.eye_w * 1.75, lay.eye_dx - 0.07 * lay.a)
    ry = lay.eye_w * (1.05 if ident.glasses == 1 else 1.2)
    fixed = []
    for side in (-1.0, 1.0):
        ex = lay.cx + side * lay.eye_dx
        lens = ellipse_points(ex, lay.eye_y + 0.04 * lay.a, rx, ry, n=32)
        # Squarer lenses for the plastic frame: push the polygon towards its bounding box.
        if ident.glasses == 2:
            d = lens - (ex, lay.eye_y)
            lens = (ex, lay.eye_y) + np.sign(d) * np.abs(d) ** 0.85 * np.abs(d).max() ** 0.15
        fixed.append(lens)
        edge = lay.cx + side * half_width_at(lay, lay.eye_y)
        fixed.append(np.array([[ex + side * rx, lay.eye_y], [edge, lay.eye_y - 0.02 * lay.a]]))
    fixed.append(
        np.array(
            [
                [lay.cx - lay.eye_dx + rx, lay.eye_y - 0.02 * lay.a],
                [lay.cx, lay.eye_y - 0.06 * lay.a],
                [lay.cx + lay.eye_dx - rx, lay.eye_y - 0.02 * lay.a],
            ]
        )
    )
    got = poly_mask(img.shape, fixed, closed=False, thickness=thick)
    if got is not None:
        (x0, y0, x1, y1), mask = got
        mix(img[y0:y1, x0:x1], mask, colour)
        al = alpha[y0:y1, x0:x1]
        np.maximum(al, mask, out=al)


def background(kind: str, seed: int, width: int, height: int) -> FloatImage:
    """Backgrounds: plain ID-photo colours, a studio gradient, or a blurred office wall."""
    ys = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    plain = {"id_white": (0.96, 0.96, 0.95), "id_blue": (0.86, 0.62, 0.30), "id_red": (0.20, 0.15, 0.78)}
    if kind in plain:
        col = np.asarray(plain[kind], np.float32)
        return np.broadcast_to(col * (1.0 - 0.06 * ys), (height, width, 3)).copy()
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.45, 0.85, 3).astype(np.float32)
    if kind == "gradient":
        top, bottom = base, base * rng.uniform(0.5, 0.8)
        return np.broadcast_to(top * (1 - ys) + bottom * ys, (height, width, 3)).copy()
    # "office": wall, door or window, shelf; drawn at quarter size, enlarged for the defocus.
    sw, sh = max(width // 4, 8), max(height // 4, 8)
    small = np.broadcast_to(base * (1.0 - 0.15 * ys[:: max(height // sh, 1)][:sh]), (sh, sw, 3)).copy()
    for _ in range(3):
        x = int(rng.uniform(0, sw))
        bw, bh = int(rng.uniform(0.15, 0.4) * sw), int(rng.uniform(0.3, 0.9) * sh)
        y = int(rng.uniform(0, sh - bh)) if bh < sh else 0
        cv2.rectangle(small, (x, y), (x + bw, y + bh), tuple(float(c) for c in rng.uniform(0.2, 0.95, 3)), -1)
    small = cv2.GaussianBlur(small, (0, 0), max(sw, sh) / 60.0)
    return f32(cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR))
