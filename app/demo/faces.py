"""Synthetic human faces for the demo workspace, drawn entirely by the project.

Nothing here is downloaded: a face is a deterministic function of a seed. ``identity_for(seed)``
draws who someone is (proportions, features, skin, hair, glasses, beard); ``variation_for(seed)``
draws how one photo of them came out (pose, scale, light, expression, background, noise). The
renderer builds albedo, alpha and a height field, lights them once (``face_shading``), and warps
for pose.

Why this much realism: the console's pipeline runs dlib's HOG detector and ResNet embedding on these
pictures. HOG wants a face's gradient layout (brows and eyes darker than forehead and cheeks, a lit
nose ridge, a mouth line, a shaded outline); the embedding needs proportions and features that vary
between identities far more than between photos of one identity. Flat cartoons fail both.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from app.demo.face_extras import (
    Layers,
    background,
    paint_body,
    paint_ears,
    paint_glasses,
    paint_hair_back,
    paint_hair_front,
)
from app.demo.face_identity import NEUTRAL, FaceIdentity, FaceVariation
from app.demo.face_layout import layout_face
from app.demo.face_paint import Colour, FloatImage, bgr_scalar, f32, noise, texture, times, tinted
from app.demo.face_parts import (
    paint_beard,
    paint_brows,
    paint_eyes,
    paint_mouth,
    paint_nose,
    paint_skin_marks,
)
from app.demo.face_shading import face_mask_and_depth, pixel_grid, sculpt, shade

BgrImage = npt.NDArray[np.uint8]


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def _colour(rng: np.random.Generator, bgr: tuple[float, float, float], jitter: float) -> Colour:
    b, g, r = (float(np.clip(c + rng.uniform(-jitter, jitter), 0.0, 1.0)) for c in bgr)
    return (b, g, r)


def identity_for(face_seed: int) -> FaceIdentity:
    """Deterministic identity for ``face_seed`` (same seed, same person, on every machine)."""
    rng = np.random.default_rng([0x1D, face_seed])
    male = bool(rng.random() < 0.55)
    tone = _u(rng, 0.0, 1.0)  # light to tan; the learners are mostly Han Chinese
    skin = (0.62 - 0.22 * tone, 0.72 - 0.2 * tone, 0.86 - 0.12 * tone)
    skin = _colour(rng, skin, 0.03)
    age = _u(rng, 0.0, 1.0)
    hair_grey = max(age - 0.55, 0.0) * _u(rng, 0.0, 1.0) * 1.0
    hair_base = (
        _colour(rng, (0.06, 0.07, 0.09), 0.03)
        if rng.random() < 0.85
        else _colour(rng, (0.08, 0.13, 0.2), 0.04)
    )
    hair = (hair_base[0] + hair_grey, hair_base[1] + hair_grey, hair_base[2] + hair_grey)
    styles = (0, 1, 1, 4) if male else (2, 2, 3, 5)
    style = int(rng.choice(styles))
    beard = int(rng.choice([0, 0, 0, 1, 2, 3])) if male else 0
    glasses = int(rng.choice([0, 0, 0, 0, 1, 2]))
    moles = tuple(
        (_u(rng, -0.7, 0.7), _u(rng, -0.3, 0.75), _u(rng, 0.012, 0.03))
        for _ in range(int(rng.integers(0, 4)))
    )
    shirt = _colour(rng, tuple(float(c) for c in rng.uniform(0.1, 0.8, 3)), 0.0)  # type: ignore[arg-type]
    return FaceIdentity(
        seed=face_seed,
        male=male,
        face_width=_u(rng, 0.9, 1.12) * (1.03 if male else 0.97),
        face_length=_u(rng, 1.22, 1.45),
        jaw_square=_u(rng, 2.2, 3.4) if male else _u(rng, 1.9, 2.7),
        chin_taper=_u(rng, 0.0, 0.28),
        cheek=_u(rng, 0.4, 1.6),
        eye_y=_u(rng, -0.04, 0.08),
        eye_spacing=_u(rng, 0.35, 0.45),
        eye_width=_u(rng, 0.19, 0.26),
        eye_open=_u(rng, 0.26, 0.46),
        eye_tilt=_u(rng, -0.06, 0.18),
        double_lid=bool(rng.random() < 0.5),
        iris_size=_u(rng, 0.44, 0.56),
        iris_bgr=_colour(rng, (0.08, 0.12, 0.2), 0.05),
        brow_gap=_u(rng, 0.2, 0.33),
        brow_thick=_u(rng, 0.07, 0.12) if male else _u(rng, 0.045, 0.085),
        brow_arch=_u(rng, 0.0, 1.0),
        brow_length=_u(rng, 0.0, 1.0),
        brow_tilt=_u(rng, -1.0, 1.0),
        brow_density=_u(rng, 0.4, 1.0),
        nose_length=_u(rng, 0.36, 0.5),
        nose_width=_u(rng, 0.16, 0.27),
        nose_bridge=_u(rng, 0.5, 1.4),
        mouth_y=_u(rng, 0.28, 0.42),
        mouth_width=_u(rng, 0.3, 0.46),
        lip_upper=_u(rng, 0.04, 0.09),
        lip_lower=_u(rng, 0.06, 0.13),
        lip_bgr=_colour(rng, (0.35, 0.35, 0.7) if male else (0.3, 0.28, 0.72), 0.06),
        skin_bgr=skin,
        blush=_u(rng, 0.0, 1.0),
        moles=moles,
        age=age,
        hair_style=style,
        hair_bgr=hair,
        hair_volume=_u(rng, 0.0, 1.0),
        hair_length=_u(rng, 0.0, 1.0),
        hairline=_u(rng, 0.5, 0.72),
        temple_dip=_u(rng, 0.0, 0.3),
        part_side=_u(rng, -1.0, 1.0),
        ear_size=_u(rng, 0.45, 0.62),
        ear_out=_u(rng, 0.8, 1.3),
        neck_width=_u(rng, 0.85, 1.15),
        shoulders=_u(rng, 2.2, 2.6) if male else _u(rng, 1.95, 2.3),
        glasses=glasses,
        beard=beard,
        beard_density=_u(rng, 0.5, 0.95),
        shirt_bgr=shirt,
        collar=bool(rng.random() < 0.6),
    )


def variation_for(variation_seed: int) -> FaceVariation:
    """Deterministic photo circumstances: mild pose, light and expression changes, like captures."""
    rng = np.random.default_rng([0x5A, variation_seed])
    smiling = rng.random() < 0.4
    return FaceVariation(
        yaw=_u(rng, -18.0, 18.0),
        pitch=_u(rng, -8.0, 8.0),
        roll=_u(rng, -10.0, 10.0),
        scale=_u(rng, 0.88, 1.1),
        shift_x=_u(rng, -0.04, 0.04),
        shift_y=_u(rng, -0.03, 0.03),
        light_azimuth=_u(rng, -160.0, -20.0),
        light_elevation=_u(rng, 10.0, 45.0),
        light_intensity=_u(rng, 0.7, 1.2),
        ambient=_u(rng, 0.25, 0.5),
        warmth=_u(rng, -1.0, 1.0),
        smile=_u(rng, 0.3, 1.0) if smiling else 0.0,
        mouth_open=_u(rng, 0.0, 0.7) if rng.random() < 0.3 else 0.0,
        eye_open=_u(rng, 0.75, 1.1),
        gaze=_u(rng, -1.0, 1.0),
        background=str(rng.choice(["id_white", "id_blue", "gradient", "office", "office"])),
        background_seed=int(rng.integers(0, 2**31)),
        noise_sigma=_u(rng, 0.0, 6.0),
        blur_sigma=_u(rng, 0.0, 1.2),
        noise_seed=int(rng.integers(0, 2**31)),
    )


def render_person(
    identity: FaceIdentity, variation: FaceVariation = NEUTRAL, size: tuple[int, int] = (320, 400)
) -> tuple[FloatImage, FloatImage]:
    """The lit person without background: BGR float32 (0..1, premultiplied) and alpha.

    Scene compositors (capture photos, classroom clips) use this to place a person on their own
    backgrounds; ``render_face`` composites onto the variation's ID-photo style background.
    """
    w, h = size
    lay = layout_face(identity, variation, w, h)
    layers = Layers(
        np.zeros((h, w, 3), np.float32), np.zeros((h, w), np.float32), np.zeros((h, w), np.float32)
    )
    paint_body(layers, lay, identity)
    paint_hair_back(layers, lay, identity)
    paint_ears(layers, lay, identity)
    win = _face_window(lay.cx, lay.cy, lay.a, lay.b, w, h)
    x0, y0, x1, y1 = win
    face_mask, face_depth = face_mask_and_depth(lay, win)
    sculpt(face_depth, (x0, y0), lay, identity.nose_bridge, identity.cheek)
    grain = texture([0x6A, identity.seed], y1 - y0, x1 - x0, (3, 3))
    skin = tinted(identity.skin_bgr, 1.0 + 0.015 * grain)
    layers.put(win, face_mask, skin, face_depth)
    paint_skin_marks(layers.albedo, lay, identity, identity.skin_bgr)
    paint_beard(layers.albedo, lay, identity)
    paint_nose(layers.albedo, lay, identity.skin_bgr)
    paint_brows(layers.albedo, lay, identity, identity.skin_bgr)
    paint_eyes(layers.albedo, lay, identity, identity.skin_bgr)
    paint_mouth(layers.albedo, lay, identity, identity.skin_bgr)
    paint_hair_front(layers, lay, identity, face_mask, win)

    az, el = math.radians(variation.light_azimuth), math.radians(variation.light_elevation)
    light = (math.sin(el) * math.cos(az), math.sin(el) * math.sin(az), math.cos(el))
    shading = shade(layers.depth, light, variation.ambient, 0.12, max(lay.a * 0.1, 1.0))
    shading *= layers.alpha
    shading *= np.float32(variation.light_intensity)
    lit = layers.albedo
    times(lit, shading)
    paint_glasses(lit, lay, identity, layers.alpha)
    return _pose_warp(lit, layers.alpha, layers.depth, lay.cx, lay.chin_y, lay.a, variation)


def _pose_warp(
    img: FloatImage,
    alpha: FloatImage,
    depth: FloatImage,
    cx: float,
    chin_y: float,
    a: float,
    var: FaceVariation,
) -> tuple[FloatImage, FloatImage]:
    """Turn the head: yaw/pitch shift each pixel by its depth, roll tilts it about the chin.

    A depth-proportional shift is the small-angle form of a 3-D rotation (x' = x + z sin yaw); it
    moves the nose more than the cheeks, which is what makes a turned face read as turned. The
    shoulders stay put (the head turns on the neck), so the whole warp fades out below the chin,
    and only the head's window is remapped.
    """
    if var.yaw == 0.0 and var.pitch == 0.0 and var.roll == 0.0:
        return img, alpha
    h, w = alpha.shape
    x0, x1 = max(int(cx - 2.9 * a), 0), min(int(cx + 2.9 * a) + 1, w)
    y0, y1 = 0, min(int(chin_y + 2.3 * a) + 1, h)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return img, alpha
    # The smooth displacement is computed on a quarter grid; the exact grid keeps edges seamless.
    q = 4
    cw, ch = (x1 - x0) // q, (y1 - y0) // q
    xs = x0 + (np.arange(cw, dtype=np.float32) + 0.5) * ((x1 - x0) / cw) - 0.5
    ys = y0 + (np.arange(ch, dtype=np.float32) + 0.5) * ((y1 - y0) / ch) - 0.5
    # Yaw and pitch fade out below the chin; roll, leaning shoulders and hair, further down.
    fade = np.clip((chin_y + 0.3 * a - ys) / (0.4 * a), 0.0, 1.0)[:, None]
    lean = np.clip((chin_y + 2.2 * a - ys) / (1.0 * a), 0.0, 1.0)[:, None]
    # A slightly smoothed depth keeps the head's outline from tearing where depth is steep.
    z = cv2.resize(depth[y0:y1, x0:x1], (cw, ch), interpolation=cv2.INTER_AREA)
    z = f32(cv2.GaussianBlur(z, (0, 0), 0.02 * a + 0.5)) * fade
    # Rigid roll about the chin (the head tilts on the neck), fading down the body.
    r = math.radians(var.roll)
    c, s = math.cos(r), math.sin(r) * lean
    dx, dy = xs[None, :] - cx, ys[:, None] - chin_y
    base_x = cx + (1.0 + (c - 1.0) * lean) * dx + s * dy
    base_y = chin_y - s * dx + (1.0 + (c - 1.0) * lean) * dy
    kx, ky = math.sin(math.radians(var.yaw)), -math.sin(math.radians(var.pitch))
    # Backward mapping wants the depth at the *source* point; one fixed-point step gets close.
    src_x = ((base_x - kx * z) - x0 + 0.5) * (cw / (x1 - x0)) - 0.5
    src_y = ((base_y - ky * z) - y0 + 0.5) * (ch / (y1 - y0)) - 0.5
    z_src = cv2.remap(
        z,
        src_x.astype(np.float32),
        src_y.astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
    )
    disp_x = (base_x - kx * z_src - xs[None, :]).astype(np.float32)
    disp_y = (base_y - ky * z_src - ys[:, None]).astype(np.float32)
    gx, gy = pixel_grid(w, h)
    map_x = f32(cv2.resize(disp_x, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR))
    map_x += gx[y0:y1, x0:x1] - np.float32(x0)
    map_y = f32(cv2.resize(disp_y, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR))
    map_y += gy[y0:y1, x0:x1] - np.float32(y0)
    img[y0:y1, x0:x1] = cv2.remap(
        img[y0:y1, x0:x1], map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    alpha[y0:y1, x0:x1] = cv2.remap(
        alpha[y0:y1, x0:x1], map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return img, alpha


def finish(img: FloatImage, var: FaceVariation, scale_px: float) -> BgrImage:
    """Camera effects and 8-bit conversion: optical blur, white balance, then sensor noise.

    White balance (``warmth``) tints the whole frame, background included, as a camera does.
    """
    if var.blur_sigma > 0.05:
        img = f32(cv2.GaussianBlur(img, (0, 0), var.blur_sigma * scale_px))
    gain = bgr_scalar((255.0 * (1.0 - 0.07 * var.warmth), 255.0, 255.0 * (1.0 + 0.05 * var.warmth)))
    out = f32(cv2.multiply(img, gain))  # type: ignore[call-overload]  # scalar operand
    if var.noise_sigma > 0.0:
        out = f32(cv2.scaleAdd(noise([0x7B, var.noise_seed], out.shape), var.noise_sigma, out))
    np.clip(out, 0.0, 255.0, out=out)
    return out.astype(np.uint8)


def _face_window(cx: float, cy: float, a: float, b: float, w: int, h: int) -> tuple[int, int, int, int]:
    """Bounding window of the face oval: skin work is limited to it."""
    return (
        max(int(cx - a) - 2, 0),
        max(int(cy - b) - 2, 0),
        min(int(cx + a) + 3, w),
        min(int(cy + b) + 3, h),
    )


def render_face(
    identity: FaceIdentity, variation: FaceVariation = NEUTRAL, size: tuple[int, int] = (320, 400)
) -> BgrImage:
    """Portrait (ID-photo style) of ``identity`` under ``variation``: BGR uint8, ``size`` = (w, h)."""
    w, h = size
    person, alpha = render_person(identity, variation, size)
    bg = background(variation.background, variation.background_seed, w, h)
    times(bg, 1.0 - alpha)
    cv2.add(bg, person, dst=bg)
    return finish(bg, variation, min(w / 320.0, h / 400.0))
