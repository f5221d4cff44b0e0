"""Versions of the console and the components it stands on, for About, --version and crash reports."""

from __future__ import annotations

import platform
from importlib import metadata

APP_NAME = "Liangjiao Console"
APP_NAME_ZH = "两个教育监督台"


def app_version() -> str:
    try:
        return metadata.version("liangjiao-console")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def _distribution_version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def component_versions() -> dict[str, str]:
    """Component → version. Imports lazily so that a broken optional component shows, not crashes."""
    versions: dict[str, str] = {"Python": platform.python_version()}
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        versions["Qt"] = qVersion()
        versions["PySide6"] = PySide6.__version__
    except ImportError as exc:
        versions["Qt"] = f"unavailable ({exc})"
    try:
        import av

        ffmpeg = ".".join(str(p) for p in av.library_versions.get("libavformat", ()))
        versions["PyAV"] = av.__version__
        versions["FFmpeg"] = getattr(av, "ffmpeg_version_info", "") or f"libavformat {ffmpeg}"
    except ImportError as exc:
        versions["PyAV"] = f"unavailable ({exc})"
    # From package metadata: importing dlib and OpenCV costs ~0.3 s at start-up.
    versions["dlib"] = _distribution_version("dlib-bin", "dlib")
    try:
        import sqlalchemy

        versions["SQLAlchemy"] = sqlalchemy.__version__
    except ImportError as exc:
        versions["SQLAlchemy"] = f"unavailable ({exc})"
    versions["OpenCV"] = _distribution_version("opencv-python-headless", "opencv-python")
    versions["OS"] = platform.platform(terse=True)
    return versions


def version_text() -> str:
    lines = [f"{APP_NAME} ({APP_NAME_ZH}) {app_version()}"]
    lines += [f"  {name}: {value}" for name, value in component_versions().items()]
    return "\n".join(lines)
