"""Relief and lighting of the synthetic face.

Face detectors (dlib's HOG) and embedders (dlib's ResNet) respond to luminance structure: the dark
band of brows and eye sockets, the lit ridge of the nose with its shadowed side, the shadow under
the nose and lower lip, the rim darkening of a round head. Flat cartoon colours have none of that,
so the face is modelled as a height field (an ellipsoid with Gaussian bumps and dents for nose,
brow ridge, sockets, cheekbones, lips and chin), and lit with a Lambert + specular model plus a
cheap ambient-occlusion term for the creases.

Everything is float32 and vectorised; bumps are separable Gaussians evaluated on a small window
(an outer product), which is what keeps a render well under the 15 ms budget.
"""

from __future__ import annotations

import math
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

from app.demo.face_layout import FaceLayout
from app.demo.face_paint import f32

FloatImage = npt.NDArray[np.float32]


@lru_cache(maxsize=8)
def pixel_grid(width: int, height: int) -> tuple[FloatImage, FloatImage]:
    """Column and row index grids, cached per canvas size (renders reuse a handful of sizes)."""
    xs = np.arange(width, dtype=np.float32)
    ys = np.arange(height, dtype=np.float32)
    gx, gy = np.meshgrid(xs, ys)
    gx.setflags(write=False)
    gy.setflags(write=False)
    return gx, gy


def row_half_widths(lay: FaceLayout, height: int) -> FloatImage:
    """Half-width of the face oval for every canvas row (vectorised ``half_width_at``)."""
    v = (np.arange(height, dtype=np.float32) - lay.cy) / lay.b
    inside = np.abs(v) < 1.0
    vc = np.clip(v, -0.999, 0.999)
    upper = lay.a * np.sqrt(1.0 - vc * vc)
    vp = np.clip(vc, 0.0, None)
    lower = lay.a * (1.0 - vp**lay.jaw_k) ** (1.0 / lay.jaw_k) * (1.0 - lay.chin_taper * vp * vp)
    hw = np.where(vc < 0.0, upper, lower)
    return np.where(inside, np.maximum(hw, 0.5), 0.0).astype(np.float32)


def face_mask_and_depth(lay: FaceLayout, win: tuple[int, int, int, int]) -> tuple[FloatImage, FloatImage]:
    """Soft (anti-aliased) mask of the face oval and its base depth in pixels, for window ``win``.

    Depth is a squashed ellipsoid: the sqrt profile makes the normals swing sideways at the
    outline, which produces the natural darkening along the cheeks and jaw.
    """
    x0, y0, x1, y1 = win
    hw = row_half_widths(lay, y1)[y0:y1]
    safe_hw = np.maximum(hw, 0.5)[:, None]
    r = (np.arange(x0, x1, dtype=np.float32)[None, :] - lay.cx) / safe_hw
    v = (np.arange(y0, y1, dtype=np.float32) - lay.cy) / lay.b
    vfall = np.clip(1.0 - v * v, 0.0, 1.0) ** 0.35
    across = np.clip(1.0 - r * r, 0.0, 1.0)
    depth = np.sqrt(across) * (vfall * (0.8 * lay.a))[:, None]
    edge = np.clip((1.0 - np.abs(r)) * safe_hw, 0.0, 1.0)
    edge *= (hw > 0.5)[:, None]
    return edge.astype(np.float32), depth.astype(np.float32)


def add_bump(
    z: FloatImage, origin: tuple[int, int], x0: float, y0: float, sx: float, sy: float, amp: float
) -> None:
    """Add ``amp`` * separable Gaussian at canvas (x0, y0) to ``z`` (whose top-left is canvas
    ``origin``) in place, on a 3-sigma window."""
    h, w = z.shape
    x0 -= origin[0]
    y0 -= origin[1]
    x_lo, x_hi = max(int(x0 - 3 * sx), 0), min(int(x0 + 3 * sx) + 2, w)
    y_lo, y_hi = max(int(y0 - 3 * sy), 0), min(int(y0 + 3 * sy) + 2, h)
    if x_lo >= x_hi or y_lo >= y_hi:
        return
    xs = np.arange(x_lo, x_hi, dtype=np.float32)
    ys = np.arange(y_lo, y_hi, dtype=np.float32)
    gx = np.exp(-0.5 * ((xs - x0) / sx) ** 2)
    gy = np.exp(-0.5 * ((ys - y0) / sy) ** 2)
    z[y_lo:y_hi, x_lo:x_hi] += amp * np.outer(gy, gx)


