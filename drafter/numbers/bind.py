"""Bind: which fact each figure's clause speaks of.

The second stage of the checker (extract → **bind** → judge → report). For every quantity, percent and
money mention it finds the clause the figure belongs to and ranks the facts (and the clauses of the notes)
by how well that clause speaks of them: the words of the fact's label and aliases found in the clause
(Chinese character bigrams, English stemmed words, each weighted by how rare it is among the labels of this
facts file), its 《…》 and “…” names, its unit and its topic heading. A clause *claims* a fact only when the
fact leads every other by a clear margin; otherwise the figure is matched by value only.

The rules (clause ends, separators, anchors, stop words, weights, thresholds) are data: ``data/bind.yaml``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import Any, NamedTuple

from drafter.cjk import is_cjk
from drafter.facts.models import Facts
from drafter.numbers.found import Found
from drafter.numbers.guard import guarded
from drafter.numbers.units import RATES, Unit, compatible, fact_unit, same_known
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
BOUND_KINDS = frozenset({"quantity", "percent", "money", "range"})
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'-]*[A-Za-z])?")  # one leading class: scanned for fast
_FIGURES = re.compile("[0-9０-９]")  # replaced by spaces (a regex: str.translate looks up every character)
# 。！？；;!?, a line end, or a full stop before a space (one leading character class: fast to scan for)
_SENTENCE_STOP = re.compile(r"[。！？；;!?\n.](?:(?<!\.)|(?=\s))")
_SUFFIXES = (
    ("ies", "y"),
    ("sses", "ss"),
    ("isations", "is"),
    ("izations", "iz"),
    ("ations", "at"),
    ("isation", "is"),
    ("ization", "iz"),
    ("ation", "at"),
    ("ing", ""),
    ("ed", ""),
    ("ance", ""),
    ("ence", ""),
    ("ment", ""),
)
_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+(?P<md>[^\n]+)"
    r"|[（(][一二三四五六七八九十]{1,3}[）)](?P<zh>[^\n。]{1,40})"
    r"|[一二三四五六七八九十]{1,3}、(?P<top>[^\n。；，]{1,40}))[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Rules:
    """The binding rules of ``data/bind.yaml``, compiled."""

    clause_end: re.Pattern[str]
    clause_start: re.Pattern[str]
    en_sentence_end: re.Pattern[str]
    en_soft: re.Pattern[str]
    separators: re.Pattern[str]
    anchor: re.Pattern[str]
    zh_stop: frozenset[str]
    en_stop: frozenset[str]
    weights: dict[str, float]
    claim: float
    margin: float
    also: float
    strong: float
    distinct: float
    default_section: str
    sections: dict[str, tuple[str, ...]]
    part: re.Pattern[str]
    respectively: re.Pattern[str]


@cache
def rules() -> Rules:
    """Return the binding rules (loaded once)."""
    data = load_yaml(DATA, "bind.yaml")
    ends = re.escape(data["clause_ends"].replace("\n", "")) + r"\n"
    starts = "|".join(data["clause_starts"])
    # ，；： between digits belong to the figure (8,450 or 9:30), not to the sentence. Written to start with
    # its character class (a clause end not followed, or not preceded, by a digit), which the regex engine
    # skips to fast: an alternation of the two is tried at every character of the text.
    clause_end = re.compile(rf"[{ends}](?:(?![0-9])|(?<![0-9][\s\S]))")
    words = "|".join(re.escape(w) for w in data["en_clause_words"])
    pairs = data["anchors"]
    anchor = "|".join(f"{re.escape(a)}([^{re.escape(b)}\\n]{{1,40}}){re.escape(b)}" for a, b in pairs)
    return Rules(
        clause_end=clause_end,
        clause_start=guarded(starts),
        en_sentence_end=re.compile(data["en_sentence_end"]),
        en_soft=re.compile(rf",(?![0-9])\s*|\s+(?:{words})\s+", re.IGNORECASE),  # not 498,200
        separators=guarded("|".join(re.escape(s) for s in data["list_separators"])),  # searched per figure
        anchor=re.compile(anchor),
        zh_stop=frozenset(data["zh_stop"]),
        en_stop=frozenset(w.lower() for w in data["en_stop"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        claim=float(data["thresholds"]["claim"]),
        margin=float(data["thresholds"]["margin"]),
        also=float(data["thresholds"]["also"]),
        strong=float(data["thresholds"]["strong"]),
        distinct=float(data["thresholds"]["distinct"]),
        default_section=str(data["default_section"]),
        sections={k: tuple(str(w).lower() for w in v) for k, v in data["sections"].items()},
        respectively=re.compile("|".join(re.escape(w) for w in data["respectively"])),
        part=re.compile(
            r"[\s，,]*(?:" + "|".join(re.escape(w) for w in data["part_words"]) + ")", re.IGNORECASE
        ),
    )


def stem(word: str) -> str:
    """Return a crude stem of an English word: lower case, no plural, -ing, -ed, -ance, -ment, -ation (loans
    → loan, attended and attendance → attend, enrolled and enrolment → enrol, digitised and digitisation →
    digitis, donated and donations → donat)."""
    low = word.lower().removesuffix("'s")
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            low = low[: -len(suffix)] + repl
            break
    else:
        if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
            low = low[:-1]
    if len(low) > 3 and low[-1] == low[-2] and low[-1] not in "aeious":
        low = low[:-1]  # planned → plann → plan, enrolled → enroll → enrol
    return low


def keys(text: str) -> frozenset[str]:
    """Return the words of ``text`` that can say what is counted: Chinese bigrams, English stems."""
    rule = rules()
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        out |= {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    out -= rule.zh_stop
    if _LATIN_WORD.search(text):
        out |= {stem(w) for w in _LATIN_WORD.findall(text) if w.lower() not in rule.en_stop}
    return frozenset(out)


def anchors_in(text: str) -> frozenset[str]:
    """Return the quoted names of ``text``: 《安全生产知识读本》, “送文化下乡”."""
    return frozenset(next(g for g in m.groups() if g) for m in rules().anchor.finditer(text))


@dataclass(frozen=True, slots=True)
class Subject:
    """Something a clause may speak of: a fact (by its label and aliases) or one clause of a note.

    Attributes:
        id: The fact's id, or ``notes[i]``.
        label: The words shown in reasons (the label, or the note's clause).
        wordings: The keys of each wording (label first, then aliases).
        anchors: The quoted names of its wordings.
        unit: Its unit, ``None`` when it has none or is a note.
        topic: Its topic, if any.
        figure: The fact's figure as a reader writes it (``1200册``), ``""`` for a note.
    """

    id: str
    label: str
    wordings: tuple[frozenset[str], ...]
    anchors: frozenset[str]
    unit: Unit | None
    topic: str | None
    figure: str = ""
    section: str | None = None


class Binding(NamedTuple):
    """Which fact a mention's clause speaks of (a named tuple: one is made per figure, and a tuple is built
    several times faster than a frozen dataclass).

    Attributes:
        claimed: The id of the subject the clause clearly speaks of (a fact id or ``notes[i]``), or
            ``None`` when no subject leads by a clear margin.
        score: The claimed subject's score (0–1), or the best score when none is claimed.
        clause: The (start, end) offsets of the mention's clause.
        scores: The best-scoring subjects, best first, as (id, how much of its label the sentence says):
            a figure of one of them that the sentence names too is not said of the wrong fact.
        strong: Whether the clause itself says enough of the claimed label (``thresholds.strong`` of its
            weight, or its quoted name) to call a figure of another fact misattributed.
    """

    claimed: str | None
    score: float
    clause: tuple[int, int]
    scores: tuple[tuple[str, float], ...] = ()
    strong: bool = False

    def speaks_of(self, subject_id: str) -> bool:
        """Whether the clause speaks of ``subject_id`` as well (it scores at least the claim threshold)."""
        rule = rules()
        return any(s == subject_id and score >= rule.also for s, score in self.scores)


Ranked = tuple[str | None, float, tuple[tuple[str, float], ...], bool]


@dataclass
class Binder:
    """The subjects of a facts file, indexed by key, with each key's weight (rarer keys weigh more)."""

    subjects: dict[str, Subject]
    weight: dict[str, float]
    index: dict[str, list[str]]
    totals: dict[str, tuple[float, ...]]
    cache: dict[Any, Ranked] = field(default_factory=dict)
    known: dict[str, frozenset[str]] = field(default_factory=dict)
    anchored: tuple[Subject, ...] = ()
    names: str = ""  # the labels and aliases, one a line: a numeral inside one is a name (四级手术)
    name_pairs: frozenset[str] = frozenset()  # every two characters in a row of ``names``

    def words_of(self, text: str) -> frozenset[str]:
        """Return the keys of ``text`` that some subject's wording has (memoised: clauses repeat)."""
        hit = self.known.get(text)
        if hit is None:
            if len(self.known) > 100_000:
                self.known.clear()
            hit = self.known[text] = keys(text) & self.weight.keys()
        return hit

    def score(
        self,
        subject_id: str,
        words: dict[str, float],
        clause: tuple[str, str],
        said: float,
        recall_only: bool = False,
    ) -> float:
        """Return how well ``words`` (each with the weight of where it stands) speak of a subject.

        The score is the harmonic mean of how much of the label the clause says (recall) and how much of
        what the clause says of any label is this label (precision, ``said`` being the clause's weight):
        "Digital loans" speaks of "share of loans that were digital" more than of "Loans". ``clause`` is
        (the figure's own words, the clause), where a label's quoted name counts in full or in part.
        """
        subject = self.subjects[subject_id]
        w = rules().weights
        best = 0.0
        for wording, total in zip(subject.wordings, self.totals[subject_id], strict=True):
            if not total:
                continue
            got = sum(self.weight[k] * words[k] for k in wording if k in words)
            if got and recall_only:
                best = max(best, got / total)
            elif got:
                recall, precision = got / total, min(got / said, 1.0) if said else 0.0
                best = max(best, 2 * recall * precision / (recall + precision))
        own_text, clause_text = clause
        if any(a in own_text for a in subject.anchors):
            best += w["anchor"]  # 《法治宣传手册》350册: the name right at the figure
        elif any(a in clause_text for a in subject.anchors):
            best += w["anchor"] * w["clause"]
        return min(best, 1.0)


