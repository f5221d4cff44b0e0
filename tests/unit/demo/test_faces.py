"""Synthetic faces against the real dlib models: found by HOG, told apart by the ResNet embedding.

These are the properties the demo workspace relies on: every enrolment photo yields exactly one
face, and a capture of the same learner is nearer to their enrolment than anyone else's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.demo.faces import NEUTRAL, FaceVariation, identity_for, render_face, variation_for

dlib = pytest.importorskip("dlib")
face_recognition_models = pytest.importorskip("face_recognition_models")

MODELS = Path(face_recognition_models.__path__[0]) / "models"


class Dlib:
    """HOG detector (upsample 1), 5-point landmarks and the ResNet embedding, loaded once."""

    def __init__(self) -> None:
        self.detector = dlib.get_frontal_face_detector()
        self.shapes = dlib.shape_predictor(str(MODELS / "shape_predictor_5_face_landmarks.dat"))
        self.embedder = dlib.face_recognition_model_v1(
            str(MODELS / "dlib_face_recognition_resnet_model_v1.dat")
        )

    def detect(self, bgr: np.ndarray) -> list[object]:
        return list(self.detector(np.ascontiguousarray(bgr[:, :, ::-1]), 1))

    def embed(self, bgr: np.ndarray) -> np.ndarray | None:
        rgb = np.ascontiguousarray(bgr[:, :, ::-1])
        found = self.detector(rgb, 1)
        if len(found) != 1:
            return None
        return np.asarray(self.embedder.compute_face_descriptor(rgb, self.shapes(rgb, found[0])))


@pytest.fixture(scope="module")
def models() -> Dlib:
    return Dlib()


def test_render_is_deterministic_and_sized() -> None:
    ident = identity_for(7)
    assert ident == identity_for(7)
    assert variation_for(3) == variation_for(3)
    a = render_face(ident, variation_for(3))
    b = render_face(identity_for(7), variation_for(3))
    assert a.shape == (400, 320, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)
    assert np.array_equal(render_face(ident), render_face(ident, NEUTRAL))
    assert not np.array_equal(render_face(identity_for(8)), render_face(ident))
    assert render_face(ident, size=(200, 250)).shape == (250, 200, 3)


def test_identities_and_variations_differ() -> None:
    """Seeds must spread over the parameter space, not collapse to a few look-alikes."""
    widths = {identity_for(s).face_width for s in range(50)}
    assert len(widths) == 50
    assert FaceVariation() == NEUTRAL
    assert len({variation_for(s).yaw for s in range(20)}) == 20


def test_every_enrolment_render_has_exactly_one_face(models: Dlib) -> None:
    misses = {seed: len(models.detect(render_face(identity_for(seed)))) for seed in range(30)}
    assert {seed: n for seed, n in misses.items() if n != 1} == {}


@pytest.mark.slow
def test_variation_renders_are_identified_against_enrolment(models: Dlib) -> None:
    """Rank-1 identification of 12 identities x 3 variations against their NEUTRAL renders."""
    people = range(100, 112)
    enrolled = [models.embed(render_face(identity_for(p))) for p in people]
    assert all(e is not None for e in enrolled)
    gallery = np.stack([e for e in enrolled if e is not None])
    genuine: list[float] = []
    impostor: list[float] = []
    hits = trials = 0
    for k, person in enumerate(people):
        for j in range(3):
            probe = models.embed(render_face(identity_for(person), variation_for(person * 10 + j)))
            trials += 1
            if probe is None:
                continue  # counts as a miss
            d = np.linalg.norm(gallery - probe, axis=1)
            hits += int(np.argmin(d) == k)
            genuine.append(float(d[k]))
            impostor.extend(float(x) for x in np.delete(d, k))
    assert hits / trials >= 0.9, f"rank-1 {hits}/{trials}"
    assert np.median(genuine) < 0.75 * np.median(impostor), (np.median(genuine), np.median(impostor))
