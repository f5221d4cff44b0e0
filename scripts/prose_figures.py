"""Print how long the project's module docstrings and comments run, so prose stays short.

A module docstring is long past 15 lines; a comment is long past 15 words, where a block of
consecutive comment-only lines counts as one comment (an inline comment after code is one of
its own) and `type:`, `noqa` and `pragma` directives are not comments. The house targets, held
by tests/unit/test_prose.py outside PENDING: no long module docstring, under 3 % long comments.
Prints the figures for all files and outside PENDING. Usage: `python scripts/prose_figures.py
[--list N]` (also the N files with the most long prose).
"""

from __future__ import annotations

import argparse
import ast
import io
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURED = ("app", "widgets", "main.py", "scripts", "bench")
DOCSTRING_LINES = 15
COMMENT_WORDS = 15
LONG_COMMENT_SHARE = 0.03
DIRECTIVES = ("type:", "noqa", "pragma", "!")

# Modules other helpers of issue 15 restructure now: left out until their prose is shortened.
PENDING: tuple[str, ...] = ()


def pending(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in PENDING)


@dataclass
class ProseFigures:
    """Counts over a set of files; paths are relative to the repository root."""

    docstrings: int = 0
    long_docstrings: list[tuple[int, str]] = field(default_factory=list)
    comments: int = 0
    long_comments: list[tuple[str, int, int]] = field(default_factory=list)  # path, line, words

    @property
    def long_comment_share(self) -> float:
        return len(self.long_comments) / self.comments if self.comments else 0.0


def python_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for name in MEASURED:
        path = root / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def comment_blocks(source: str) -> list[tuple[int, str]]:
    """(first line, text) of each comment: a run of comment-only lines is one, an inline one its own."""
    blocks: list[tuple[int, str]] = []
    previous_line = -2  # last comment-only line of the current block
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        text = token.string.lstrip("#").strip()
        if text.startswith(DIRECTIVES):
            continue
        line = token.start[0]
        standalone = not token.line[: token.start[1]].strip()
        if standalone and line == previous_line + 1:
            first, earlier = blocks[-1]
            blocks[-1] = (first, f"{earlier} {text}")
        else:
            blocks.append((line, text))
        previous_line = line if standalone else -2
    return blocks


def measure(files: list[Path], root: Path = ROOT) -> ProseFigures:
    figures = ProseFigures()
    for path in files:
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(root).as_posix()
        docstring = ast.get_docstring(ast.parse(source), clean=False)
        if docstring is not None:
            figures.docstrings += 1
            lines = len(docstring.strip().splitlines())
            if lines > DOCSTRING_LINES:
                figures.long_docstrings.append((lines, name))
        for line, text in comment_blocks(source):
            figures.comments += 1
            words = len(text.split())
            if words > COMMENT_WORDS:
                figures.long_comments.append((name, line, words))
    figures.long_docstrings.sort(reverse=True)
    return figures


def report(title: str, figures: ProseFigures) -> None:
    long_docs = len(figures.long_docstrings)
    print(
        f"{title}: module docstrings {figures.docstrings}, over {DOCSTRING_LINES} lines {long_docs}"
        f" ({100 * long_docs / max(figures.docstrings, 1):.1f} %); comments {figures.comments},"
        f" over {COMMENT_WORDS} words {len(figures.long_comments)} ({100 * figures.long_comment_share:.1f} %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=int, default=0, metavar="N", help="also list the N worst files")
    listing = parser.parse_args().list
    files = python_files()
    everything = measure(files)
    report("all files", everything)
    report("outside PENDING", measure([p for p in files if not pending(p.relative_to(ROOT).as_posix())]))
    if listing:
        for lines, name in everything.long_docstrings[:listing]:
            print(f"  docstring {lines:3d} lines  {name}")
        per_file = Counter(name for name, _, _ in everything.long_comments)
        for name, count in per_file.most_common(listing):
            print(f"  {count:3d} long comments  {name}")


if __name__ == "__main__":
    main()