def build_binder(facts: Facts) -> Binder:
    """Return the binder of ``facts``: its facts' labels and aliases, and the clauses of its notes."""
    subjects: dict[str, Subject] = {}
    for fact in facts.facts:
        wordings = (fact.label, *fact.aliases)
        unit = fact_unit(fact.unit) if fact.unit else None
        anchors = frozenset().union(*(anchors_in(w) for w in wordings))
        figure = _figure(fact.value, fact.unit)
        subjects[fact.id] = Subject(
            fact.id,
            fact.label,
            tuple(keys(w) for w in wordings),
            anchors,
            unit,
            fact.topic,
            figure,
            fact.section,
        )
    for i, note in enumerate(facts.notes):
        # A note is spoken of clause by clause: each of its clauses is a wording of its own.
        spans = [note.text[a:b] for a, b in _spans(note.text)]
        # English notes are spoken of clause by clause too (a central library, five branches and …).
        parts = [p.strip("，；。：！？,;:!? \n") for span in spans for p in re.split(r",\s+", span)]
        parts = [p for p in parts if p] or [note.text]
        subjects[f"notes[{i}]"] = Subject(
            f"notes[{i}]",
            parts[0],
            tuple(keys(p) for p in parts),
            anchors_in(note.text),
            None,
            note.topic,
            section=note.section,
        )
    binder = _indexed(subjects)
    binder.names = "\n".join(w for fact in facts.facts for w in (fact.label, *fact.aliases))
    binder.name_pairs = frozenset(binder.names[i : i + 2] for i in range(len(binder.names) - 1))
    return binder


