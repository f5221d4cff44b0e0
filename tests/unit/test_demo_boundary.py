"""The demo is a plug-in: production names it in one place only, widgets never (TYPE_CHECKING included)."""

from __future__ import annotations

import grimp
import pytest

ENTRY_POINT = ("app.bootstrap", "app.demo.plugin")  # the one import of the demo production makes


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("app", "widgets", cache_dir=None)


def _demo_imports(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    found = set()
    for module in graph.modules:
        if module == "app.demo" or module.startswith("app.demo."):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported == "app.demo" or imported.startswith("app.demo."):
                found.add((module, imported))
    return found


def test_production_imports_the_demo_only_in_the_composition_root(graph: grimp.ImportGraph) -> None:
    assert _demo_imports(graph) == {ENTRY_POINT}


def test_the_demo_imports_no_widgets(graph: grimp.ImportGraph) -> None:
    demo = {m for m in graph.modules if m.startswith("app.demo.")}
    imported = {i for m in demo for i in graph.find_modules_directly_imported_by(m)}
    assert not {i for i in imported if i == "widgets" or i.startswith("widgets.")}
