"""No import cycles among the project's modules, nor among the packages of one package.

import-linter's layers contract (pyproject.toml) orders the packages of app/; this test checks what
it does not: that no module of app/, widgets/ or the demo imports itself round a circle, and that
the subpackages of every package (widgets' panes, app.vision's …) do not either. The graph is
grimp's, built afresh (no cache), with imports under TYPE_CHECKING and inside functions included:
a circle of type-only imports still ties the modules into one unit nobody can change alone.
"""

from __future__ import annotations

import ast
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]

Graph = Mapping[str, set[str]]


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node (or a node importing itself),
    iterative so that a long chain of imports cannot exhaust Python's recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(graph.get(start, ()))))]
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph.get(node, ()):
                        found.append(sorted(component))
    return sorted(found)


def shortest_cycle(graph: Graph, component: list[str]) -> list[str]:
    """One shortest circle through the component's first node, as [a, b, …, a]."""
    members = set(component)
    start = component[0]
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph.get(node, ())):
            if successor not in members:
                continue
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if successor not in came_from:
                came_from[successor] = node
                queue.append(successor)
    raise AssertionError(f"{component} is not strongly connected")


def describe(graph: Graph, components: list[list[str]], where: Callable[[str, str], str]) -> str:
    lines = []
    for component in components:
        cycle = shortest_cycle(graph, component)
        lines.append(f"{len(component)} in a circle: {', '.join(component)}")
        lines.extend(f"    {a} -> {b}  ({where(a, b)})" for a, b in pairwise(cycle))
    return "\n".join(lines)


def root_packages() -> list[str]:
    """The packages import-linter checks: app, widgets, and the demo wherever it lives."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["root_packages"])


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*root_packages(), cache_dir=None)


def project_imports(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    roots = tuple(root_packages())
    mine = {m for m in graph.modules if m.split(".")[0] in roots}
    return {m: graph.find_modules_directly_imported_by(m) & mine for m in mine}


def test_the_project_is_most_of_the_graph(graph: grimp.ImportGraph) -> None:
    """Guards the checks below against an empty graph (a wrong root, a renamed package)."""
    imports = project_imports(graph)
    assert len(imports) > 300
    assert sum(len(targets) for targets in imports.values()) > 1000


def test_no_module_imports_itself_round_a_circle(graph: grimp.ImportGraph) -> None:
    imports = project_imports(graph)

    def where(importer: str, imported: str) -> str:
        details = graph.get_import_details(importer=importer, imported=imported)
        return ", ".join(f"line {d['line_number']}: {d['line_contents']}" for d in details)

    cycles = strongly_connected(imports)
    assert not cycles, "import cycles among modules:\n" + describe(imports, cycles, where)


def test_every_import_of_a_project_module_finds_it() -> None:
    """mypy runs with ignore_missing_imports and grimp drops what it cannot find, so an import of a
    module that has moved away (a branch written before the move) would pass both unseen."""
    roots = root_packages()
    folders = [ROOT / name for name in (*roots, "tests", "bench", "scripts") if (ROOT / name).is_dir()]
    missing = []
    for path in [*sorted(p for folder in folders for p in folder.rglob("*.py")), ROOT / "main.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                file = ROOT.joinpath(*parts)
                if parts[0] in roots and not (
                    file.with_suffix(".py").is_file() or (file / "__init__.py").is_file()
                ):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not missing, "imports of modules the project does not have:\n" + "\n".join(missing)


def sibling_imports(imports: Graph) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    """The imports between children of one package (modules or subpackages): an import of a.b.c
    by a.d.e is an edge a.d -> a.b. Also: one example module import behind each edge."""
    edges: dict[str, set[str]] = {}
    examples: dict[tuple[str, str], str] = {}
    for importer, targets in imports.items():
        a = importer.split(".")
        for imported in targets:
            b = imported.split(".")
            shared = 0
            while shared < min(len(a), len(b)) and a[shared] == b[shared]:
                shared += 1
            if shared in (len(a), len(b)):
                continue  # a package and its own descendant: not siblings
            source, target = ".".join(a[: shared + 1]), ".".join(b[: shared + 1])
            edges.setdefault(source, set()).add(target)
            examples.setdefault((source, target), f"{importer} -> {imported}")
    return edges, examples


def test_no_sibling_packages_import_each_other_round_a_circle(graph: grimp.ImportGraph) -> None:
    """app.vision and app.supervision, or widgets.panes and widgets.events: the children of one
    package form an order too, whether or not import-linter's layers name them."""
    edges, examples = sibling_imports(project_imports(graph))
    cycles = strongly_connected(edges)
    assert not cycles, "import cycles among the children of a package:\n" + describe(
        edges, cycles, lambda a, b: examples[(a, b)]
    )


def test_the_search_finds_a_circle_and_only_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": set(), "f": {"f"}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["f"]]
    assert shortest_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()}) == []