def _figure(value: float, unit: str | None) -> str:
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return (
        f"{shown}{unit or ''}"
        if unit and not unit.isascii()
        else f"{shown} {unit}".strip()
        if unit
        else shown
    )


def _indexed(subjects: dict[str, Subject]) -> Binder:
    df: dict[str, int] = {}
    for subject in subjects.values():
        for key in frozenset().union(*subject.wordings):
            df[key] = df.get(key, 0) + 1
    n = max(len(subjects), 1)
    # Inverse document frequency: a bigram in one label of forty weighs four times one in half of them.
    weight = {k: math.log(1 + n / d) for k, d in df.items()}
    index: dict[str, list[str]] = {}
    for subject in subjects.values():
        for key in frozenset().union(*subject.wordings):
            index.setdefault(key, []).append(subject.id)
    totals = {s.id: tuple(sum(weight[k] for k in w) for w in s.wordings) for s in subjects.values()}
    anchored = tuple(s for s in subjects.values() if s.anchors)
    return Binder(subjects, weight, index, totals, anchored=anchored)


def _spans(text: str) -> list[tuple[int, int]]:
    """Return the clauses of ``text`` as (start, end) spans (Chinese clause ends, English sentences)."""
    rule = rules()
    cuts = {0, len(text)}
    cuts.update([m.end() for m in rule.clause_end.finditer(text)])
    cuts.update([m.start() for m in rule.clause_start.finditer(text)])
    cuts.update([m.end() for m in rule.en_sentence_end.finditer(text)])
    ordered = sorted(cuts)
    return [(a, b) for a, b in pairwise(ordered) if b > a]


