"""Test support lives in tests/helpers: no test module, conftest or helper imports a module of a test
tier (tests.unit, tests.gui, tests.integration) or a conftest, so tiers can move and run alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
TIERS = ("tests.unit.", "tests.gui.", "tests.integration.")


def imported_modules(source: str, path: Path) -> list[tuple[int, str]]:
    """Every module (and every name, as module.name) that `source`, living at `path`, imports,
    relative imports resolved, with the line of the import."""
    package = path.relative_to(TESTS.parent).with_suffix("").parts[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def forbidden(module: str) -> bool:
    return module.startswith(TIERS) or module.split(".")[-1] == "conftest"


def test_no_test_file_imports_a_test_tier_module_or_a_conftest() -> None:
    offences = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module in imported_modules(path.read_text(encoding="utf-8"), path)
        if forbidden(module)
    ]
    assert offences == [], "move shared test code to tests/helpers:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    ("source", "offends"),
    [
        ("from tests.unit.vision.test_tracker_identity import Scene", True),
        ("import tests.gui.recordings.test_recordings_pane", True),
        ("from .conftest import RecordedCamera", True),
        ("from . import fake_engines", True),
        ("from tests.helpers.tracker_scenes import Scene", False),
        ("from app.vision import tracker", False),
    ],
)
def test_the_check_sees_absolute_relative_and_conftest_imports(source: str, offends: bool) -> None:
    as_if = TESTS / "unit" / "vision" / "test_example.py"
    assert any(forbidden(module) for _line, module in imported_modules(source, as_if)) is offends
