"""Phrase tables (data files) and the deterministic choice of a frame among several."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from drafter.resources import load_yaml

DATA_PACKAGE = "drafter.realize.data"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def table(language: str) -> dict[str, Any]:
    """Return the phrase table of ``language`` (``zh`` or ``en``), read once from its YAML file."""
    data: dict[str, Any] = load_yaml(DATA_PACKAGE, f"{language}.yaml")
    return data


def stable_hash(key: str) -> int:
    """Return a hash of ``key`` that is the same in every process (unlike Python's salted ``hash``)."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


def pick(options: list[str], key: str, position: int = 0) -> str:
    """Choose one of ``options`` deterministically.

    The choice starts at an offset given by ``key`` and rotates with ``position``, so neighbouring items
    (position 0, 1, 2 …) never get the same frame while there are enough frames.

    Args:
        options: The frames to choose from (at least one).
        key: What the choice is about (a fact id, a topic name); fixes the starting offset.
        position: The item's position among its neighbours.
    """
    return options[(stable_hash(key) + position) % len(options)]


def fill(frame: str, **values: str) -> str:
    """Put ``values`` into ``frame``'s ``{name}`` placeholders.

    One pass, not ``str.format``: fact text is data, so braces inside a value are never interpreted.
    """
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), frame)
