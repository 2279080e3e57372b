"""Suggest the closest valid key or value for a misspelt one ("did you mean 'value'?")."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from drafter.resources import load_yaml


def _norm(word: str) -> str:
    # Case, spaces, underscores and hyphens rarely carry meaning in a misspelt key or value.
    return re.sub(r"[\s_-]+", "-", word.strip().casefold())


def closest(word: str, choices: Iterable[str], *, aliases: str | None = None) -> str | None:
    """Return the valid choice closest to ``word``, or ``None`` when none is close.

    Args:
        word: What the user wrote.
        choices: The valid keys or values.
        aliases: Name of a table in ``aliases.yaml`` (``approx``, ``language``) of common synonyms.
    """
    options = list(choices)
    normal = {_norm(c): c for c in options}
    if _norm(word) in normal:
        return normal[_norm(word)]
    if aliases:
        for value, words in load_yaml("drafter.facts", "aliases.yaml")[aliases].items():
            if _norm(word) in {_norm(str(w)) for w in words}:
                return str(value)
    found = difflib.get_close_matches(_norm(word), list(normal), n=1, cutoff=0.6)
    return normal[found[0]] if found else None


def did_you_mean(
    word: str, choices: Iterable[str], *, aliases: str | None = None, label: str = "use one of"
) -> str:
    """Return ``did you mean 'x'?`` for the closest choice, else ``<label> a, b, c``."""
    options = list(choices)
    best = closest(word, options, aliases=aliases)
    return f"did you mean '{best}'?" if best else f"{label} {', '.join(options)}"


def sanitize_id(text: str) -> str:
    """Return ``text`` turned into a valid fact id (letters, digits, ``_``, ``-``), maybe empty."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_-]", "_", text.strip())).strip("_")
