"""Who a synthetic demo person is (FaceIdentity) and how one photo of them came out (FaceVariation).

Plain values: app/demo/faces.py draws them from seeds and renders them, and the painting modules
(face_layout, face_parts, face_extras) read them; keeping them here lets those import no renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.demo.face_paint import Colour


@dataclass(frozen=True)
class FaceIdentity:
    """Everything that makes one synthetic person look like themselves.

    Lengths are relative: ``*_width``/``*_spacing``/``*_thick``/``*_gap`` in units of the face's
    half-width, ``face_length`` as half-length over half-width, ``eye_y``/``hairline`` in units
    of the half-length, ``nose_length``/``mouth_y`` as fractions of the distance to the chin.
    Colours are BGR in 0..1.
    """

    seed: int
    male: bool
    face_width: float
    face_length: float
    jaw_square: float
    chin_taper: float
    cheek: float
    eye_y: float
    eye_spacing: float
    eye_width: float
    eye_open: float
    eye_tilt: float
    double_lid: bool
    iris_size: float
    iris_bgr: Colour
    brow_gap: float
    brow_thick: float
    brow_arch: float
    brow_length: float
    brow_tilt: float
    brow_density: float
    nose_length: float
    nose_width: float
    nose_bridge: float
    mouth_y: float
    mouth_width: float
    lip_upper: float
    lip_lower: float
    lip_bgr: Colour
    skin_bgr: Colour
    blush: float
    moles: tuple[tuple[float, float, float], ...]
    age: float
    hair_style: int  # 0 crop, 1 side part, 2 long, 3 bob with bangs, 4 buzz, 5 bun
    hair_bgr: Colour
    hair_volume: float
    hair_length: float
    hairline: float
    temple_dip: float
    part_side: float
    ear_size: float
    ear_out: float
    neck_width: float
    shoulders: float  # half-width of the shoulders in face half-widths
    glasses: int  # 0 none, 1 thin metal, 2 dark plastic
    beard: int  # 0 none, 1 moustache, 2 chin tuft, 3 full
    beard_density: float
    shirt_bgr: Colour
    collar: bool


@dataclass(frozen=True)
class FaceVariation:
    """One photo's circumstances. Angles in degrees; light azimuth 0 = from the right, -90 = above."""

    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0
    scale: float = 1.0
    shift_x: float = 0.0  # fraction of the canvas width
    shift_y: float = 0.0
    light_azimuth: float = -90.0
    light_elevation: float = 22.0  # angle between light and camera axis
    light_intensity: float = 1.0
    ambient: float = 0.42
    warmth: float = 0.0  # -1 cool (fluorescent) .. +1 warm (tungsten)
    smile: float = 0.0
    mouth_open: float = 0.0
    eye_open: float = 1.0
    gaze: float = 0.0  # -1 .. 1, horizontal
    background: str = "id_white"  # id_white, id_blue, id_red, gradient, office
    background_seed: int = 0
    noise_sigma: float = 0.0  # in 8-bit levels
    blur_sigma: float = 0.0  # pixels at 320 x 400
    noise_seed: int = 0


NEUTRAL = FaceVariation()
