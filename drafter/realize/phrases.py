"""Phrase tables (data files: common per language, and per sector) and the deterministic choice of frames."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from drafter.resources import load_yaml

DATA_PACKAGE = "drafter.realize.data"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def table(language: str, sector: str | None = None) -> dict[str, Any]:
    """Return the phrase table of ``language`` (``zh``/``en``), with ``sector``'s table merged over it.

    The sector's file (``<language>-<sector>.yaml``, named through the common table's ``sector_tables``)
    holds what depends on the kind of organisation: openings, openers, general topic leads.
    """
    common: dict[str, Any] = load_yaml(DATA_PACKAGE, f"{language}.yaml")
    if sector is None:
        return common
    name = common["sector_tables"].get(sector, common["sector_tables"]["government"])
    return merged(common, load_yaml(DATA_PACKAGE, f"{language}-{name}.yaml"))


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``over`` merged into it: mappings recursively, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        out[key] = merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out


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


def pick_fresh(options: Iterable[str], key: str, used: set[str]) -> str | None:
    """Choose the first of ``options`` not in ``used``, starting at ``key``'s offset; record it as used.

    Returns ``None`` when every option is used: the caller then leaves the phrase out rather than
    repeat it (a report never says the same frame twice).
    """
    frames = list(dict.fromkeys(options))
    if not frames:
        return None
    start = stable_hash(key) % len(frames)
    for frame in frames[start:] + frames[:start]:
        if frame not in used:
            used.add(frame)
            return frame
    return None


def fill(frame: str, **values: str) -> str:
    """Put ``values`` into ``frame``'s ``{name}`` placeholders.

    One pass, not ``str.format``: fact text is data, so braces inside a value are never interpreted.
    """
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), frame)
