"""Small anti-aliased painting helpers shared by the face part modules.

All painting goes through a uint8 mask drawn on a tight window (OpenCV's anti-aliasing works on
8-bit images, and a window keeps each part's cost proportional to its size), then blends a colour
into the float albedo image. Coordinates are sub-pixel: OpenCV's ``shift`` argument takes them as
fixed point with 4 fractional bits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

FloatImage = npt.NDArray[np.float32]
Points = npt.NDArray[np.float64]  # shape (n, 2), canvas x/y
Colour = tuple[float, float, float]  # BGR in 0..1 (may exceed 1 for highlights)

_SHIFT = 4
_ONE = 1 << _SHIFT


def f32(array: object) -> FloatImage:
    """View an OpenCV result as float32 (no copy): OpenCV's stubs type results loosely."""
    return np.asarray(array, dtype=np.float32)


def bgr_scalar(colour: Sequence[float]) -> tuple[float, float, float, float]:
    """A BGR colour as the 4-element scalar OpenCV's arithmetic takes for a per-channel constant."""
    return (float(colour[0]), float(colour[1]), float(colour[2]), 0.0)


def _window(
    shape: tuple[int, ...], polys: Sequence[Points], margin: float
) -> tuple[int, int, int, int] | None:
    allpts = np.concatenate(polys, axis=0)
    x0 = max(int(np.floor(allpts[:, 0].min() - margin)), 0)
    y0 = max(int(np.floor(allpts[:, 1].min() - margin)), 0)
    x1 = min(int(np.ceil(allpts[:, 0].max() + margin)) + 1, shape[1])
    y1 = min(int(np.ceil(allpts[:, 1].max() + margin)) + 1, shape[0])
    if x0 >= x1 or y0 >= y1:
        return None
    return x0, y0, x1, y1


def poly_mask(
    shape: tuple[int, ...],
    polys: Sequence[Points],
    *,
    closed: bool = True,
    thickness: float = 0.0,
    blur: float = 0.0,
) -> tuple[tuple[int, int, int, int], FloatImage] | None:
    """Rasterise filled polygons (or polylines when ``thickness`` > 0) into a soft 0..1 mask.

    Returns the window (x0, y0, x1, y1) and the mask for it, or None when fully off-canvas.
    """
    margin = thickness + 3.0 * blur + 2.0
    win = _window(shape, polys, margin)
    if win is None:
        return None
    x0, y0, x1, y1 = win
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    fixed = [np.round((p - (x0, y0)) * _ONE).astype(np.int32) for p in polys]
    if thickness > 0.0:
        cv2.polylines(mask, fixed, closed, 255, max(round(thickness), 1), cv2.LINE_AA, _SHIFT)
    else:
        cv2.fillPoly(mask, fixed, 255, cv2.LINE_AA, shift=_SHIFT)
    soft = mask.astype(np.float32) * (1.0 / 255.0)
    if blur > 0.0:
        soft = f32(cv2.GaussianBlur(soft, (0, 0), blur))
    return win, soft


def mix(roi: FloatImage, mask: FloatImage, colour: Colour | FloatImage) -> None:
    """``roi += (colour - roi) * mask`` in place, for a 3-channel ``roi`` and 1-channel ``mask``.

    Written with OpenCV calls because numpy's broadcasting of a mask over three channels is about
    three times slower, and these blends are most of a render's full-canvas passes.
    """
    if isinstance(colour, np.ndarray):
        diff = cv2.subtract(colour, roi)
    else:
        diff = cv2.subtract(bgr_scalar(colour), roi)  # type: ignore[call-overload]  # scalar operand
    cv2.multiply(diff, cv2.merge((mask, mask, mask)), dst=diff)
    cv2.add(roi, diff, dst=roi)


def times(img: FloatImage, factor: FloatImage) -> None:
    """``img *= factor`` per pixel over all three channels, in place (OpenCV, see ``mix``)."""
    cv2.multiply(img, cv2.merge((factor, factor, factor)), dst=img)


