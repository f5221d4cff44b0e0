"""Test-wide setup: offscreen Qt, an isolated home, and shared fixtures from tests/helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Offscreen unless a test explicitly asks for the Xvfb display (tests/helpers/xvfb.py).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's own chatter about fonts in the offscreen platform is noise, not a failure.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest_plugins = [
    "tests.helpers.isolation",
    "tests.helpers.journals",
    "tests.helpers.leaks",
    "tests.helpers.postgres",
    "tests.helpers.recorded_camera",
    "tests.helpers.small_disk",
    "tests.helpers.xvfb",
]
