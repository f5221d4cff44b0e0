"""Verify evidence packages from the command line.

    python -m app.playback.verify PACKAGE.zip [MORE.zip ...]

For each package prints "OK <file>" when every file matches its SHA-256 in SHA256SUMS, otherwise
"FAILED <file>" followed by one "  changed/missing/added: <name>" line per problem. Exit status 0
when all packages are intact, 1 when any is not, 2 when a file cannot be found.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from app.playback.evidence_package import SUMS_NAME, parse_sums, verify_package


def describe(package: Path, names: list[str]) -> list[str]:
    """Say what happened to each named file: changed, missing (listed, absent) or added (unlisted)."""
    try:
        with zipfile.ZipFile(package) as archive:
            members = {info.filename for info in archive.infolist() if not info.is_dir()}
            listed = (
                set(parse_sums(archive.read(SUMS_NAME).decode("utf-8")) or {})
                if SUMS_NAME in members
                else set()
            )
    except (zipfile.BadZipFile, OSError, KeyError, UnicodeDecodeError):
        return [f"unreadable: {name}" for name in names]
    lines = []
    for name in names:
        if name not in members and (name == SUMS_NAME or name in listed):
            lines.append(f"missing: {name}")
        elif name not in listed and name != SUMS_NAME:
            lines.append(f"added: {name}")
        else:
            lines.append(f"changed: {name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.playback.verify", description=__doc__)
    parser.add_argument("packages", nargs="+", type=Path, help="evidence package (.zip)")
    args = parser.parse_args(argv)
    status = 0
    for package in args.packages:
        if not package.is_file():
            print(f"MISSING {package}", file=sys.stderr)
            status = max(status, 2)
            continue
        problems = verify_package(package)
        if not problems:
            print(f"OK {package}")
            continue
        status = max(status, 1)
        print(f"FAILED {package}")
        for line in describe(package, problems):
            print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