def clauses(text: str, found: list[Found], raw: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Return the clause of each mention in ``found``, as (start, end) offsets in ``text``.

    A clause ends at ，；。：！？ and before an enumeration marker (一是, （一））; in English at a sentence
    end or semicolon, and at a comma or "and"/"while" only when both sides hold a figure. A clause
    without a figure is joined to the clause after it in the same sentence (在学前教育方面，新建幼儿园12所).
    """
    return _clauses(text, found, raw if raw is not None else _spans(text))[0]


def _clauses(
    text: str, found: list[Found], spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[int]]:
    """Return :func:`clauses` of ``found`` (``spans``: the clauses of ``text``), and where each figure's own
    clause starts, before the figure-less clauses before it are joined to it."""
    rule = rules()
    starts = [s for s, _ in spans]
    positions = [f.start for f in found]
    out: list[tuple[int, int]] = []
    own: list[int] = []
    cuts_of: dict[tuple[int, int], _Cuts | None] = {}  # the soft cuts of each English sentence, found once
    latin = _LATIN_WORD.search(text) is not None  # without a Latin word, no sentence is English
    for item in found:
        k = bisect.bisect_right(starts, item.start) - 1
        start, end = spans[k]
        own.append(start)
        # Join the figure-less clauses before it in its sentence.
        while k > 0 and not _ends_sentence(text, spans[k - 1][1]) and not _holds(positions, *spans[k - 1]):
            k -= 1
            start = spans[k][0]
        out.append(
            _english_clause(text, start, end, item, positions, rule, cuts_of) if latin else (start, end)
        )
    return out, own


def _ends_sentence(text: str, end: int) -> bool:
    return end > 0 and text[end - 1] in "。！？.!?\n"


# A clause of more figures than this is no list a writer attributes item by item ("1,1,1,…"): its
# figures share the clause's words, and the per-figure exclusion (quadratic in the count) is skipped.
MAX_LISTED = 24


def _figures_in(positions: list[int], clause: tuple[int, int]) -> int:
    """How many of the figures (at ``positions``, in order) start in ``clause``."""
    return bisect.bisect_left(positions, clause[1]) - bisect.bisect_left(positions, clause[0])


def _holds(positions: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


_Span = tuple[int, int] | None


class _Cuts(NamedTuple):
    """The soft cuts of one English sentence (commas, clause words) and their offsets, in order."""

    matches: list[re.Match[str]]
    starts: list[int]


def _english_clause(
    text: str,
    start: int,
    end: int,
    item: Found,
    positions: list[int],
    rule: Rules,
    cuts_of: dict[tuple[int, int], _Cuts | None],
) -> tuple[int, int]:
    """Narrow an English sentence to the part of ``item``: between two figures the clause ends at a
    comma or clause word (see :func:`_boundary`), so each side keeps its figure."""
    if (start, end) not in cuts_of:  # each sentence is read once, however many figures it holds
        english = _LATIN_WORD.search(text, start, end) and not _CJK_RUN.search(text, start, end)
        found = list(rule.en_soft.finditer(text, start, end)) if english else []
        cuts_of[start, end] = _Cuts(found, [m.start() for m in found]) if english else None
    cuts = cuts_of[start, end]
    if cuts is None:
        return start, end
    k = bisect.bisect_left(positions, item.start)
    low, high = start, end
    if k > 0 and positions[k - 1] >= start:
        # the end of the previous figure: its mention starts there, so look past its own digits
        cut = _boundary(cuts, positions[k - 1] + 1, item.start)
        low = cut.end() if cut else low
    j = bisect.bisect_left(positions, item.end)
    if j < len(positions) and positions[j] < end:
        cut = _boundary(cuts, item.end, positions[j])
        high = cut.start() if cut else high
    return low, high


def _boundary(cuts: _Cuts, low: int, high: int) -> re.Match[str] | None:
    """Where the clause of one figure ends and the next begins, between ``low`` and ``high``: the last
    comma ("earned $4.8 million, and donations and legacies brought in"), else the last "and" ("on
    buildings and equipment and paid $1.85 million")."""
    # only the cuts between the two figures are read: a sentence of thousands of figures stays linear
    first, last = bisect.bisect_left(cuts.starts, low), bisect.bisect_left(cuts.starts, high)
    between = [c for c in cuts.matches[first:last] if c.end() <= high]
    commas = [c for c in between if "," in c.group()]
    chosen = commas or between
    return chosen[-1] if chosen else None


def own_span(text: str, clause: tuple[int, int], found: list[Found], i: int) -> tuple[int, int, int, int]:
    """Return the figure's own words: (before start, before end, after start, after end).

    Before the figure: from the clause start, or (when a figure precedes it in the clause) from the last
    list separator after that figure (新建学校3所、幼儿园5所: 幼儿园 is the words of 5所). After it: up to the
    first separator or the next figure (建成3个示范基地、5个服务站: 示范基地 is the words of 3个).
    """
    rule = rules()
    item = found[i]
    start, end = clause
    low = start
    if i > 0 and found[i - 1].end > start:
        low = found[i - 1].end
        last = None
        for m in rule.separators.finditer(text, low, item.start):
            last = m
        if last is not None:
            low = last.end()
    high = end
    if i + 1 < len(found) and found[i + 1].start < end:
        high = found[i + 1].start
    stop = rule.separators.search(text, item.end, high)
    return low, item.start, item.end, stop.start() if stop else high


def headings(text: str) -> tuple[list[int], list[str], list[str]]:
    """Return the offsets and texts of the headings of ``text`` (Markdown #, or a line （一）…), and the
    section each one falls in (by the words of the last section heading: 工作安排 → plans)."""
    places, names, sections = [], [], []
    section = ""
    for m in _headings_of(text):
        name = (m.group("md") or m.group("zh") or m.group("top") or "").strip()
        low = name.lower()
        named = next((s for s, words in rules().sections.items() if any(w in low for w in words)), None)
        section = named or section
        places.append(m.start())
        names.append(name)
        sections.append(section)
    return places, names, sections


def _headings_of(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_HEADING`` in ``text``, tried at line starts only: a heading is one whole line, and
    a regex anchored by ^ is otherwise tried (and fails) at every character of the text."""
    pos = 0
    while pos <= len(text):
        found = _HEADING.match(text, pos)
        if found is not None:
            yield found
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return


def bind(text: str, found: list[Found], binder: Binder) -> list[Binding | None]:
    """Return, for each mention of ``found`` (in order), which subject its clause speaks of.

    Mentions that are not quantities, percents, money or ranges get ``None``.
    """
    # Only figures divide a clause among themselves: a term (九年义务教育) or a year is words, and so is a
    # numeral that a label says (四级手术312台: 四级 is part of the name, not a count of levels).
    named = [f.kind in BOUND_KINDS and _in_label(text, f, binder) for f in found]
    figures = [f for f, n in zip(found, named, strict=True) if f.kind in BOUND_KINDS and not n]
    spans, own_starts = _clauses(text, figures, _spans(text))
    sentences = _Sentences(text, own_starts, spans)
    starts = [f.start for f in figures]
    out: list[Binding | None] = []
    around: dict[tuple[int, int], tuple[str, int]] = {}  # each clause's words and how many figures it holds
    word_at: dict[tuple[int, int], _Span] = {}  # where 分别 stands in each clause
    # Read once for the whole text: most texts have no 分别 or table, and then no clause or row has one.
    respectively = rules().respectively.search(text) is not None
    tables = "|" in text
    previous: Binding | None = None
    i = -1
    for item, in_label in zip(found, named, strict=True):
        if item.kind not in BOUND_KINDS or in_label:
            out.append(None)
            continue
        i += 1
        clause = spans[i]
        b0, b1, a0, a1 = own_span(text, clause, figures, i)
        # 辖9个社区 says 下辖社区: a Chinese figure inside the phrase joins its words (辖社)
        joined = b1 > b0 and a1 > a0 and is_cjk(text[b1 - 1]) and is_cjk(text[a0])
        own_text = text[b0:b1] + ("" if joined else " ") + text[a0:a1]
        if respectively:
            if clause not in word_at:
                word_at[clause] = _respectively_word(text, clause)
            listed = _respectively(text, clause, figures, starts, i, word_at[clause])
            if listed is not None:
                own_text = listed + " " + text[a0:a1]  # 增值税、企业所得税分别入库15.8亿元、7.3亿元
        label_cell = _row_label(text, item.start) if tables else None
        if label_cell is not None:
            own_text = label_cell + " " + text[a0:a1]  # | 电子图书借阅 | 21.47万册次 | 17.89万册次 |
        if clause not in around:  # the figures of one clause share its words
            around[clause] = (_rest(text, clause, figures, starts), _figures_in(starts, clause))
        rest, count = around[clause]
        if 1 < count <= MAX_LISTED:
            rest = _rest(text, clause, figures, starts, i)  # but not the words another figure owns
        # Figures are no keys (keys are CJK runs and Latin words): the words need no translation here.
        names_any = binder.words_of(own_text) or binder.words_of(rest)
        clause_text = text[clause[0] : clause[1]] if names_any or binder.anchored else ""
        if names_any or (
            binder.anchored and any(a in clause_text for s in binder.anchored for a in s.anchors)
        ):
            # the rest of the sentence adds to recall only: read it only when the clause names something
            texts = (own_text, rest, sentences.context(clause))
            where = sentences.heading(item.start)
            claimed, score, scores, strong = _rank(binder, item.unit, texts, clause_text, where)
            binding = Binding(claimed, score, clause, scores, strong)
        else:
            binding = Binding(None, 0.0, clause)
        if (
            previous is not None
            and previous.claimed
            and not names_any
            and _same_sentence(text, previous, clause)
            and not rules().part.match(text, clause[0])
            and _fits(item.unit, binder.subjects[previous.claimed].unit)
        ):
            # 门急诊28.6万人次，上年同期为26.1万人次: a clause naming nothing goes on about the fact before it
            binding = Binding(previous.claimed, previous.score, clause, previous.scores, previous.strong)
        out.append(binding)
        previous = binding
    return out


class _Sentences:
    """What the figures of a clause that names something read beyond it: the rest of its sentence and the
    heading it stands under. Found for the whole text once, when a clause first names something."""

    def __init__(self, text: str, own_starts: list[int], spans: list[tuple[int, int]]) -> None:
        self.text, self.own_starts, self.spans = text, own_starts, spans
        self.contexts: dict[tuple[int, int], str] = {}

    @cached_property
    def stops(self) -> list[int]:
        """The offsets of the sentence stops of the text, in order."""
        return [m.start() for m in _SENTENCE_STOP.finditer(self.text)]

    @cached_property
    def taken(self) -> list[tuple[int, int]]:
        """The clauses that hold figures (see :func:`_taken`)."""
        return _taken(self.own_starts, self.spans)

    @cached_property
    def headings(self) -> tuple[list[int], list[str], list[str]]:
        """The offsets, texts and sections of the headings (see :func:`headings`)."""
        return headings(self.text)

    def context(self, clause: tuple[int, int]) -> str:
        """The words of the clause's sentence outside the clauses that hold figures (see :func:`_context`)."""
        if clause not in self.contexts:
            self.contexts[clause] = _context(self.text, clause, self.stops, self.taken)
        return self.contexts[clause]

    def heading(self, position: int) -> tuple[str, str]:
        """The heading ``position`` stands under and its section, or ``("", "")``."""
        places, names, sections = self.headings
        h = bisect.bisect_right(places, position) - 1
        return (names[h], sections[h]) if h >= 0 else ("", "")


def _respectively(
    text: str, clause: tuple[int, int], figures: list[Found], starts: list[int], i: int, word: _Span
) -> str | None:
    """The item that ``figures[i]`` stands for in a 分别 clause (增值税、企业所得税分别入库15.8亿元、7.3亿元:
    the first figure is 增值税's, the second 企业所得税's), when the items and the figures after 分别
    match in number; else ``None``."""
    start, end = clause
    if word is None or word[1] > figures[i].start:
        return None
    listed = re.split(r"[，：；,:;]", text[start : word[0]])[-1]  # not the joined 分税种看，
    items = [p for p in rules().separators.split(listed) if p.strip()]
    first, last = bisect.bisect_left(starts, word[1]), bisect.bisect_left(starts, end)
    if len(items) < 2 or len(items) != last - first or not first <= i < last:
        return None
    return items[i - first]


def _respectively_word(text: str, clause: tuple[int, int]) -> _Span:
    """Where 分别/依次 stands in ``clause``, or ``None`` (read once per clause, however many figures)."""
    word = rules().respectively.search(text, *clause)
    return None if word is None else word.span()


def _row_label(text: str, position: int) -> str | None:
    """The first cell of the Markdown table row that holds ``position`` (not in that cell): the row's label
    speaks for every figure of the row, this year's and the previous year's alike."""
    line_start = text.rfind("\n", 0, position) + 1
    first = text.find("|", line_start, position)
    if first < 0 or text[line_start:first].strip():
        return None
    second = text.find("|", first + 1, position)
    return text[first + 1 : second] if second >= 0 else None


def _in_label(text: str, item: Found, binder: Binder) -> bool:
    """Whether the figure as written, with the character after it, is part of a label (四级手 of 四级手术,
    12345热 of 12345热线工单): a name, matched by value only."""
    if not binder.names:
        return False
    written = text[item.start : item.end + 1]
    # A part of a label ends with two characters of a label: most figures fail this set lookup at once.
    return (len(written) < 2 or written[-2:] in binder.name_pairs) and written in binder.names


def _fits(unit: Unit | None, subject_unit: Unit | None) -> bool:
    """Whether a figure of ``unit`` may speak of a subject counted in ``subject_unit`` (a rate always may:
    it may be a growth or a share)."""
    return (unit is not None and unit.dim in RATES) or compatible(unit, subject_unit)


def _same_sentence(text: str, previous: Binding, clause: tuple[int, int]) -> bool:
    """Whether ``clause`` follows ``previous``'s clause in one sentence (no 。；. between them)."""
    between = text[previous.clause[0] : clause[0]]
    return _SENTENCE_STOP.search(between) is None


def _taken(own_starts: list[int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses that hold figures, without the figure-less clauses joined to them (each figure's own
    clause starts at ``own_starts``): the words of those are their figures' own, while a figure-less clause
    (成功承办了文艺汇演) speaks for the whole sentence."""
    return sorted({(max(start, own), end) for own, (start, end) in zip(own_starts, spans, strict=True)})


def _context(text: str, clause: tuple[int, int], stops: list[int], taken: list[tuple[int, int]]) -> str:
    """The words of the clause's sentence (up to 。！？；) outside every clause that holds a figure: where
    the subject of its figures may have been named (成功承办了文艺汇演，…，观众约3000人).

    ``stops`` are the offsets of the sentence stops of ``text``, in order; ``taken`` the figures' clauses.
    """
    start, end = clause
    k = bisect.bisect_left(stops, start)  # the last stop before the clause ends the sentence before
    low = stops[k - 1] + 1 if k else 0
    j = bisect.bisect_left(stops, end)
    high = stops[j] if j < len(stops) else len(text)
    parts, pos = [], low
    k = bisect.bisect_left(taken, (low, low))
    while k < len(taken) and taken[k][0] < high:  # indexed: a slice of the tail would copy it per clause
        a, b = taken[k]
        parts.append(text[pos:a])
        pos = max(pos, b)
        k += 1
    parts.append(text[pos:high])
    return " ".join(parts)


def _rest(
    text: str, clause: tuple[int, int], figures: list[Found], starts: list[int], mine: int | None = None
) -> str:
    """The clause's words without its figures (``starts``: the figures' offsets, in order), and, when
    ``mine`` is the index of one of them, without the own words of the others: in
    新增文明村镇42个、文明单位87个, 文明单位 speaks of 87个, not of 42个."""
    parts, pos = [], clause[0]
    k = bisect.bisect_left(starts, clause[0])
    while k < len(figures) and figures[k].start < clause[1]:
        a, b = figures[k].start, figures[k].end
        if mine is not None and k != mine:
            a, _, _, b = own_span(text, clause, figures, k)
        parts.append(text[pos : max(pos, a)])
        pos = max(pos, b)
        k += 1
    parts.append(text[pos : clause[1]])
    return " ".join(parts)


def _rank(
    binder: Binder, unit: Unit | None, texts: tuple[str, str, str], clause_text: str, where: tuple[str, str]
) -> Ranked:
    """Return the subject the words clearly speak of (or ``None``) and its score (memoised)."""
    unit_key = None if unit is None else (unit.name, unit.dim)
    own, rest, context = (_FIGURES.sub(" ", t) for t in texts)  # figures say nothing of the subject
    anchors = _FIGURES.sub(" ", clause_text) if binder.anchored else ""
    key = (own, rest, context, unit_key, where, anchors)
    hit = binder.cache.get(key)
    if hit is None:
        w = rules().weights
        words: dict[str, float] = dict.fromkeys(binder.words_of(context), w["sentence"])
        words.update(dict.fromkeys(binder.words_of(rest), w["clause"]))
        words.update(dict.fromkeys(binder.words_of(own), w["own"]))
        hit = binder.cache[key] = _ranked(binder, unit, words, (texts[0], clause_text), where)
        if len(binder.cache) > 50_000:
            binder.cache.clear()
    return hit


def _ranked(
    binder: Binder,
    unit: Unit | None,
    words: dict[str, float],
    clause: tuple[str, str],
    where: tuple[str, str],
) -> Ranked:
    rule = rules()
    w = rule.weights
    candidates = set(_candidates(binder, words))
    candidates.update(s.id for s in binder.anchored if any(a in clause[1] for a in s.anchors))
    # What the clause itself says of any label (the rest of the sentence adds to recall only).
    said = sum(binder.weight[k] * v for k, v in words.items() if k in binder.weight and v > w["sentence"])
    scored: list[tuple[float, str, float]] = []
    for subject_id in candidates:
        subject = binder.subjects[subject_id]
        # A rate may be the growth or share of a count; any other figure speaks only of facts of its unit.
        if not _fits(unit, subject.unit):
            continue
        score = binder.score(subject_id, words, clause, said)
        if score <= 0:
            continue
        # How much of its label the sentence says anywhere: a fact named there is spoken of too.
        named = max(binder.score(subject_id, dict.fromkeys(words, 1.0), clause, 0.0, recall_only=True), score)
        if same_known(unit, subject.unit):
            score += w["unit"]
        topic, section = where
        if topic and subject.topic and subject.topic in topic:
            score += w["topic"]
        placed = subject.section or rule.default_section
        if section and placed == section:
            score += w["section"]
        elif section and placed in rule.sections:
            score -= w["section"]  # a plan's target under 主要工作 is not what is said there
        scored.append((score, subject_id, named))
    if not scored:
        return None, 0.0, (), False
    scored.sort(reverse=True)
    lead = scored[0][1]
    top = tuple(
        (s, round(min(named, 1.0), 3) if s == lead or _distinct_said(binder, s, lead, words) else 0.0)
        for _, s, named in scored[:8]
    )
    if unit is not None and unit.dim not in (None, "*"):
        # 2,150 participants speaks of a fact counted in people before one counted in walks
        units = {sid: binder.subjects[sid].unit for _, sid, _ in scored}
        if any(same_known(unit, u) for u in units.values()):
            scored = [t for t in scored if units[t[1]] is None or same_known(unit, units[t[1]])]
    best, best_id, _ = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if best >= rule.claim and best - second >= rule.margin:
        # Strong: the clause itself says at least half of the label (or its quoted name).
        said_here = {k: 1.0 for k, v in words.items() if v > w["sentence"]}
        strong = binder.score(best_id, said_here, clause, 0.0, recall_only=True) >= rule.strong
        return best_id, round(min(best, 1.0), 3), top, strong
    return None, round(min(best, 1.0), 3), top, False


def _distinct_said(binder: Binder, subject_id: str, lead: str, words: dict[str, float]) -> bool:
    """Whether the words say what sets ``subject_id``'s label apart from the leading subject's (力争 of
    力争募集善款 beside 募集善款): only then is it spoken of as well. A label wholly within the leader's
    (优良率 in 优良率提高) is spoken of by the leader's words."""
    theirs = frozenset().union(*binder.subjects[lead].wordings)
    for wording, total in zip(binder.subjects[subject_id].wordings, binder.totals[subject_id], strict=True):
        extra = wording - theirs
        # a small difference (加培 of 选派业务骨干参加培训) need not be said
        small = sum(binder.weight[k] for k in extra) <= rules().distinct * total
        if small or any(k in words for k in extra):
            return True
    return False


def _candidates(binder: Binder, words: Iterable[str]) -> Iterable[str]:
    for word in words:
        yield from binder.index.get(word, ())
