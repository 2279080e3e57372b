"""Reply cleaning, the scoring of a section's versions, repair problems and placeholders.

A model reply becomes a section body through :func:`clean_reply` and the safe form fixes; each version
(the first draft and every repair) is scored by :class:`Version` from its check report and its form
problems. Drafting keeps the best version and never one that drops a fact an earlier version covered.
:func:`repair_problems` turns what is wrong into the compact data of a repair request (the failing
sentences, their problems in plain words, only the facts they may use), within a token budget.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from drafter.facts.models import Fact, Facts
from drafter.form import FormProblem, FormSpec, collapse_repeats
from drafter.numbers import CheckReport, Mention
from drafter.numbers.units import compatible, fact_unit, unit_of
from drafter.plan import Plan, SectionPlan
from drafter.prompts import fact_data
from drafter.resources import load_yaml

# Facts offered per problem sentence in a repair request (the closest in unit first).
MAY_USE_MAX = 6
# Texts at fault quoted per kind of form problem in a repair request.
TEXTS_PER_PROBLEM = 3
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_SENTENCE = re.compile(r"[^。！？；.!?;\n]*(?:[。！？；.!?;]+|\n|$)")
_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n```$", re.DOTALL)


def estimate_tokens(text: str) -> int:
    """Return a rough token count: one per CJK character, one per four other characters."""
    cjk = len(_CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


def section_text(section: SectionPlan, body: str) -> str:
    """Return what the checker reads for one section: its heading (if any), a blank line, the body."""
    return f"{section.heading}\n\n{body}" if section.heading else body


def clean_reply(text: str, heading: str | None) -> str:
    """Tidy a model reply into a section body: no code fence, no repeated heading, ``###`` sub-headings."""
    text = text.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    lines = text.splitlines()
    if lines and heading and lines[0].lstrip("# ").strip() == heading.strip():
        lines = lines[1:]
    # Any Markdown heading the model wrote becomes a topic sub-heading (the document's ### level).
    lines = [re.sub(r"^#{1,6}\s+", "### ", line) for line in lines]
    return "\n".join(lines).strip()


def form_spec(plan: Plan, section: SectionPlan) -> FormSpec:
    """Return what the form of ``section`` is checked against (headings, title, length, prompt phrases)."""
    lang = plan.language
    purpose = section.spec.purpose.get(lang, "")
    headings = {h.lower() for h in (s.heading for s in plan.sections) if h}
    pieces = (p.strip() for p in re.split(r"[。；;：:]|(?<=\w)[.,](?=\s)", purpose))
    # Only sentence-like pieces count (a heading-like "Problems and challenges" is no copied instruction).
    phrases = tuple(p for p in pieces if _sentence_like(p, lang) and p.lower() not in headings)
    return FormSpec(
        language=lang,
        heading=section.heading,
        title=plan.title,
        other_headings=tuple(s.heading for s in plan.sections if s.id != section.id and s.heading),
        length_max=section.spec.length.get(lang, (0, 0))[1],
        prompt_phrases=phrases,
    )


def _sentence_like(piece: str, language: str) -> bool:
    return len(piece) >= 8 if language == "zh" else len(piece.split()) >= 4


def covers(mention: Mention, fact: Fact) -> bool:
    """Whether ``mention`` states the figure of ``fact``, by the checker's sources.

    A supported mention lists every fact that backs it directly (two facts sharing a figure both count);
    a derived one covers a fact only when it is derived from that fact alone.
    """
    if mention.status == "supported":
        return fact.id in mention.sources
    return mention.status == "derived" and list(mention.sources) == [fact.id]


@dataclass(frozen=True)
class Version:
    """One version of a section body and what is wrong with it.

    Attributes:
        text: The body.
        report: Its check report (read with the heading, see :func:`section_text`).
        form: Its form problems left after the safe fixes.
        covered: Ids of the section's facts whose figure it states.
    """

    text: str
    report: CheckReport
    form: tuple[FormProblem, ...]
    covered: frozenset[str]

    @property
    def flagged(self) -> list[Mention]:
        """Figures that are not supported (unsupported or misattributed)."""
        return self.report.failures

    @property
    def ok(self) -> bool:
        """Nothing left to repair."""
        return not self.flagged and not self.form

    def score(self) -> tuple[int, int, int]:
        """Lower is better: flagged figures, form problems, facts not covered (negated coverage)."""
        return (len(self.flagged), len(self.form), -len(self.covered))

    def improves_on(self, best: Version) -> bool:
        """Whether this may replace ``best``: it keeps every fact ``best`` covers and scores better."""
        return self.covered >= best.covered and self.score() < best.score()


