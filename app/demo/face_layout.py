"""Pixel layout of one synthetic face: where every part goes on the canvas.

Identity parameters are relative (fractions of the face's half-width ``a`` or half-length ``b``);
this module turns them, together with a variation's scale, shift and expression, into pixel
positions once, so the drawing modules never repeat the arithmetic and always agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo.face_identity import FaceIdentity, FaceVariation


@dataclass(frozen=True)
class FaceLayout:
    """Pixel geometry, all in canvas coordinates (x right, y down)."""

    cx: float  # head centre; the face oval spans cy-b .. cy+b
    cy: float
    a: float  # half-width of the face oval
    b: float  # half-length of the face oval (crown to chin)
    jaw_k: float  # superellipse exponent of the lower face: 2 = oval, 3 = square jaw
    chin_taper: float
    eye_y: float
    eye_dx: float  # half the distance between the eye centres
    eye_w: float  # half-width of one eye opening
    eye_h: float  # half-height of the opening (after expression)
    eye_tilt: float  # radians, outer corner up when positive
    brow_y: float
    brow_thick: float
    nose_top_y: float
    nose_tip_y: float
    nose_w: float  # half-width of the nostril wings
    mouth_y: float
    mouth_w: float  # half-width of the mouth
    lip_upper: float  # thickness in px
    lip_lower: float
    smile: float  # 0..1, lifts the mouth corners
    mouth_open: float  # px between the lips
    hairline_y: float
    ear_y: float
    ear_h: float
    chin_y: float
    gaze_dx: float  # iris offset in px, same for both eyes


def layout_face(identity: FaceIdentity, variation: FaceVariation, width: int, height: int) -> FaceLayout:
    """Place the face on a ``width`` x ``height`` canvas in the ID-photo framing.

    The framing follows Chinese licence photos: the head fills a bit over half the height, eyes
    slightly above the middle. Scale and shift come from the variation so the same code serves
    enrolment renders and the looser capture framing.
    """
    base = min(width / 320.0, height / 400.0)
    a = 84.0 * base * identity.face_width * variation.scale
    b = a * identity.face_length
    cx = width / 2.0 + variation.shift_x * width
    cy = height * 0.47 + variation.shift_y * height
    eye_y = cy + identity.eye_y * b
    eye_w = a * identity.eye_width
    # Smiling narrows the eyes a little, as real smiles do (not another person's eye shape).
    openness = identity.eye_open * variation.eye_open * (1.0 - 0.18 * variation.smile)
    eye_h = eye_w * max(openness, 0.04)
    chin_y = cy + b
    nose_tip_y = eye_y + (chin_y - eye_y) * identity.nose_length
    mouth_y = nose_tip_y + (chin_y - nose_tip_y) * identity.mouth_y
    mouth_w = a * identity.mouth_width * (1.0 + 0.12 * variation.smile)
    return FaceLayout(
        cx=cx,
        cy=cy,
        a=a,
        b=b,
        jaw_k=identity.jaw_square,
        chin_taper=identity.chin_taper,
        eye_y=eye_y,
        eye_dx=a * identity.eye_spacing,
        eye_w=eye_w,
        eye_h=eye_h,
        eye_tilt=identity.eye_tilt,
        brow_y=eye_y - a * identity.brow_gap,
        brow_thick=a * identity.brow_thick,
        nose_top_y=eye_y - 0.05 * a,
        nose_tip_y=nose_tip_y,
        nose_w=a * identity.nose_width,
        mouth_y=mouth_y,
        mouth_w=mouth_w,
        lip_upper=a * identity.lip_upper,
        lip_lower=a * identity.lip_lower,
        smile=variation.smile,
        mouth_open=a * 0.16 * variation.mouth_open,
        hairline_y=cy - b * identity.hairline,
        ear_y=eye_y + 0.22 * a,
        ear_h=a * identity.ear_size,
        chin_y=chin_y,
        gaze_dx=variation.gaze * eye_w * 0.25,
    )


def half_width_at(layout: FaceLayout, y: float) -> float:
    """Half-width of the face oval at canvas row ``y`` (0 outside the oval).

    The cranium is an ellipse; the lower face is a superellipse whose exponent makes the jaw round
    or square, narrowed towards the chin by the taper. Parts (ears, hair, beard) use this to hug
    the outline exactly.
    """
    v = (y - layout.cy) / layout.b
    if v <= -1.0 or v >= 1.0:
        return 0.0
    if v < 0.0:
        return layout.a * (1.0 - v * v) ** 0.5
    k = layout.jaw_k
    return layout.a * (1.0 - v**k) ** (1.0 / k) * (1.0 - layout.chin_taper * v * v)
