"""No import circle among the app's modules (the engine's own are the engine's business), nor among its packages.

import-linter's contracts (`make lint`) check the layers; its acyclic contract works between sibling packages,
not modules, so this test walks the module graph it is built on (grimp), lazy imports included, and the same
graph with each package of `assessments/` and `caio/` folded into one node (as the contract sees it, with no
import ignored).
"""

from __future__ import annotations

import grimp


def _circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, iter(sorted(graph.find_modules_directly_imported_by(other)))))
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        circles.append(sorted(component))
    return circles


def test_no_module_of_the_app_or_the_project_imports_itself_round_a_circle():
    graph = grimp.build_graph("assessments", "caio")
    outside_the_engine = [
        circle
        for circle in _circles(graph)
        if not all(module.startswith("assessments.engine.") for module in circle)
    ]
    assert outside_the_engine == []


def _packages(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """The graph between the children of each root package: `assessments.report.pdf` counts as `assessments.report`."""

    def child(module: str) -> str:
        return ".".join(module.split(".")[:2])

    folded = grimp.ImportGraph()
    for module in graph.modules:
        folded.add_module(child(module))
    for module in graph.modules:
        for other in graph.find_modules_directly_imported_by(module):
            if child(other) != child(module):
                folded.add_import(importer=child(module), imported=child(other))
    return folded


def test_no_package_or_top_level_module_of_the_app_imports_itself_round_a_circle():
    # e.g. the report printing the charter while the charter's services ask for the reports again: a feature
    # that reacts to another's writes is put on a list in assessments/hooks.py instead (docs/architecture.md).
    assert _circles(_packages(grimp.build_graph("assessments", "caio"))) == []


def test_folding_into_packages_finds_a_circle_no_module_has():
    graph = grimp.ImportGraph()
    for module in ("app.report.pdf", "app.report.services", "app.charter.presenters", "app.charter.services"):
        graph.add_module(module)
    graph.add_import(importer="app.report.pdf", imported="app.charter.presenters")
    graph.add_import(importer="app.charter.services", imported="app.report.services")
    assert _circles(graph) == []
    assert _circles(_packages(graph)) == [["app.charter", "app.report"]]


def test_the_circle_finder_finds_a_circle():
    graph = grimp.ImportGraph()
    for module in ("app.a", "app.b", "app.c", "app.d"):
        graph.add_module(module)
    graph.add_import(importer="app.a", imported="app.b")
    graph.add_import(importer="app.b", imported="app.c")
    graph.add_import(importer="app.c", imported="app.a")
    graph.add_import(importer="app.c", imported="app.d")
    assert _circles(graph) == [["app.a", "app.b", "app.c"]]
