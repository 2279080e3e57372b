"""Split a long Chinese title into balanced lines at word boundaries (GB/T 9704-2012 7.3.3).

The title is cut into the fewest lines of at most ``max_width`` characters (a digit or Latin letter
counts half), at the cheapest set of breaks (after 关于 or punctuation, then after 的 or an issuer's
name, then between two common title words), preferring lines of even length in a trapezoid (each line no
longer than the next, or no shorter) or a diamond (the middle line longest). A break never falls inside
a quotation, a figure, a year and the noun it qualifies (2025年度 / 工作总结 is refused), and no line
keeps fewer than ``min_line`` characters.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import Any

from drafter.resources import load_yaml

_FORBIDDEN = 100.0
_INSIDE_QUOTE = 20.0
# Spans never broken: quotations and brackets, and a year (with its 年度/学年/学期/季度…) plus the next word.
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|（[^）]*）|〔[^〕]*〕")
_YEAR = re.compile(
    r"\d{4}(?:[—-]\d{4})?(?:年度|学年|年)?(?:第[一二三四]学期|第[一二三四]季度|上半年|下半年|[1-9]月)?"
)


@cache
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("drafter.document.data", "titles.yaml")
    return data


def width(text: str) -> float:
    """Return the printed width of ``text`` in characters: ASCII (digits, Latin) counts half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def split_title(title: str, max_width: float | None = None) -> list[str]:
    """Return ``title`` as lines, each at most ``max_width`` characters wide (one line when it fits)."""
    rules = _rules()
    limit = float(max_width if max_width is not None else rules["max_width"])
    title = title.strip()
    if width(title) <= limit:
        return [title]
    costs = break_costs(title)
    open_at = [i for i in range(1, len(title)) if costs[i] < _FORBIDDEN]
    for lines in range(2, len(title) // int(rules["min_line"]) + 1):
        best = _best(title, costs, open_at, lines, limit, int(rules["min_line"]))
        if best is not None:
            return best
    return [title]  # nothing fits (a single unbreakable run): leave it to the word processor


def break_costs(title: str) -> list[float]:
    """Return, for each position ``i`` (a break before ``title[i]``), the cost of breaking there."""
    rules = _rules()
    costs = [_FORBIDDEN] * (len(title) + 1)
    words = _word_edges(title, rules["words"])
    for i in range(1, len(title)):
        before, after = title[:i], title[i:]
        if any(before.endswith(w) for w in rules["free_after"]) or any(
            after.startswith(w) for w in rules["free_before"]
        ):
            costs[i] = 0.0
        elif any(before.endswith(w) for w in rules["cheap_after"]) or _YEAR.match(after):
            costs[i] = 1.0
        elif i in words:
            costs[i] = 3.0
    for start, end in (m.span() for m in _QUOTED.finditer(title)):
        for i in range(start + 1, end):  # inside a quotation only when nothing else fits
            costs[i] += _INSIDE_QUOTE
    for start, end in _year_spans(title):
        for i in range(start + 1, end):
            costs[i] = _FORBIDDEN
    for i in range(1, len(title)):
        if title[i] in "的、，：）”》" or title[i - 1] in "（“《":  # no line starts with 的 or closing marks
            costs[i] = _FORBIDDEN
        elif title[i - 1].isascii() and title[i].isascii():
            costs[i] = _FORBIDDEN  # inside a figure or a Latin word
    return costs


def _year_spans(title: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    words = sorted(_rules()["words"], key=len, reverse=True)
    for year in _YEAR.finditer(title):
        end = year.end()
        if not year.group().isascii():  # 2025年度工作总结: the year stays with the word that follows it
            rest = title[end:]
            quoted = _QUOTED.match(rest)
            word = quoted.group() if quoted else next((w for w in words if rest.startswith(w)), rest[:2])
            end += len(word)
        spans.append((year.start(), end))
    return spans


def _word_edges(title: str, words: list[str]) -> set[int]:
    """Positions where a known title word starts or ends."""
    edges: set[int] = set()
    for word in words:
        for found in re.finditer(re.escape(word), title):
            edges.update(found.span())
    return edges


def _best(
    title: str, costs: list[float], open_at: list[int], lines: int, limit: float, min_line: int
) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cuts in itertools.combinations(open_at, lines - 1):
        bounds = [0, *cuts, len(title)]
        parts = [title[a:b] for a, b in itertools.pairwise(bounds)]
        widths = [width(p) for p in parts]
        if max(widths) > limit or min(len(p) for p in parts) < min_line:
            continue
        score = 4 * sum(costs[c] for c in cuts) + (max(widths) - min(widths)) + _shape_penalty(widths)
        if best is None or score < best[0]:
            best = (score, parts)
    return best[1] if best else None


def _shape_penalty(widths: list[float]) -> float:
    """0 for a trapezoid (monotonic) or a diamond (rising then falling); an hourglass costs more."""
    rising = all(a <= b for a, b in itertools.pairwise(widths))
    falling = all(a >= b for a, b in itertools.pairwise(widths))
    peak = widths.index(max(widths))
    diamond = all(a <= b for a, b in itertools.pairwise(widths[: peak + 1])) and all(
        a >= b for a, b in itertools.pairwise(widths[peak:])
    )
    return 0.0 if rising or falling or diamond else 6.0
