"""Photo scoring calibrates a never-calibrated workspace on the plug-in's faces, named, not imported."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from app.domain.named_call import NamedCall
from app.review.photo_scoring_worker import ScorerNotice, calibrate_if_needed
from app.vision.calibration import CalibrationResult, calibrate_distances, load_threshold, save_calibration
from tests.helpers.event_world import create_database

calls: list[tuple[object, ...]] = []


@dataclass(frozen=True)
class FakeEngine:
    embedding_id: str = "emb/test"


def synthetic_faces(media_dir: Path, engine: FakeEngine, *, cancelled: object) -> CalibrationResult:
    calls.append((media_dir, engine.embedding_id, callable(cancelled)))
    return calibrate_distances([0.2, 0.25, 0.3], [0.5, 0.6, 0.7], 0.05, identities=3)


HOOK = NamedCall(f"{__name__}:synthetic_faces", (Path("/media"),))


def test_an_uncalibrated_workspace_is_calibrated_through_the_named_hook(tmp_path: Path) -> None:
    calls.clear()
    database = create_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    notices: list[object] = []
    try:
        assert calibrate_if_needed(database, FakeEngine(), HOOK, threading.Event(), notices.append)
        threshold = load_threshold(database, "emb/test")
    finally:
        database.dispose()
    assert calls == [(Path("/media"), "emb/test", True)]
    assert threshold is not None and 0.3 < threshold < 0.5
    assert [type(n) for n in notices] == [ScorerNotice]


def test_a_calibrated_workspace_is_left_alone(tmp_path: Path) -> None:
    calls.clear()
    database = create_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        save_calibration(database, "emb/test", calibrate_distances([0.1], [0.9], 0.05, identities=2))
        assert not calibrate_if_needed(database, FakeEngine(), HOOK, threading.Event(), print)
    finally:
        database.dispose()
    assert calls == []
