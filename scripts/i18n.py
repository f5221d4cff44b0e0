#!/usr/bin/env python3
"""Refresh the .ts catalogues from the sources, or compile them to .qm.

python scripts/i18n.py update    # pyside6-lupdate over app/, widgets/, main.py
python scripts/i18n.py release   # pyside6-lrelease i18n/*.ts → i18n/*.qm
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.i18n import SUPPORTED, build_qm, ts_path  # noqa: E402


def tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def translatable_sources() -> list[str]:
    files = [
        ROOT / "main.py",
        *sorted((ROOT / "app").rglob("*.py")),
        *sorted((ROOT / "widgets").rglob("*.py")),
    ]
    return [str(f.relative_to(ROOT)) for f in files]


def update(target_dir: Path | None = None) -> list[Path]:
    """Run lupdate; with target_dir, write fresh catalogues there instead of i18n/ (used by a test)."""
    written = []
    for language in SUPPORTED:
        committed = ts_path(language)
        target = committed if target_dir is None else target_dir / committed.name
        if target_dir is not None and committed.exists():
            target.write_bytes(committed.read_bytes())
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                language,
                *translatable_sources(),
                "-ts",
                str(target),
            ],
            check=True,
            cwd=ROOT,
            timeout=300,
        )
        written.append(target)
    return written


def release() -> None:
    for language in SUPPORTED:
        build_qm(language)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        for path in update():
            print(path)
    elif command == "release":
        release()
    else:
        sys.exit(__doc__)
