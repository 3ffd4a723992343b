"""The import graph between the platform's packages: no cycle, and no slice reaching into another's models.

Built from the source (the AST of every module, function-level and TYPE_CHECKING imports included), not from
what happens to be imported at run time. Nodes are the slices (`hackathon/<slice>/`) and the core (the top-level
modules, `hackathon/__init__.py` and the infrastructure packages in CORE_PACKAGES). The rules (docs/architecture.md,
"Imports between slices"):

1. No cycle between packages. A slice that needs something from a slice above it asks through a hook on the app's
   registry (`registry(app).add_hook(...)`), or the shared thing moves down.
2. No slice imports another slice's `models`, except the shared kernel (KERNEL): it asks the owning slice's
   public functions (a subquery to use inside its own statement where it needs one statement).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "hackathon"

# Infrastructure packages that belong to the core, not slices: capabilities build on them, they know none.
CORE_PACKAGES = {
    "realtime": "the socket transport (rooms, the bus, socket commands): the core's, like commands.py and outbox.py",
}

# Model classes every slice may import: the aggregates all capabilities hang off (their rows carry these ids).
KERNEL = {
    ("hackathon.events.models", "Event"): "every capability's rows belong to an event",
    ("hackathon.accounts.models", "User"): "every capability's rows name people",
    ("hackathon.teams.models", "Team"): "teams are what mentoring, judging, the expo and projects are about",
}

def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in ROOT.rglob("*.py")}


def is_package(name: str) -> bool:
    return (ROOT.parent / name.replace(".", "/")).is_dir()


def node_of(module: str) -> str:
    """The graph node a module belongs to: its slice, or "core"."""
    parts = module.split(".")
    if len(parts) > 1 and (ROOT / parts[1]).is_dir() and parts[1] not in CORE_PACKAGES:
        return parts[1]
    return "core"


def imports(module: str) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "*", line) for every import in the module, at any depth."""
    tree = ast.parse(MODULES[module].read_text(), filename=str(MODULES[module]))
    package = module if is_package(module) else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "*", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub, "*", node.lineno) if sub in MODULES or is_package(sub)
                             else (target, alias.name, node.lineno))
    return [(target, name, line) for target, name, line in found if target.split(".")[0] == "hackathon"]


def graph() -> dict[str, dict[str, list[str]]]:
    """node -> {node it imports: ["module:line -> target", ...]}."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for module in MODULES:
        for target, _name, line in imports(module):
            a, b = node_of(module), node_of(target)
            if a != b:
                edges[a][b].append(f"{module}:{line} -> {target}")
    return edges


def cycles(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def foreign_model_imports() -> dict[str, dict[str, set[str]]]:
    """module -> {another slice's models module: the names it imports from it}, the kernel left out."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module in MODULES:
        for target, name, _line in imports(module):
            if (target.endswith(".models") and node_of(target) not in ("core", node_of(module))
                    and (target, name) not in KERNEL):
                found[module][target].add(name)
    return found


def test_the_graph_sees_function_level_imports():
    # judging's wiring imports its own modules inside wire(); the privacy erasure asks accounts at module level
    assert "judging.commands" in {t.removeprefix("hackathon.") for t, _n, _l in imports("hackathon.judging.wiring")}
    assert graph()["privacy"]["accounts"]
    assert node_of("hackathon.realtime.dispatch") == node_of("hackathon.commands") == "core"


def test_no_cycle_between_packages():
    edges = graph()
    found = cycles(edges)
    detail = [f"{a} -> {b}: {edges[a][b][:3]}" for component in found for a in component for b in component
              if b in edges.get(a, {})]
    assert found == [], "\n".join(detail)


def test_no_slice_imports_another_slices_models():
    found = {module: {target: sorted(names) for target, names in targets.items()}
             for module, targets in foreign_model_imports().items()}
    assert found == {}, f"imports of another slice's models (ask its public functions instead): {found}"


def test_the_rule_sees_a_foreign_model_import(tmp_path, monkeypatch):
    # The rule above passes on an empty result: show that it finds an import when there is one (the kernel's
    # Team is allowed, Challenge is not).
    probe = tmp_path / "probe.py"
    probe.write_text("from ..teams.models import Challenge, Team\n")
    monkeypatch.setitem(MODULES, "hackathon.judging.probe", probe)
    assert foreign_model_imports() == {"hackathon.judging.probe": {"hackathon.teams.models": {"Challenge"}}}
