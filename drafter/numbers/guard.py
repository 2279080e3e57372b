"""Speed up a large alternation regex by a lookahead on the characters any of its matches can start with.

Python's regex engine skips quickly to candidate positions only when a pattern starts with a literal or a
character set; a big alternation (terms | idioms | markers) is otherwise tried in full at every position.
``(?=[first chars])`` in front of it fails at once where no match can start, and changes no match: the set
is computed from the parsed pattern and is a superset of every match's first character.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The parser is not public: when it is missing or changes shape, the pattern is simply left unguarded.
try:
    _P: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
    _CATEGORIES = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_WORD: r"\w"}
    _REPEATS = frozenset({_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)})
    _ZERO_WIDTH = frozenset({_C.AT, _C.ASSERT, _C.ASSERT_NOT})
except (ImportError, AttributeError):  # pragma: no cover - another Python's private regex modules
    _P = None


class _Unknown(Exception):
    """The first character of a match cannot be bounded (., a negated set, a back reference …)."""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return ``pattern`` compiled, behind a lookahead on its possible first characters when known."""
    if _P is None:
        return re.compile(pattern, flags)
    try:
        parsed = _P.parse(pattern, flags)
        chars, nullable = _first(parsed.data)
    except (_Unknown, AttributeError, TypeError, ValueError):
        return re.compile(pattern, flags)
    # An empty match may start anywhere; case folding widens the first characters beyond the parse.
    if nullable or not chars or parsed.state.flags & re.IGNORECASE:
        return re.compile(pattern, flags)
    try:
        return re.compile(f"(?=[{''.join(dict.fromkeys(chars))}])(?:{pattern})", flags)
    except re.error:
        return re.compile(pattern, flags)  # inline global flags such as (?m) must stay at the start


def _first(items: list[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """Return the character-set items a sequence can start with, and whether it can match empty."""
    chars: list[str] = []
    for op, av in items:
        own, nullable = _first_op(op, av)
        chars.extend(own)
        if not nullable:
            return chars, False
    return chars, True


def _first_op(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is _C.LITERAL:
        return [re.escape(chr(av))], False
    if op is _C.IN:
        return [_set_item(o, a) for o, a in av], False
    if op is _C.BRANCH:
        firsts = [_first(branch.data) for branch in av[1]]
        return [c for chars, _ in firsts for c in chars], any(nullable for _, nullable in firsts)
    if op is _C.SUBPATTERN and not (av[1] or av[2]):
        return _first(av[3].data)  # a group without inline flags
    if op in _REPEATS:
        chars, nullable = _first(av[2].data)
        return chars, nullable or av[0] == 0
    if op in _ZERO_WIDTH:
        return [], True  # ^, \b, lookarounds consume nothing
    raise _Unknown(op)


def _set_item(op: Any, av: Any) -> str:
    if op is _C.LITERAL:
        return re.escape(chr(av))
    if op is _C.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is _C.CATEGORY and av in _CATEGORIES:
        return str(_CATEGORIES[av])
    raise _Unknown(op)  # a negated set, or a category the lookahead would have to spell out
