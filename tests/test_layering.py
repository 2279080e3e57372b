"""The pipeline is the layout: every import points down it, and no module imports itself back.

Read from the source with ``ast`` (imports inside functions and under TYPE_CHECKING count too), so a
lazy import cannot hide an arrow against the layering.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "drafter"

# Lowest first: a module may import its own component and any component of a lower layer, never a higher
# one. The package root (the lazy public facade) sits above all and is imported by nobody inside.
LAYERS: list[tuple[str, ...]] = [
    (
        "version",
        "lazy",
        "errors",
        "lines",
        "text",
        "cjk",
        "atomic",
        "resources",
        "limits",
        "redact",
        "concurrency",
        "chat",
        "data",
    ),
    ("kind", "kinds"),
    ("facts",),
    ("plan", "sections"),
    ("numbers",),
    ("realize", "ingest"),
    ("settings", "prompts"),
    ("backends", "store", "testing"),
    ("repair", "form", "drafting"),
    ("document",),
    ("revise", "evals"),
    ("cli", "__main__"),
]
RANK = {component: rank for rank, names in enumerate(LAYERS) for component in names}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str:
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_resolve(alias.name) for alias in node.names if alias.name.split(".")[0] == "drafter"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "drafter":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else _resolve(base))
    found.discard(module)
    return found


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Each module's drafter imports (read when a test asks: collection stays quick in every worker)."""
    return {module: _imports(module) for module in MODULES}


def _component(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_every_component_has_a_layer() -> None:
    unplaced = sorted({_component(m) for m in MODULES} - set(RANK) - {""})
    assert not unplaced, f"add these to LAYERS (and to README's architecture): {unplaced}"


def test_imports_point_down_the_pipeline() -> None:
    against = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module != "drafter"
        for target in targets
        if target == "drafter"
        or (
            _component(target) != _component(module)
            and RANK.get(_component(target), -1) > RANK.get(_component(module), -1)
        )
    ]
    assert not against, "\n".join(sorted(against))


def test_no_import_cycle() -> None:
    graph = {m: t for m, t in _graph().items() if m != "drafter"}
    cycles = _cycles(graph)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in graph:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(sorted(component))
    return result


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert _cycles(graph) == expected
