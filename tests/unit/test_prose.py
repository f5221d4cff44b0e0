"""Prose stays short: module docstrings of a paragraph, comments of a line or two of why.

The measure and the list of modules still being restructured (PENDING) are
scripts/prose_figures.py's; run it for the figures.
"""

from __future__ import annotations

import importlib.util
import sys
from fnmatch import fnmatch
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def prose() -> ModuleType:
    spec = importlib.util.spec_from_file_location("prose_figures", ROOT / "scripts" / "prose_figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def everything(prose: ModuleType) -> Any:
    return prose.measure(prose.python_files(ROOT), ROOT)


@pytest.fixture(scope="module")
def outside_pending(prose: ModuleType) -> Any:
    files = [p for p in prose.python_files(ROOT) if not prose.pending(p.relative_to(ROOT).as_posix())]
    return prose.measure(files, ROOT)


def test_no_module_docstring_runs_past_fifteen_lines(outside_pending: Any) -> None:
    assert outside_pending.docstrings > 200, "the measure found too few modules to mean anything"
    assert not outside_pending.long_docstrings, (
        "module docstrings over 15 lines (a paragraph; move measured reasoning to docs/decisions/): "
        f"{outside_pending.long_docstrings}"
    )


def test_long_comments_stay_under_three_percent(prose: ModuleType, outside_pending: Any) -> None:
    figures = outside_pending
    assert figures.comments > 1000, "the measure found too few comments to mean anything"
    worst = sorted(figures.long_comments, key=lambda c: -c[2])[:15]
    assert figures.long_comment_share < prose.LONG_COMMENT_SHARE, (
        f"{len(figures.long_comments)} of {figures.comments} comments run past 15 words "
        f"({100 * figures.long_comment_share:.1f} %); say why in a line or two. Longest: {worst}"
    )


def test_pending_modules_still_need_shortening(prose: ModuleType, everything: Any) -> None:
    """A PENDING pattern whose files are all short (or gone) is taken off the list."""
    long_prose = {name for _, name in everything.long_docstrings}
    long_prose |= {name for name, _, _ in everything.long_comments}
    stale = [p for p in prose.PENDING if not any(fnmatch(name, p) for name in long_prose)]
    assert not stale, f"remove from PENDING in scripts/prose_figures.py: {stale}"


def test_a_block_of_comment_lines_is_one_comment(prose: ModuleType) -> None:
    source = (
        "x = 1  # inline, its own comment\n"
        "# first line of a block\n"
        "# second line of the same block\n"
        "y = 2  # type: ignore\n"
        "\n"
        "# after a blank line: another block\n"
    )
    blocks = prose.comment_blocks(source)
    assert [line for line, _ in blocks] == [1, 2, 6]
    assert blocks[1][1] == "first line of a block second line of the same block"