def sculpt(z: FloatImage, origin: tuple[int, int], lay: FaceLayout, nose_bridge: float, cheek: float) -> None:
    """Carve the facial relief into the base depth (in place).

    Amplitudes are in pixels relative to ``a``; signs follow anatomy: sockets and the groove under
    the lower lip are dents, nose, brow ridge, cheekbones, lips and chin are bumps.
    """
    a, cx = lay.a, lay.cx
    for side in (-1.0, 1.0):
        ex = cx + side * lay.eye_dx
        add_bump(z, origin, ex, lay.eye_y + 0.02 * a, 0.20 * a, 0.13 * a, -0.13 * a)  # eye socket
        add_bump(z, origin, cx + side * 0.50 * a, lay.eye_y + 0.36 * a, 0.20 * a, 0.15 * a, 0.09 * a * cheek)
        add_bump(
            z, origin, cx + side * lay.nose_w * 0.8, lay.nose_tip_y - 0.04 * a, 0.06 * a, 0.06 * a, 0.07 * a
        )
        # Nasolabial fold: a shallow dent beside the nose wing down to the mouth corner.
        add_bump(
            z,
            origin,
            cx + side * (lay.nose_w + 0.10 * a),
            (lay.nose_tip_y + lay.mouth_y) / 2,
            0.05 * a,
            0.12 * a,
            -0.035 * a * (1.0 + lay.smile),
        )
        # Temples are hollow; this also shapes the upper outline in the shading.
        add_bump(z, origin, cx + side * 0.85 * a, lay.brow_y, 0.12 * a, 0.22 * a, -0.05 * a)
    nose_len = lay.nose_tip_y - lay.nose_top_y
    add_bump(z, origin, cx, lay.brow_y + 0.02 * a, 0.55 * a, 0.07 * a, 0.07 * a)  # brow ridge
    add_bump(
        z, origin, cx, lay.nose_top_y + 0.55 * nose_len, 0.09 * a, 0.45 * nose_len, 0.18 * a * nose_bridge
    )
    add_bump(z, origin, cx, lay.nose_tip_y - 0.07 * a, 0.11 * a, 0.09 * a, 0.20 * a)  # tip
    add_bump(z, origin, cx, lay.nose_tip_y + 0.07 * a, 0.10 * a, 0.05 * a, -0.05 * a)  # under the nose
    add_bump(z, origin, cx, lay.mouth_y - 0.06 * a, lay.mouth_w * 0.6, 0.05 * a, 0.05 * a)  # upper lip
    add_bump(z, origin, cx, lay.mouth_y + 0.07 * a, lay.mouth_w * 0.55, 0.06 * a, 0.06 * a)  # lower lip
    add_bump(z, origin, cx, lay.mouth_y + 0.22 * a, 0.25 * a, 0.05 * a, -0.04 * a)  # mentolabial groove
    add_bump(z, origin, cx, lay.chin_y - 0.16 * a, 0.22 * a, 0.10 * a, 0.07 * a)  # chin


def shade(
    z: FloatImage,
    light: tuple[float, float, float],
    ambient: float,
    specular: float,
    occlusion_sigma: float,
) -> FloatImage:
    """Lambert + Blinn specular + occlusion shading factor for height field ``z``.

    ``light`` is a unit vector towards the light in image axes (x right, y down, z to the viewer).
    The occlusion term darkens wherever the surface sits below its blurred neighbourhood (creases,
    nostrils, mouth corners), which no local lighting model produces on its own.
    """
    # Lighting is smooth at pixel scale (detail is in the albedo): computed at half size.
    full_h, full_w = z.shape
    z = cv2.resize(z, ((full_w + 1) // 2, (full_h + 1) // 2), interpolation=cv2.INTER_AREA) * np.float32(0.5)
    occlusion_sigma *= 0.5
    dzdx = cv2.Sobel(z, cv2.CV_32F, 1, 0, ksize=3, scale=0.125)
    dzdy = cv2.Sobel(z, cv2.CV_32F, 0, 1, ksize=3, scale=0.125)
    inv_len = 1.0 / np.sqrt(dzdx * dzdx + dzdy * dzdy + 1.0)
    lx, ly, lz = light
    result = np.clip((dzdx * -lx + dzdy * -ly + lz) * inv_len, 0.0, 1.0)
    hx, hy, hz = lx, ly, lz + 1.0
    hn = math.sqrt(hx * hx + hy * hy + hz * hz)
    n_dot_h = np.clip((dzdx * (-hx / hn) + dzdy * (-hy / hn) + hz / hn) * inv_len, 0.0, 1.0)
    # n.h ** 24 by repeated squaring: a float power costs ten times more.
    n2 = n_dot_h * n_dot_h
    n8 = n2 * n2
    n8 *= n8
    spec = n8 * n8
    spec *= n8
    spec *= specular
    # Occlusion from a quarter-size blur: the neighbourhood mean is smooth anyway.
    h, w = z.shape
    small = cv2.resize(z, (max(w // 4, 1), max(h // 4, 1)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), occlusion_sigma / 4.0)
    blurred = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    occlusion = np.clip(1.0 - (blurred - z) * (1.0 / (occlusion_sigma * 1.3)), 0.55, 1.0)
    result *= 1.0 - ambient
    result += ambient
    result *= occlusion
    result += spec
    return f32(cv2.resize(result, (full_w, full_h), interpolation=cv2.INTER_LINEAR))
