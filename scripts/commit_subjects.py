#!/usr/bin/env python3
"""Fails when a commit subject since the rule was adopted runs past 72 characters.

Usage: `python scripts/commit_subjects.py [--since REV]`. Subjects of older commits are history and
are not rewritten; a clone without that history (shallow) is not checked.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULE_ADOPTED = "59c457c"  # the last commit before the subject limit was checked (issue 15)
LIMIT = 72


def long_subjects(since: str) -> list[str] | None:
    """Subjects over LIMIT after `since`; None when the history is not there to check."""
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{since}^{{commit}}"], cwd=ROOT, capture_output=True, check=False
    )
    if known.returncode != 0:
        return None
    out = subprocess.run(
        ["git", "log", "--format=%h %s", f"{since}..HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if len(line.split(" ", 1)[1]) > LIMIT]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default=RULE_ADOPTED)
    args = parser.parse_args(argv)
    found = long_subjects(args.since)
    if found is None:
        print(f"commit subjects: {args.since} is not in this clone's history; not checked")
        return 0
    for line in found:
        print(f"subject over {LIMIT} characters: {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
