"""Where the console keeps its files (per user, following the platform's conventions)."""

from __future__ import annotations

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
