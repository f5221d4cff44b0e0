#!/usr/bin/env python3
"""Refresh the .ts catalogues from the sources, or compile them to .qm.

python scripts/i18n.py update    # pyside6-lupdate over app/, widgets/, main.py
python scripts/i18n.py release   # pyside6-lrelease i18n/*.ts → i18n/*.qm
python scripts/i18n.py translate FILE.tsv   # update, then fill zh_CN from lines `context<TAB>source<TAB>text`

`translate` holds a lock on i18n/.lock, so several people (or helpers) adding strings at once don't
overwrite each other's catalogue edits. In the TSV, write a newline inside a string as \\n.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def read_tsv(path: Path) -> dict[tuple[str, str], str]:
    wanted: dict[tuple[str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{number}: expected context<TAB>source<TAB>translation")
        context, source, text = (_unescape(p) for p in parts)
        wanted[(context, source)] = text
    return wanted


def fill(ts_file: Path, wanted: dict[tuple[str, str], str]) -> tuple[int, list[tuple[str, str]]]:
    """Write the wanted translations into ts_file; returns (filled, wanted entries not in the file)."""
    tree = ET.parse(ts_file)
    seen: set[tuple[str, str]] = set()
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            if key not in wanted:
                continue
            seen.add(key)
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            forms = translation.findall("numerusform")
            if forms:
                for form in forms:
                    form.text = wanted[key]
            else:
                translation.text = wanted[key]
            filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled, sorted(set(wanted) - seen)


def translate(tsv: Path) -> None:
    with open(ROOT / "i18n" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update()
        filled, unknown = fill(ts_path("zh_CN"), read_tsv(tsv))
        update()  # lupdate rewrites the file in its own layout (and puts the DOCTYPE back)
    print(f"{filled} translations filled in {ts_path('zh_CN').name}")
    for context, source in unknown:
        print(f"not in the catalogue (wrong context, or not a tr() string yet): {context}: {source!r}")


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
    elif command == "translate" and len(sys.argv) == 3:
        translate(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
