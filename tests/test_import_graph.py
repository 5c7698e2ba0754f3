"""The package's layers: imports run one way, the dashboard never imports the bench, Streamlit stays in the UI.

Every import counts, at module level, inside functions and under TYPE_CHECKING alike: an import back up
the layers is a cycle whether or not it runs at start-up.
"""

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

PACKAGE = PROJECT_DIR / "swapwatch"
# The modules that may import Streamlit: the sidebar and caching, the sign-in gate, the take-away
# buttons, and the server side: the data URLs (Streamlit's sign-in cookie) and the pages' addresses
# (Streamlit's index.html and config).
UI_MODULES = {"swapwatch.ui", "swapwatch.gate", "swapwatch.takeaway", "swapwatch.api", "swapwatch.deeplinks"}
# Cycles another change removes (issue #17: one check loop); the mark goes once both are merged.
def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[str, list[str], int]]:
    """Every import in a file: (module, names imported from it, line)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
    return found


def package_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (`from a import b` names module a.b where there is one)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for module, names, _ in imported(path):
            subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            targets.update(subs or ([module] if module in modules else []))
        graph[name] = targets - {name, "swapwatch"}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    members = set(component)
    return "; ".join(f"{m} -> {', '.join(sorted(graph[m] & members))}" for m in component)


def test_the_cycle_finder_names_a_cycle_and_passes_a_tree():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_package_has_no_import_cycles_at_all():
    graph = package_graph()
    found = cycles(graph)
    assert found == [], "import cycles: " + " | ".join(describe(c, graph) for c in found)


def dashboard_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py")) + [PROJECT_DIR / "app.py", PROJECT_DIR / "serve.py"] + sorted(
        (PROJECT_DIR / "views").glob("*.py"))


def test_nothing_the_dashboard_runs_imports_the_bench():
    offenders = [f"{path.relative_to(PROJECT_DIR)}:{line}: {module}"
                 for path in dashboard_files() for module, _, line in imported(path)
                 if module == "bench" or module.startswith("bench.")]
    assert offenders == []


def test_only_the_ui_modules_import_streamlit():
    offenders = [f"{path.relative_to(PROJECT_DIR)}:{line}: {module}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 if module_name(path) not in UI_MODULES and not module_name(path).startswith("swapwatch.ui.")
                 for module, _, line in imported(path) if module.split(".")[0] == "streamlit"]
    assert offenders == []