def tinted(colour: Colour, factor: FloatImage) -> FloatImage:
    """A 3-channel image ``colour * factor``: a flat colour modulated by a texture."""
    return f32(cv2.merge(tuple(factor * np.float32(c) for c in colour)))


def blend(
    img: FloatImage,
    win: tuple[int, int, int, int],
    mask: FloatImage,
    colour: Colour | FloatImage,
    alpha: float = 1.0,
) -> None:
    """Blend ``colour`` (a BGR triple or a window-sized image) into ``img`` through ``mask``."""
    x0, y0, x1, y1 = win
    mix(img[y0:y1, x0:x1], mask * np.float32(alpha) if alpha != 1.0 else mask, colour)


def paint(
    img: FloatImage,
    polys: Sequence[Points],
    colour: Colour,
    alpha: float = 1.0,
    *,
    closed: bool = True,
    thickness: float = 0.0,
    blur: float = 0.0,
) -> None:
    """Rasterise and blend in one call, the common case."""
    got = poly_mask(img.shape, polys, closed=closed, thickness=thickness, blur=blur)
    if got is not None:
        blend(img, got[0], got[1], colour, alpha)


def ellipse_points(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0, n: int = 28) -> Points:
    """Polygon approximating a rotated ellipse (``angle`` in radians)."""
    t = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    ca, sa = np.cos(angle), np.sin(angle)
    ex, ey = rx * np.cos(t), ry * np.sin(t)
    return np.stack([cx + ex * ca - ey * sa, cy + ex * sa + ey * ca], axis=1)


_BANK_SIZE = 1 << 21


@lru_cache(maxsize=1)
def _noise_bank() -> FloatImage:
    """Two million standard-normal samples drawn once (~20 ms) and sliced ever after.

    Drawing fresh Gaussian noise for every render cost more than the whole face; a slice at a
    seed-chosen offset is just as deterministic and free.
    """
    bank = np.random.default_rng(0x5EED).standard_normal(_BANK_SIZE, dtype=np.float32)
    bank.setflags(write=False)
    return bank


def noise(seed: int | Sequence[int], shape: tuple[int, ...]) -> FloatImage:
    """Read-only standard-normal noise of ``shape``, deterministic in ``seed``."""
    n = int(np.prod(shape))
    if n >= _BANK_SIZE // 2:
        return np.random.default_rng(seed).standard_normal(shape, dtype=np.float32)
    offset = int(np.random.default_rng(seed).integers(0, _BANK_SIZE - n))
    return _noise_bank()[offset : offset + n].reshape(shape)


def texture(seed: int | Sequence[int], height: int, width: int, streak: tuple[int, int]) -> FloatImage:
    """Unit-variance noise smeared along ``streak`` (kernel w, h): hair strands, stubble, skin grain."""
    raw = noise(seed, (height, width))
    smeared = f32(cv2.blur(raw, streak))
    smeared *= np.float32(1.0 / max(float(smeared[::7, ::7].std()), 1e-6))
    return smeared


def blob(img: FloatImage, x0: float, y0: float, sx: float, sy: float, colour: Colour, alpha: float) -> None:
    """Blend a Gaussian-shaped soft spot (blush, shadows): separable, so far cheaper than a blur."""
    h, w = img.shape[:2]
    xa, xb = max(int(x0 - 2.5 * sx), 0), min(int(x0 + 2.5 * sx) + 2, w)
    ya, yb = max(int(y0 - 2.5 * sy), 0), min(int(y0 + 2.5 * sy) + 2, h)
    if xa >= xb or ya >= yb:
        return
    gx = np.exp(-0.5 * ((np.arange(xa, xb, dtype=np.float32) - x0) / sx) ** 2)
    gy = np.exp(-0.5 * ((np.arange(ya, yb, dtype=np.float32) - y0) / sy) ** 2)
    mix(img[ya:yb, xa:xb], np.outer(gy * np.float32(alpha), gx), colour)
