"""Mutation testing of the checker on offline drafts.

For every shipped example (and the eval cases in evals/cases/, the facts files in tests/data/numbers/, and
the hand-written drafts in tests/data/numbers/drafts/ with their facts), draft the report offline, check
that nothing is flagged, then perturb one supported mention at a time — a digit changed, two digits
transposed, the unit swapped, the approximation word changed, a year or ordinal shifted, a Chinese
numeral changed — and check that exactly that mention, and nothing else, is flagged unsupported.

A perturbation that happens to state something the facts do support (the new figure is another fact's
value or a number in the facts' text) is an equivalent mutant; it is skipped, judged by the independent
oracle :func:`_facts_state`, not by the checker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from drafter.document import render_markdown
from drafter.drafting import draft
from drafter.facts import Facts, load_facts
from drafter.numbers import check
from drafter.numbers.report import Mention

ROOT = Path(__file__).resolve().parents[2]
FACTS_FILES = sorted(
    [
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("examples/*.json"),
        *ROOT.glob("examples/*.toml"),
        *(ROOT / "tests" / "data" / "numbers").glob("facts_*.yaml"),
        *ROOT.glob("evals/cases/*.yaml"),
    ]
)

ZH_DIGITS = "一二三四五六七八九"
UNIT_SWAPS = {
    "人次": "人",
    "人": "次",
    "名": "次",
    "次": "人",
    "期": "场",
    "场": "期",
    "所": "家",
    "家": "项",
    "项": "家",
    "间": "辆",
    "辆": "间",
    "份": "册",
    "册": "份",
    "户": "人",
    "篇": "张",
    "小时": "天",
    "天": "小时",
    "亿元": "万元",
    "万元": "亿元",
    "%": "个百分点",
    "个百分点": "%",
    "万人次": "万人",
    "visits": "loans",
    "loans": "visits",
    "hours": "days",
    "members": "visits",
    "events": "loans",
    "sessions": "loans",
    "people": "visits",
    "residents": "visits",
    "children": "visits",
    "percentage points": "percent",
    "percent": "percentage points",
}
APPROX_SWAPS = {
    "多": ("近", "prefix"),
    "余": ("近", "prefix"),
    "近": "超过",
    "将近": "超过",
    "约": "近",
    "超过": "近",
    "逾": "近",
    "不少于": "超过",
    "至少": "超过",
    "以上": "以下",
    "左右": "以上",
    "more than": "nearly",
    "over": "under",
    "nearly": "more than",
    "almost": "more than",
    "about": "nearly",
    "around": "nearly",
    "approximately": "nearly",
    "at least": "more than",
    "More than": "Nearly",
    "Nearly": "More than",
    "About": "Nearly",
    "Around": "Nearly",
    "Over": "Under",
    "Almost": "More than",
    "At least": "More than",
}


@dataclass(frozen=True)
class Perturbation:
    """One changed mention: the kind of change, where, and the new text of the whole draft."""

    kind: str
    start: int
    end: int
    old: str
    new: str


HAND_DRAFTS = sorted((ROOT / "tests" / "data" / "numbers" / "drafts").glob("*.md"))
CASES = [*FACTS_FILES, *HAND_DRAFTS]


def _drafted(path: Path) -> tuple[Facts, str]:
    """Return the facts and the draft: an offline draft of a facts file, or a hand-written draft with the
    facts file of the same name."""
    if path.suffix == ".md":
        return load_facts(path.with_suffix(".yaml")), path.read_text(encoding="utf-8")
    facts = load_facts(path)
    return facts, render_markdown(draft(facts))


def _replace_at(text: str, mention: Mention, new: str, kind: str) -> Perturbation | None:
    if new == mention.text:
        return None
    return Perturbation(kind, mention.start, mention.end, mention.text, new)


def _digit_changes(m: Mention) -> Iterator[Perturbation]:
    digits = [i for i, ch in enumerate(m.text) if ch.isdigit()]
    if not digits:
        return
    i = digits[-1] if len(digits) > 1 else digits[0]
    new_digit = str((int(m.text[i]) + 3) % 10)
    if i == digits[0] and new_digit == "0":
        new_digit = "9"
    yield from filter(None, [_replace_at("", m, m.text[:i] + new_digit + m.text[i + 1 :], "digit changed")])
    for a, b in pairwise(digits):
        if b == a + 1 and m.text[a] != m.text[b] and not (a == digits[0] and m.text[b] == "0"):
            swapped = m.text[:a] + m.text[b] + m.text[a] + m.text[b + 1 :]
            yield from filter(None, [_replace_at("", m, swapped, "digits transposed")])
            break


def _unit_swaps(m: Mention) -> Iterator[Perturbation]:
    for old, new in sorted(UNIT_SWAPS.items(), key=lambda kv: -len(kv[0])):
        if m.text.endswith(old) and m.kind in ("quantity", "money", "percent"):
            yield Perturbation("unit swapped", m.start, m.end, m.text, m.text[: -len(old)] + new)
            return


def _approx_swaps(m: Mention, text: str) -> Iterator[Perturbation]:
    for old, new in sorted(APPROX_SWAPS.items(), key=lambda kv: -len(kv[0])):
        if isinstance(new, tuple):  # 600多人 → 近600人: a suffix word becomes a prefix word
            word, _ = new
            # 28.64万余人 → 近28.64万人: the scale word 万 stays with its digits.
            match = re.search(rf"(\d+(?:\.\d+)?[万亿]?|[{ZH_DIGITS}十百千万]+){old}", m.text)
            if match:
                changed = m.text[: match.start()] + word + match.group(1) + m.text[match.end() :]
                yield Perturbation("approximation changed", m.start, m.end, m.text, changed)
                return
        elif m.text.startswith(old) or (old in ("以上", "左右") and m.text.endswith(old)):
            changed = new + m.text[len(old) :] if m.text.startswith(old) else m.text[: -len(old)] + new
            yield Perturbation("approximation changed", m.start, m.end, m.text, changed)
            return


def _year_or_ordinal(m: Mention) -> Iterator[Perturbation]:
    if m.kind == "year":
        match = re.search(r"\d{4}", m.text)
        if match:
            year = str(int(match.group()) + 3)
            yield Perturbation("year shifted", m.start, m.end, m.text, m.text.replace(match.group(), year, 1))
    elif m.kind == "ordinal":
        match = re.search(rf"\d+|[{ZH_DIGITS}]", m.text)
        if match:
            old = match.group()
            new = str(int(old) + 2) if old.isdigit() else ZH_DIGITS[(ZH_DIGITS.index(old) + 2) % 9]
            changed = m.text[: match.start()] + new + m.text[match.end() :]
            yield Perturbation("ordinal shifted", m.start, m.end, m.text, changed)


def _zh_numeral(m: Mention) -> Iterator[Perturbation]:
    if m.kind in ("term", "year", "ordinal"):
        return
    match = re.search(rf"[{ZH_DIGITS}]", m.text)
    if match:
        old = match.group()
        new = ZH_DIGITS[(ZH_DIGITS.index(old) + 4) % 9]
        changed = m.text[: match.start()] + new + m.text[match.end() :]
        yield Perturbation("Chinese numeral changed", m.start, m.end, m.text, changed)


def perturbations(text: str, mentions: list[Mention]) -> Iterator[Perturbation]:
    """Yield the perturbations of every supported mention of ``text``."""
    for m in mentions:
        if m.status != "supported":
            continue
        if m.kind in ("quantity", "money", "percent", "range"):
            yield from _digit_changes(m)
        yield from _unit_swaps(m)
        yield from _approx_swaps(m, text)
        yield from _year_or_ordinal(m)
        yield from _zh_numeral(m)


def _facts_state(facts: Facts) -> set[str]:
    """The independent oracle: every figure written in the facts (values, previous values, text)."""
    figures = {str(f.value) for f in facts.facts} | {str(f.previous) for f in facts.facts if f.previous}
    texts = [
        facts.report.title,
        facts.report.period,
        facts.report.next_period or "",
        *facts.terms,
        *(f.label for f in facts.facts),
        *(f.note or "" for f in facts.facts),
        *(n.text for n in facts.notes),
    ]
    for text in texts:
        figures |= set(re.findall(r"\d+(?:\.\d+)?", text.replace(",", "")))
    return figures


def _equivalent(p: Perturbation, figures: set[str]) -> bool:
    new_figures = re.findall(r"\d+(?:\.\d+)?", p.new.replace(",", ""))
    old_figures = re.findall(r"\d+(?:\.\d+)?", p.old.replace(",", ""))
    return bool(new_figures) and new_figures != old_figures and all(f in figures for f in new_figures)


@dataclass
class Tally:
    """Counts of a mutation run."""

    generated: int = 0
    flagged: int = 0
    skipped: int = 0


def run_mutations(path: Path) -> tuple[Tally, list[str]]:
    """Perturb every supported mention of the offline draft of ``path``; return counts and failures."""
    facts, text = _drafted(path)
    report = check(text, facts)
    tally, failures = Tally(), []
    figures = _facts_state(facts)
    for p in perturbations(text, report.mentions):
        if _equivalent(p, figures):
            tally.skipped += 1
            continue
        tally.generated += 1
        changed = text[: p.start] + p.new + text[p.end :]
        flagged = check(changed, facts).failures
        here = [m for m in flagged if m.start < p.start + len(p.new) and m.end > p.start]
        if len(flagged) == 1 and here:
            tally.flagged += 1
        else:
            where = [(m.text, m.start, m.reason) for m in flagged]
            failures.append(f"{p.kind}: {p.old!r} → {p.new!r} at {p.start}: flagged {where}")
    return tally, failures


@pytest.mark.slow
@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_unperturbed_offline_draft_is_clean(path: Path) -> None:
    facts, text = _drafted(path)
    report = check(text, facts)
    assert report.mentions, "the draft should contain numbers"
    assert report.ok, [(m.text, m.line, m.column, m.reason) for m in report.unsupported]


@pytest.mark.slow
@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_every_perturbation_is_flagged_at_its_place(path: Path) -> None:
    tally, failures = run_mutations(path)
    assert tally.generated > 0
    assert not failures, "\n".join(failures)


def test_there_are_facts_files_to_mutate() -> None:
    assert FACTS_FILES and HAND_DRAFTS
