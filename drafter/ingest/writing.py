"""Write a facts file as commented YAML: one block per fact, each with a comment saying where it came from.

Every string is written so that YAML reads back exactly what was written (quotes, colons, ``#``, ``null``,
``yes``, line breaks, any Unicode): plain only when it is a simple word, else a double-quoted scalar with
JSON escapes, which YAML's double-quoted style shares.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from drafter.cjk import CJK
from drafter.facts.suggest import sanitize_id

Scalar = str | int | float | bool | None

# Words YAML 1.1 reads as booleans or null when plain.
_SPECIAL = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_TOKENS = re.compile(r"[A-Za-z0-9]+|[^\x00-\x7f]")
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_EN_STOP = {"the", "of", "and", "to", "in", "a", "an", "for", "by", "at", "on", "with", "from", "its"}
REPORT_KEYS = ("title", "organization", "period", "next_period", "kind", "language", "date")


@dataclass
class Entry:
    """One item of ``facts`` or ``notes`` to write: its fields in order and the comment lines above it."""

    fields: dict[str, Scalar]
    comments: list[str] = field(default_factory=list)


def scalar(value: Scalar) -> str:
    """Return ``value`` as a YAML scalar that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        # PyYAML reads 1e-05 as a string: a float needs a dot before its exponent.
        return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
    if _PLAIN.fullmatch(value) and value.lower() not in _SPECIAL:
        return value
    # JSON escapes are YAML escapes; what JSON leaves raw but YAML may not hold raw (DEL, C1 controls,
    # U+2028/2029 line breaks, BOM, non-characters) is escaped too.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def comment(text: str, width: int = 160) -> str:
    """Return ``text`` as one comment line's body (line breaks and control characters become spaces)."""
    flat = re.sub(r"\s+", " ", _UNPRINTABLE.sub(" ", re.sub(r"[\x00-\x1f]", " ", text))).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render(
    header: Sequence[str],
    report: dict[str, Scalar],
    terms: Sequence[str],
    facts: Sequence[Entry],
    notes: Sequence[Entry],
    *,
    notes_header: str = "",
) -> str:
    """Return a whole facts file as YAML text with comments."""
    lines = [f"# {comment(h, 200)}" if h else "#" for h in header]
    lines.append("report:")
    lines += [f"  {key}: {scalar(report[key])}" for key in REPORT_KEYS if key in report]
    if terms:
        lines.append("terms:")
        lines += [f"  - {scalar(term)}" for term in terms]
    lines.append("facts:" if facts else "facts: []")
    lines += item_lines(facts)
    if notes:
        lines.append("")
        if notes_header:
            lines.append(f"# {comment(notes_header, 200)}")
        lines.append("notes:")
        lines += item_lines(notes)
    return "\n".join(lines) + "\n"


def item_lines(entries: Iterable[Entry]) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        lines += [f"  # {comment(c)}" for c in entry.comments]
        keys = list(entry.fields)
        for i, key in enumerate(keys):
            lines.append(f"  {'- ' if i == 0 else '  '}{key}: {scalar(entry.fields[key])}")
    return lines


def make_ids(labels: Sequence[str], language: str) -> list[str]:
    """Return one readable, unique id per label (pinyin for Chinese, words for English, else f01…)."""
    ids: list[str] = []
    seen: set[str] = set()
    for number, label in enumerate(labels, 1):
        base = _slug(label, language) or f"f{number:02d}"
        candidate, suffix = base, 2
        while candidate in seen:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(candidate)
        ids.append(candidate)
    return ids


@cache
def _readings() -> dict[str, str]:
    """Return pypinyin's character table (code point → readings with tones, commonest first).

    Read from pypinyin's own data file: importing the package loads its phrase dictionary as well, which
    takes most of a second and is of no use for ids built character by character.
    """
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None
    table = folder / "pinyin_dict.json" if folder else None
    if table is not None and table.is_file():
        data: dict[str, str] = json.loads(table.read_text(encoding="utf-8"))
        return data
    from pypinyin import pinyin_dict  # a layout we do not know: the package's public table

    return {str(k): str(v) for k, v in pinyin_dict.pinyin_dict.items()}


@cache
def _syllable(char: str) -> str:
    """Return the toneless pinyin of one character (its commonest reading), or "" when it has none."""
    reading = _readings().get(str(ord(char)), "").split(",")[0]
    plain = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain if plain.isascii() and plain.isalpha() else ""


def _slug(label: str, language: str) -> str:
    if language == "zh" and CJK.search(label):
        # Chinese characters by their pinyin, Latin letters and digits as written (A级景区 → a_jijing_qu).
        syllables = [t.lower() if t.isascii() else _syllable(t) for t in _TOKENS.findall(label)]
        syllables = [s for s in syllables if s]
        pairs = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
        return sanitize_id("_".join(pairs[:4]).lower())
    words = [w for w in re.findall(r"[A-Za-z0-9]+", label.lower()) if w not in _EN_STOP]
    return sanitize_id("_".join(words[:4]))
