"""Calibration on the demo's synthetic faces: a sensible threshold, with its FMR and FNMR."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.demo import calibrate
from app.demo.portrait_calibration import calibrate_demo
from app.persistence import Database
from app.vision.calibration import load_threshold
from app.vision.face_engine import DlibFaceEngine


def test_calibrate_demo_separates_genuine_from_impostor(engine: DlibFaceEngine, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = calibrate_demo(
        tmp_path,
        engine,
        0.001,
        identities=6,
        captures_per_identity=2,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls[-1] == (18, 18)
    assert (result.identities, result.genuine_count) == (6, 12)
    assert result.impostor_count == 12 * 5 + 15  # probes × other identities + enrolment pairs
    # The synthetic faces' distances are compressed (genuine ~0.2, impostor ~0.5): the threshold
    # must land between them, far below dlib's 0.6 that would let every impostor through.
    assert result.genuine_range[1] < 0.4 < result.impostor_range[1]
    assert 0.2 < result.threshold < 0.45
    assert result.fmr <= 1 / result.impostor_count
    assert result.fnmr <= 0.25
    assert "FMR" in result.summary() and "FNMR" in result.summary()
    # Rendering is idempotent: the files are reused by the next run.
    assert len(list((tmp_path / "calibration" / "probes").rglob("*.jpg"))) == 12


def test_the_command_prints_and_stores_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    assert calibrate.main([str(tmp_path), "--identities", "3", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "threshold" in out and "FNMR at threshold" in out and "stored" in out
    database = Database(url)
    try:
        threshold = load_threshold(database, DlibFaceEngine().embedding_id)
    finally:
        database.dispose()
    assert threshold is not None and 0.1 < threshold < 0.6
