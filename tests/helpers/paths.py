"""Where the tests find the project and the real faces shared beside it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FACES_DIR = ROOT.parent / "shared" / "data" / "faces"
