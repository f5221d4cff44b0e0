"""Fixtures for vision tests: the real dlib engine (loaded once) and the real faces folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.vision.face_engine import DlibFaceEngine
from tests.helpers.paths import FACES_DIR


@pytest.fixture(scope="session")
def engine() -> DlibFaceEngine:
    return DlibFaceEngine()


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    """../shared/data/faces; tests that need it skip (only) when the folder is absent."""
    if not (FACES_DIR / "enrolled").is_dir():
        pytest.skip(f"real faces not available: {FACES_DIR} is absent (docs/context.md, 'Real components')")
    return FACES_DIR
