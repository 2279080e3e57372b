"""Fill a facts skeleton's empty values from this year's spreadsheet, matching labels.

The skeleton is edited in place, line by line, so the user's comments and edits survive: ``value: null``
becomes the sheet's figure; when the sheet writes the unit at another scale (人 vs 万人) the unit and
``previous`` follow the sheet's. Rows of the sheet that last year's report did not have are added at the
end of ``facts`` as new facts, commented with their cell.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import FactsError, MissingValuesError
from drafter.facts.loader import decode, parse_document, parse_facts
from drafter.facts.positions import Locator
from drafter.ingest.sheets import SheetFact, sheet_fields
from drafter.ingest.writing import Entry, item_lines, make_ids, scalar
from drafter.numbers.bind import keys

MATCH_THRESHOLD = 0.45
_SCALES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_PUNCT = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class Match:
    """A skeleton fact filled from a sheet row."""

    index: int
    fact_id: str
    label: str
    row: SheetFact
    score: float


@dataclass
class MergeResult:
    """What ``merge`` did.

    Attributes:
        text: The merged facts file.
        matched: Facts filled from the sheet.
        empty: (index, id, label) of skeleton facts still without a value.
        new: Sheet rows last year's report did not have (added as new facts).
        kept: (fact index, its value, the matching row) for facts that already had a value (left as written).
    """

    text: str
    matched: list[Match] = field(default_factory=list)
    empty: list[tuple[int, str, str]] = field(default_factory=list)
    new: list[SheetFact] = field(default_factory=list)
    kept: list[tuple[int, Any, SheetFact]] = field(default_factory=list)


def match_labels(labels: Sequence[str], candidates: Sequence[str]) -> list[list[tuple[int, float]]]:
    """Rank ``candidates`` for each of ``labels`` by label similarity, best first.

    The score (0-1) is the overlap of the checker's attribution keys (``numbers.bind.keys``: character
    bigrams, English stems), each weighted by its rarity among all the labels and candidates: two labels
    sharing 覆盖率 agree more than two sharing 工作.

    Returns:
        For each label, (candidate index, score) pairs with a score above zero, best first.
    """
    label_grams = [_grams(t) for t in labels]
    candidate_grams = [_grams(t) for t in candidates]
    counts: Counter[str] = Counter(g for grams in (*label_grams, *candidate_grams) for g in set(grams))
    total = len(labels) + len(candidates)

    def weight(gram: str) -> float:
        return math.log(1 + total / counts[gram])

    ranked = []
    for grams in label_grams:
        scores = []
        for index, other in enumerate(candidate_grams):
            shared = sum(weight(g) for g in grams & other)
            whole = sum(weight(g) for g in grams) + sum(weight(g) for g in other)
            if shared and whole:
                scores.append((index, 2 * shared / whole))
        ranked.append(sorted(scores, key=lambda pair: -pair[1]))
    return ranked


def _grams(text: str) -> set[str]:
    # The checker's own words for what a text speaks of (numbers.bind): Chinese bigrams, English stems,
    # stop words left out; the whole text when nothing else is left.
    return set(keys(text)) or {text.casefold().strip()}


def merge(skeleton_path: str | Path, rows: list[SheetFact]) -> MergeResult:
    """Return the skeleton at ``skeleton_path`` with its empty values filled from ``rows``.

    Raises:
        FactsError: The skeleton is not a valid facts file (other than values still empty).
    """
    path = Path(skeleton_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise FactsError(
            "the skeleton must be YAML", file=path, hint="give the file 'drafter facts extract' wrote"
        )
    if not path.is_file():
        raise FactsError("no such file", file=path)
    text = decode(path.read_bytes(), path)
    _validated(text, path)
    data, locator = parse_document(text, "yaml", path)
    facts: list[dict[str, Any]] = data.get("facts") or []
    result = MergeResult(text)
    open_facts = [i for i, f in enumerate(facts) if f.get("value") is None]
    # Rows are matched against every fact, so a row for a fact the user already filled is not "new".
    every = _assign(facts, list(range(len(facts))), rows)
    pairs = [p for p in every if facts[p[0]].get("value") is None]
    result.kept = [
        (p[0], facts[p[0]]["value"], rows[p[1]]) for p in every if facts[p[0]].get("value") is not None
    ]
    lines = text.splitlines(keepends=True)
    edits: list[Edit] = []
    for index, row_index, score in sorted(pairs):
        row = rows[row_index]
        edits += _fill(facts[index], index, row)
        result.matched.append(
            Match(index, str(facts[index].get("id")), str(facts[index]["label"]), row, score)
        )
    _apply(lines, locator, edits)
    used = {row_index for _, row_index, _ in every}
    result.new = [row for i, row in enumerate(rows) if i not in used]
    filled = {index for index, _, _ in pairs}
    result.empty = [
        (i, str(facts[i].get("id")), str(facts[i].get("label"))) for i in open_facts if i not in filled
    ]
    taken = {str(f.get("id")) for f in facts}
    text = "".join(lines)
    if result.new:
        text = _append(text, locator, data, result.new, taken)
    result.text = text
    _validated(text, path)
    return result


def _validated(text: str, path: Path) -> None:
    """Raise the first problem of a skeleton other than values still empty."""
    with suppress(MissingValuesError):
        parse_facts(text, "yaml", path)


def _assign(
    facts: list[dict[str, Any]], open_facts: list[int], rows: list[SheetFact]
) -> list[tuple[int, int, float]]:
    """Return (fact index, row index, score) pairs, best scores first, each fact and row used once."""
    ranked = match_labels([str(facts[i].get("label")) for i in open_facts], [r.label for r in rows])
    topics = match_labels(
        [str(facts[i].get("topic") or "") for i in open_facts], [r.topic or "" for r in rows]
    )
    options = []
    for k, ranking in enumerate(ranked):
        # The label decides; a shared topic only breaks ties between rows labelled alike in two categories.
        bonus = dict(topics[k])
        for row_index, score in ranking:
            if score >= MATCH_THRESHOLD and _units_agree(
                facts[open_facts[k]].get("unit"), rows[row_index].unit
            ):
                options.append((score + 0.05 * bonus.get(row_index, 0.0), score, open_facts[k], row_index))
    pairs: list[tuple[int, int, float]] = []
    seen_facts: set[int] = set()
    seen_rows: set[int] = set()
    for _, score, index, row_index in sorted(options, key=lambda o: (-o[0], o[2], o[3])):
        if index not in seen_facts and row_index not in seen_rows:
            pairs.append((index, row_index, score))
            seen_facts.add(index)
            seen_rows.add(row_index)
    return pairs


def split_scale(unit: str | None) -> tuple[float, str]:
    """Return (scale, base) of a written unit: 万人次 → (10000, 人次), % → (1, %)."""
    text = (unit or "").strip()
    for word, factor in _SCALES.items():
        if text.startswith(word) and len(text) > len(word):
            return factor, text[len(word) :]
    return 1.0, text


def _units_agree(skeleton_unit: object, sheet_unit: str | None) -> bool:
    if not skeleton_unit or not sheet_unit:
        return True
    return split_scale(str(skeleton_unit))[1] == split_scale(sheet_unit)[1]


Edit = tuple[tuple[str | int, ...], str, str]  # field path, new scalar, keys to add beside it


def _fill(fact: dict[str, Any], index: int, row: SheetFact) -> list[Edit]:
    """Return the edits that write the row's figure over ``value: null`` (and the sheet's unit and scale)."""
    edits: list[Edit] = []
    old_unit = fact.get("unit")
    if row.unit and old_unit and row.unit != old_unit:
        edits.append((("facts", index, "unit"), scalar(row.unit), ""))
        if fact.get("previous") is not None:
            ratio = split_scale(str(old_unit))[0] / split_scale(row.unit)[0]
            edits.append((("facts", index, "previous"), scalar(_tidy(fact["previous"] * ratio)), ""))
    addition = f", unit: {scalar(row.unit)}" if row.unit and not old_unit else ""
    # The approximation is this year's: 约1.3万 in the sheet is about, whatever last year's 近万 was.
    if row.approx != fact.get("approx", "exact"):
        if "approx" in fact:
            edits.append((("facts", index, "approx"), scalar(row.approx), ""))
        else:
            addition += f", approx: {scalar(row.approx)}"
    edits.append((("facts", index, "value"), scalar(row.value), addition))
    return edits


def _tidy(value: float) -> int | float:
    rounded = round(value, 8)
    return int(rounded) if float(rounded).is_integer() else rounded


def _apply(lines: list[str], locator: Locator, edits: list[Edit]) -> None:
    """Replace the scalars at the edits' paths, last in the file first so earlier positions stay true."""
    placed = [
        (locator.values[path], new, addition) for path, new, addition in edits if path in locator.values
    ]
    for (line_no, column), new, addition in sorted(placed, key=lambda e: e[0], reverse=True):
        row, column = line_no - 1, column - 1
        line = lines[row]
        token = re.match(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[^,}\]#\n]*', line[column:])
        end = column + len(token[0].rstrip()) if token else column
        rest = line[end:]
        if addition and not re.match(r"\s*[,}]", rest):  # block style: each new key on its own line
            indent = " " * (len(line) - len(line.lstrip(" -")))
            addition = "".join(f"\n{indent}{part}" for part in addition.split(", ") if part)
        lines[row] = line[:column] + new + addition + rest


def _append(text: str, locator: Locator, data: dict[str, Any], rows: list[SheetFact], taken: set[str]) -> str:
    """Add ``rows`` as new facts at the end of the block-style ``facts`` list."""
    language = str((data.get("report") or {}).get("language") or "zh")
    ids = [i if i not in taken else f"{i}_new" for i in make_ids([r.label for r in rows], language)]
    entries = [
        Entry(sheet_fields(r, i), [f"new this year (not in last year's report): {r.where}"])
        for r, i in zip(rows, ids, strict=True)
    ]
    block = "\n".join(item_lines(entries)) + "\n"
    lines = text.splitlines(keepends=True)
    facts_key = locator.keys.get(("facts",))
    if facts_key is None or re.match(r"\s*facts:\s*\[", lines[facts_key[0] - 1]):
        return text  # a flow-style list is left alone; the new rows are listed, not added
    after = [pos[0] for key, pos in locator.keys.items() if len(key) == 1 and pos[0] > facts_key[0]]
    insert = min(after) - 1 if after else len(lines)
    while insert > facts_key[0] and (not lines[insert - 1].strip() or lines[insert - 1].startswith("#")):
        insert -= 1
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join([*lines[:insert], block, *lines[insert:]])