def make_version(text: str, report: CheckReport, form: list[FormProblem], section: SectionPlan) -> Version:
    """Score a body: the facts of ``section`` its supported figures state."""
    facts = section.facts()
    covered = frozenset(f.id for f in facts if any(covers(m, f) for m in report.mentions))
    return Version(text=text, report=report, form=tuple(form), covered=covered)


def sentence_of(text: str, mention: Mention) -> str:
    """Return the sentence of ``text`` that holds ``mention`` (bounded by 。！？；.!?; or a line break)."""
    ends = "。！？；!?;\n"
    start = max(text.rfind(c, 0, mention.start) for c in ends) + 1
    stops = [i for i in (text.find(c, mention.end) for c in ends) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    return text[start:stop].strip()


def repair_problems(
    facts: Facts, section: SectionPlan, version: Version, budget: int | None = None
) -> dict[str, Any]:
    """Return what a repair request lists: ``unsupported_figures`` and ``form_problems``.

    A figure's entry holds the figure, its sentence, what is wrong, the fact its clause is about with that
    fact's figure (``about``, when the checker knows it: "this clause is about X: 1200册") and the facts it
    may use (only those, the claimed one first); a form problem's entry holds the problem in plain words
    and the texts at fault (one entry per kind of problem, its first :data:`TEXTS_PER_PROBLEM` texts, so
    that ten list lines do not crowd out the foreign heading). With a ``budget`` (tokens of the JSON), the
    facts offered shrink first, then the last entries are left out.
    """
    report = version.report
    figures = [_figure_problem(facts, section, report, m) for m in version.flagged]
    grouped: dict[str, dict[str, Any]] = {}
    for p in version.form:
        entry = grouped.setdefault(p.code, {"problem": p.message, "text": []})
        if p.excerpt and len(entry["text"]) < TEXTS_PER_PROBLEM:
            entry["text"].append(p.excerpt)
    return _within({"unsupported_figures": figures, "form_problems": list(grouped.values())}, budget)


def _within(problems: dict[str, Any], budget: int | None) -> dict[str, Any]:
    if budget is None:
        return problems

    def size() -> int:
        return estimate_tokens(json.dumps(problems, ensure_ascii=False, indent=2))  # as sent

    figures, form = problems["unsupported_figures"], problems["form_problems"]
    for limit in (3, 1, 0):
        if size() <= budget:
            break
        for entry in figures:
            entry["may_use"] = entry["may_use"][:limit]
    while len(figures) + len(form) > 1 and size() > budget:
        (form if form else figures).pop()
    return problems


def _figure_problem(
    facts: Facts, section: SectionPlan, report: CheckReport, mention: Mention
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "figure": mention.text,
        "sentence": sentence_of(report.text, mention),
        "problem": mention.reason or mention.status,
    }
    about = _claimed_fact(facts, mention)
    if about is not None:
        entry["about"] = fact_data(about)
    entry["may_use"] = _may_use(section, mention, about)
    return entry


def _claimed_fact(facts: Facts, mention: Mention) -> Fact | None:
    """The fact the figure's clause speaks of, if the checker found one (a note's clause has none)."""
    if mention.claimed is None:
        return None
    try:
        return facts.fact(mention.claimed)
    except KeyError:
        return None


def _may_use(section: SectionPlan, mention: Mention, about: Fact | None) -> list[dict[str, Any]]:
    facts = section.facts()
    # The fact the clause is about first; then facts whose unit the checker's lexicon finds compatible
    # with the figure's; else every fact of the section.
    said = unit_of(mention.unit)
    fitting = [f for f in facts if said is not None and f.unit and compatible(said, fact_unit(f.unit))]
    chosen = [about] if about is not None else []
    chosen += [f for f in (fitting or facts) if about is None or f.id != about.id]
    return [fact_data(f) for f in chosen[:MAY_USE_MAX]]


def fit_text(text: str, budget: int) -> str:
    """Return ``text`` shortened to about ``budget`` tokens for a repair request.

    Loops are said once and repeated sentences dropped; if it is still too long, it is cut at the end of
    a sentence (a repair that then drops a fact is rejected, so nothing is lost by asking).
    """
    text = collapse_repeats(text)
    if estimate_tokens(text) <= budget:
        return text
    seen: set[str] = set()
    kept: list[str] = []
    for piece in _SENTENCE.findall(text):
        key = piece.strip()
        if len(key) >= 10 and key in seen:
            continue
        seen.add(key)
        kept.append(piece)
    text = re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip()
    while estimate_tokens(text) > budget and kept:
        kept.pop()
        text = "".join(kept).strip()
    return text


def placeholder(language: str) -> str:
    """Return the marked placeholder written in place of a section that could not be drafted.

    It carries no figures: the error goes to stderr and the run log, never into the document.
    """
    phrases = load_yaml("drafter.data", "placeholders.yaml")
    return str(phrases.get(language, phrases["en"])["text"])
