"""Detection, identification and photo scoring with the real dlib models on real faces."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.domain.enums import PhotoFlag
from app.domain.observation import Box
from app.vision.calibration import calibrate_folder, labelled_photos
from app.vision.enrolment import embed_photo, read_rgb
from app.vision.face_engine import DlibFaceEngine, Embedding, distance
from app.vision.photo_quality import PhotoScorer, QualityLimits
from app.vision.tracker import iou

pytestmark = pytest.mark.faces


@pytest.fixture(scope="module")
def gallery(engine: DlibFaceEngine, faces_dir: Path) -> dict[str, Embedding]:
    enrolled, _ = labelled_photos(faces_dir)
    vectors: dict[str, Embedding] = {}
    for name, paths in enrolled.items():
        image = read_rgb(paths[0])
        assert image is not None
        vector, count = embed_photo(engine, image)
        assert vector is not None and count == 1, f"{name}: {count} faces in the enrolment photo"
        assert vector.shape == (128,) and vector.dtype == np.float32
        vectors[name] = vector
    assert len(vectors) == 6
    return vectors


def test_engine_id_names_models_and_versions(engine: DlibFaceEngine) -> None:
    assert engine.engine_id.startswith("dlib-hog+sp5+resnet-v1/dlib-")
    assert "frm-" in engine.engine_id and "frm-" in engine.embedding_id


def test_every_probe_is_identified_as_its_own_identity(
    engine: DlibFaceEngine, faces_dir: Path, gallery: dict[str, Embedding]
) -> None:
    _, probes = labelled_photos(faces_dir)
    checked = 0
    for name, paths in probes.items():
        for path in paths:
            image = read_rgb(path)
            assert image is not None
            vector, count = embed_photo(engine, image)
            assert vector is not None and count >= 1, f"no face found in {path.name}"
            ranked = sorted((distance(vector, v), other) for other, v in gallery.items())
            assert ranked[0][1] == name, f"{path.name}: {ranked[:2]}"
            assert ranked[0][0] < 0.6 < ranked[1][0], f"{path.name}: {ranked[:2]}"
            checked += 1
    assert checked == 8


def test_detection_reports_boxes_scores_and_five_landmarks(engine: DlibFaceEngine, faces_dir: Path) -> None:
    image = read_rgb(faces_dir / "enrolled" / "obama.jpg")
    assert image is not None
    [face] = engine.detect(image, upsample=0)
    assert face.score > 0 and len(face.landmarks5) == 5
    assert all(
        face.box.left <= x <= face.box.right and face.box.top <= y <= face.box.bottom + 20
        for x, y in face.landmarks5
    )
    # A region of interest that excludes the face finds nothing; one around it finds the same face.
    box = face.box
    assert engine.detect(image, roi=Box(0, 0, max(17, box.left - 10), image.shape[0])) == []
    around = Box(box.left - 60, box.top - 60, box.right + 60, box.bottom + 60)
    [again] = engine.detect(image, roi=around)
    assert iou(again.box, box) > 0.8  # HOG's cell grid moves with the crop's origin: not pixel-equal


def test_score_photo_flags(engine: DlibFaceEngine, faces_dir: Path, gallery: dict[str, Embedding]) -> None:
    scorer = PhotoScorer(engine, threshold=0.6, limits=QualityLimits(min_face_px=60, min_sharpness=15))
    probe = read_rgb(faces_dir / "probes" / "biden" / "biden2.jpg")
    assert probe is not None
    good = scorer.score_photo(probe, [gallery["biden"]])
    assert good.flags == frozenset() and good.passed and good.face_count == 1
    assert good.distance is not None and good.distance < 0.6 and good.face_px > 200 and good.sharpness > 100

    assert scorer.score_photo(probe, [gallery["obama"]]).flags == {PhotoFlag.MISMATCH}

    blank = np.full((480, 640, 3), 127, np.uint8)
    assert scorer.score_photo(blank, [gallery["biden"]]).flags == {PhotoFlag.NO_FACE}

    blurred = np.asarray(cv2.GaussianBlur(probe, (0, 0), 6), np.uint8)
    assert PhotoFlag.LOW_QUALITY in scorer.score_photo(blurred, [gallery["biden"]]).flags

    tiny = np.asarray(cv2.resize(probe, (120, 120), interpolation=cv2.INTER_AREA), np.uint8)
    tiny_score = scorer.score_photo(tiny, [gallery["biden"]])
    assert tiny_score.face_count == 1 and tiny_score.face_px < 60
    assert PhotoFlag.LOW_QUALITY in tiny_score.flags

    # Two people in one photo: flagged, and scored on the one who matches the learner.
    obama = read_rgb(faces_dir / "enrolled" / "obama.jpg")
    biden = read_rgb(faces_dir / "enrolled" / "biden.jpg")
    assert obama is not None and biden is not None
    side = [cv2.resize(x, (x.shape[1] * 400 // x.shape[0], 400)) for x in (biden, obama)]
    both = np.ascontiguousarray(np.hstack(side), np.uint8)
    score = scorer.score_photo(both, [gallery["biden"]])
    assert score.face_count == 2 and score.flags == {PhotoFlag.MULTIPLE_FACES}


def test_calibration_on_the_real_faces_separates_them(engine: DlibFaceEngine, faces_dir: Path) -> None:
    result = calibrate_folder(engine, faces_dir, 0.001)
    assert result.identities == 6 and result.genuine_count == 8
    assert result.genuine_range[1] < result.threshold < result.impostor_range[0]
    assert (result.fmr, result.fnmr) == (0.0, 0.0)


def test_the_cnn_detector_is_an_option_with_its_own_engine_id(
    engine: DlibFaceEngine, faces_dir: Path
) -> None:
    from app.vision.photo_quality import scale_down

    cnn = DlibFaceEngine("cnn")
    assert cnn.engine_id.startswith("dlib-cnn+") and cnn.embedding_id == engine.embedding_id
    image = read_rgb(faces_dir / "enrolled" / "alex_lacamoire.png")
    assert image is not None
    small, _ = scale_down(image, 300)  # mmod on a CPU costs about a second per 0.1 megapixel
    [face] = cnn.detect(small)
    [hog] = engine.detect(small, upsample=1)
    assert iou(face.box, hog.box) > 0.5
    assert distance(cnn.embed(small, face), engine.embed(small, hog)) < 0.15
