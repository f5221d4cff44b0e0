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
    """Where one run of the console keeps its files, computed once by the composition root: the
    demo's under demo_dir() (rebuilt every day), a workspace database's under data_dir()."""

    data: Path  # the run's folder
    media: Path  # the demo's rendered clips and photos (unused outside the demo)
    recordings: Path  # the recorder's segments
    snapshots: Path  # face analysis' event snapshots
    journal: Path  # the folder of the event journal's file
    witness: Path  # the folder of the audit witness' file

    @classmethod
    def for_run(cls, demo: bool, media_dir: Path | None = None) -> Locations:
        """`media_dir` replaces the demo's media folder (tests render into a shared one)."""
        base = demo_dir() if demo else data_dir()
        return cls(
            data=base,
            media=media_dir or base / "media",
            recordings=base / "recordings",
            snapshots=base / "snapshots",
            journal=base,
            witness=base,
        )
