"""Where each field of a facts file is written: line and column for a field path, in YAML, JSON or TOML.

A field path is a tuple of keys and list indexes, e.g. ``("facts", 3, "value")``. The loader uses a
:class:`Locator` to point errors at the exact place in the file.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Locator:
    """Positions (1-based line and column) of keys and values by field path.

    Attributes:
        keys: Where the key of a mapping entry (or a list item) starts.
        values: Where the value starts.
        duplicates: Keys written twice in one mapping: path → position of the first; ``keys`` holds the last.
    """

    keys: dict[FieldPath, Position] = field(default_factory=dict)
    values: dict[FieldPath, Position] = field(default_factory=dict)
    duplicates: dict[FieldPath, Position] = field(default_factory=dict)

    def find(self, path: FieldPath, *, key: bool = False) -> Position | None:
        """Return the position of ``path`` (its key when ``key``), else of its nearest located ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get(())

    def add(self, path: FieldPath, key_at: Position, value_at: Position) -> None:
        """Record ``path``; a key written twice is noted as a duplicate and, as in the data, the last wins."""
        if path in self.keys and path not in self.duplicates:
            self.duplicates[path] = self.keys[path]
        self.keys[path] = key_at
        self.values[path] = value_at


class _Offsets:
    """Turns character offsets into 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


# ---------------------------------------------------------------- YAML: walk the composed node tree


def yaml_locator(node: yaml.Node | None) -> Locator:
    """Return the positions of every key and value under the composed YAML ``node``."""
    loc = Locator()
    if node is not None:
        loc.values[()] = _mark(node)
        for path, child, key_node in _yaml_entries(node):
            loc.add(path, _mark(key_node), _mark(child))
    return loc


def walk_yaml(root: yaml.Node) -> Iterator[tuple[FieldPath, yaml.Node]]:
    """Yield (field path, node) for ``root`` and everything under it, parents before children.

    An aliased block is walked once, where it is first written: its aliases share it, so an alias bomb
    costs one pass, not its expansion. Later paths through an alias resolve to the alias itself.
    """
    yield (), root
    for path, node, _ in _yaml_entries(root):
        yield path, node


def _yaml_entries(root: yaml.Node) -> Iterator[tuple[FieldPath, yaml.Node, yaml.Node]]:
    """Yield (path, value node, key node) for every mapping entry and list item, each block walked once."""
    seen = {id(root)}
    stack: list[tuple[FieldPath, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        entries: list[tuple[FieldPath, yaml.Node, yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                entries.append(((*path, key), value_node, key_node))
        elif isinstance(node, yaml.SequenceNode):
            entries = [((*path, i), item, item) for i, item in enumerate(node.value)]
        yield from entries
        for child_path, child, _ in reversed(entries):
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child_path, child))


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# ---------------------------------------------------------------- JSON: a tiny scanner over valid JSON

_JSON_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+)', re.S)


def json_locator(text: str) -> Locator:
    """Return the positions of every key and value in ``text``, which must be valid JSON."""
    tokens = [(m.group(1), m.start(1)) for m in _JSON_TOKEN.finditer(text)]
    loc = Locator()
    if tokens:
        to_pos = _Offsets(text)
        loc.values[()] = to_pos(tokens[0][1])
        _JsonScan(tokens, to_pos, loc).value(0, ())
    return loc


class _JsonScan:
    def __init__(self, tokens: list[tuple[str, int]], to_pos: _Offsets, loc: Locator) -> None:
        self.tokens, self.to_pos, self.loc = tokens, to_pos, loc

    def value(self, i: int, path: FieldPath) -> int:
        """Scan the value starting at token ``i``; return the index after it."""
        token = self.tokens[i][0]
        if token == "{":
            return self._members(i + 1, path)
        if token == "[":
            return self._items(i + 1, path)
        return i + 1

    def _members(self, i: int, path: FieldPath) -> int:
        import json

        while self.tokens[i][0] != "}":
            key = json.loads(self.tokens[i][0])
            child = (*path, key)
            self.loc.add(child, self.to_pos(self.tokens[i][1]), self.to_pos(self.tokens[i + 2][1]))
            i = self.value(i + 2, child)
            i += self.tokens[i][0] == ","
        return i + 1

    def _items(self, i: int, path: FieldPath) -> int:
        index = 0
        while self.tokens[i][0] != "]":
            at = self.to_pos(self.tokens[i][1])
            self.loc.add((*path, index), at, at)
            i = self.value(i, (*path, index))
            i += self.tokens[i][0] == ","
            index += 1
        return i + 1


# ---------------------------------------------------------------- TOML: a structural scanner over valid TOML


def toml_locator(text: str) -> Locator:
    """Return the positions of keys, tables and array items in ``text``, which must be valid TOML."""
    loc = Locator()
    loc.values[()] = (1, 1)
    # Should the scanner trip, the positions found so far stay usable: errors point at an ancestor.
    with contextlib.suppress(IndexError, ValueError):
        _TomlScan(text, loc).document()
    return loc


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class _TomlScan:
    def __init__(self, text: str, loc: Locator) -> None:
        self.text, self.loc, self.to_pos, self.i = text, loc, _Offsets(text), 0
        self.counters: dict[FieldPath, int] = {}

    def document(self) -> None:
        table: FieldPath = ()
        while self._skip(newlines=True) < len(self.text):
            start = self.i
            if self.text.startswith("[[", start):
                self.i += 2
                name = self._key()
                index = self.counters[name] = self.counters.get(name, -1) + 1
                table = (*name, index)
                self.loc.add(table, self.to_pos(start), self.to_pos(start))
            elif self.text[start] == "[":
                self.i += 1
                table = self._key()
                self.loc.add(table, self.to_pos(start), self.to_pos(start))
            else:
                self._pair(table)
            self._to_line_end()

    def _pair(self, table: FieldPath) -> None:
        start = self.i
        path = (*table, *self._key())
        self.i = self.text.index("=", self.i) + 1
        self._skip()
        self.loc.add(path, self.to_pos(start), self.to_pos(self.i))
        self._value(path)

    def _key(self) -> FieldPath:
        parts: list[str] = []
        while True:
            self._skip()
            quote = self.text[self.i]
            if quote in "\"'":
                end = self._string_end(self.i)
                parts.append(self.text[self.i + 1 : end - 1])
                self.i = end
            else:
                match = _BARE_KEY.match(self.text, self.i)
                if match is None:
                    raise ValueError(self.i)
                parts.append(match.group())
                self.i = match.end()
            self._skip()
            if self.text[self.i] != ".":
                return tuple(parts)
            self.i += 1

    def _value(self, path: FieldPath) -> None:
        char = self.text[self.i]
        if char in "\"'":
            self.i = self._string_end(self.i)
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            match = re.compile(r"[^,\]}\n#]*").match(self.text, self.i)
            self.i = match.end() if match else self.i + 1

    def _array(self, path: FieldPath) -> None:
        self.i += 1
        index = 0
        while self._skip(newlines=True) < len(self.text) and self.text[self.i] != "]":
            at = self.to_pos(self.i)
            self.loc.add((*path, index), at, at)
            self._value((*path, index))
            self._skip(newlines=True)
            if self.text[self.i] == ",":
                self.i += 1
            index += 1
        self.i += 1

    def _inline_table(self, path: FieldPath) -> None:
        self.i += 1
        while self._skip() < len(self.text) and self.text[self.i] != "}":
            self._pair(path)
            self._skip()
            if self.text[self.i] == ",":
                self.i += 1
        self.i += 1

    def _string_end(self, i: int) -> int:
        """Return the offset just after the string literal that starts at ``i``."""
        quote = self.text[i]
        if self.text.startswith(quote * 3, i):
            end = self.text.index(quote * 3, i + 3) + 3
            # A multi-line string may end with up to two extra quotes: """a""""" is legal.
            while self.text.startswith(quote, end) and end - i < len(self.text):
                end += 1
            return end
        j = i + 1
        while self.text[j] != quote:
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        return j + 1

    def _skip(self, *, newlines: bool = False) -> int:
        """Skip spaces (and newlines and comments when ``newlines``); return the new offset."""
        pattern = r"(?:[ \t\r\n]|#[^\n]*)*" if newlines else r"[ \t]*"
        match = re.compile(pattern).match(self.text, self.i)
        self.i = match.end() if match else self.i
        return self.i

    def _to_line_end(self) -> None:
        newline = self.text.find("\n", self.i)
        self.i = len(self.text) if newline < 0 else newline + 1
