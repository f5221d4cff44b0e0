"""Where the console keeps its files (per user, following the platform's conventions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_ID = "liangjiao-console"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def demo_dir() -> Path:
    return data_dir() / "demo"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'console.sqlite'}"


def demo_database_url() -> str:
    return f"sqlite:///{demo_dir() / 'demo.sqlite'}"


@dataclass(frozen=True, slots=True)
class Locations:
    """Where one run of the console keeps its files, computed once by the composition root under
    the workspace's folder (data_dir(), or the demo's own)."""

    data: Path  # the run's folder
    recordings: Path  # the recorder's segments
    snapshots: Path  # face analysis' event snapshots
    journal: Path  # the folder of the event journal's file
    witness: Path  # the folder of the audit witness' file

    @classmethod
    def under(cls, base: Path) -> Locations:
        return cls(
            data=base,
            recordings=base / "recordings",
            snapshots=base / "snapshots",
            journal=base,
            witness=base,
        )
