"""Threshold choice for a target FMR, error rates and EER on made-up distance lists."""

from __future__ import annotations

import numpy as np
import pytest

from app.vision.calibration import (
    calibrate_distances,
    equal_error_rate,
    error_rates,
    threshold_for_fmr,
)
from app.vision.face_engine import embedding_from_bytes, embedding_to_bytes


def test_separated_distributions_get_a_threshold_in_the_gap() -> None:
    genuine = [0.2, 0.25, 0.3, 0.35]
    impostor = [0.5, 0.6, 0.7, 0.8]
    t = threshold_for_fmr(genuine, impostor, 0.001)
    assert t == pytest.approx(0.425)
    assert error_rates(genuine, impostor, t) == (0.0, 0.0)


def test_the_target_fmr_allows_that_share_of_impostors() -> None:
    rng = np.random.default_rng(1)
    genuine = list(rng.normal(0.35, 0.06, 2000))
    impostor = list(rng.normal(0.7, 0.08, 5000))
    t = threshold_for_fmr(genuine, impostor, 0.01)
    fmr, fnmr = error_rates(genuine, impostor, t)
    assert fmr <= 0.01 and fmr > 0.008
    assert 0 < fnmr < 0.2
    stricter = threshold_for_fmr(genuine, impostor, 0.001)
    assert stricter < t and error_rates(genuine, impostor, stricter)[0] <= 0.001


def test_overlapping_distributions_report_fnmr_and_eer() -> None:
    genuine = [0.2, 0.3, 0.4, 0.55]
    impostor = [0.45, 0.6, 0.7]
    result = calibrate_distances(genuine, impostor, 0.001, engine_id="e")
    assert result.threshold < 0.45
    assert result.fmr == 0.0 and result.fnmr == pytest.approx(0.25)
    eer, eer_t = equal_error_rate(genuine, impostor)
    assert (result.eer, result.eer_threshold) == (eer, eer_t)
    assert "threshold" in result.summary() and "FNMR" in result.summary()


def test_calibration_needs_both_kinds_of_pairs() -> None:
    with pytest.raises(ValueError):
        calibrate_distances([], [0.5])
    with pytest.raises(ValueError):
        calibrate_distances([0.3], [])


def test_embedding_bytes_round_trip() -> None:
    v = (np.arange(128, dtype=np.float32) / 7).astype(np.float32)
    data = embedding_to_bytes(v)
    assert len(data) == 512
    assert np.array_equal(embedding_from_bytes(data), v)
