"""Read a user's YAML safely: YAML 1.2 scalars, bounded nesting, bounded alias expansion.

PyYAML follows YAML 1.1, where ``1:20`` is the number 80, ``0x1F`` is 31, ``no`` is false and ``007`` is 7.
A facts file means none of that: here a scalar is a number only when written as one in decimal (YAML 1.2's
JSON rules: ``12``, ``-3.5``, ``1e6``), a boolean only when ``true``/``false``, null only when ``null``,
``~`` or empty. Dates stay dates (the facts loader reports impossible ones).

libyaml composes recursively in C: ten thousand ``[`` crash the interpreter. So the event stream is read
first (a flat loop) and a document nested deeper than :data:`~drafter.limits.MAX_DEPTH` is refused
before composing. Aliases share one node; a document whose aliases would expand to more than
:data:`MAX_EXPANSION` extra nodes (a "billion laughs" bomb), or that refers to itself, is refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError
from drafter.limits import MAX_DEPTH, too_deep

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Alias expansion allowed beyond the nodes actually written (an honest file reuses a few blocks).
MAX_EXPANSION = 100_000

_YAML12: list[tuple[str, str, str]] = [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "float",
        r"^[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
        r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$",
        "-+0123456789.",
    ),
]


class Yaml12Loader(_BASE):  # type: ignore[misc]
    """The safe loader (libyaml when available) with YAML 1.2 rules for numbers, booleans and null."""


def _install_resolvers() -> None:
    replaced = {f"tag:yaml.org,2002:{name}" for name, _, _ in _YAML12}
    table = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in replaced]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }
    Yaml12Loader.yaml_implicit_resolvers = table
    for name, pattern, first in _YAML12:
        regexp = re.compile(pattern)
        for char in first:
            table.setdefault(char, []).append((f"tag:yaml.org,2002:{name}", regexp))
        if name == "null":  # the empty scalar
            table.setdefault("", []).append((f"tag:yaml.org,2002:{name}", regexp))


_install_resolvers()


def compose(text: str, path: str | Path, error: type[DrafterError]) -> tuple[yaml.Node | None, Any]:
    """Return the composed node of ``text`` (``None`` when empty) and a loader ready to construct it.

    The caller must call ``loader.dispose()``. Syntax errors propagate as ``yaml.MarkedYAMLError``.

    Raises:
        DrafterError: (of class ``error``) nested too deep, aliases expanding too far, or a recursive alias.
    """
    check_nesting(text, path, error)
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise
    if node is not None:
        check_aliases(node, path, error)
    return node, loader


def load(text: str, path: str | Path, error: type[DrafterError]) -> tuple[Any, yaml.Node | None]:
    """Return the data of ``text`` and its root node, read with :func:`compose`'s guards.

    Raises:
        DrafterError: (of class ``error``) as :func:`compose`, or a syntax error with line and column.
    """
    try:
        node, loader = compose(text, path, error)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error(
            f"YAML syntax error: {exc.problem or exc.context}",
            file=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", file=path) from exc
    try:
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def check_nesting(text: str, path: str | Path, error: type[DrafterError]) -> None:
    """Raise the nesting error when a collection in ``text`` opens deeper than the cap (events, no tree)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BASE):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise too_deep(path, error)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml stops deep flow collections itself ("exceeded maximum nesting depth").
        if "nesting depth" in f"{exc.problem} {exc.context}":
            raise too_deep(path, error) from exc
        raise


def check_aliases(root: yaml.Node, path: str | Path, error: type[DrafterError]) -> None:
    """Raise when aliases under ``root`` refer to themselves or expand beyond :data:`MAX_EXPANSION`.

    Each node's expanded size is computed once (aliased nodes are shared), so a bomb costs linear time.
    """
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            continue
        if key in sizes:
            continue
        if key in open_:
            raise error(
                "a YAML alias refers to the block that contains it",
                file=path,
                line=node.start_mark.line + 1,
                hint="an alias (*name) must point at a block written before it, not around it",
            )
        open_.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_:
                raise error(
                    "a YAML alias refers to the block that contains it",
                    file=path,
                    line=child.start_mark.line + 1,
                    hint="an alias (*name) must point at a block written before it, not around it",
                )
            stack.append((child, False))
    extra = sizes[id(root)] - len(sizes)
    if extra > MAX_EXPANSION:
        raise error(
            f"YAML aliases expand to {sizes[id(root)]:,} values, over {MAX_EXPANSION:,} more than written",
            file=path,
            hint="this looks like an alias bomb; write the values out, or use fewer nested aliases",
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
