"""Checks a facts file must pass beyond its shape: unique ids, a known kind, sections the kind has and
topics that are not near-duplicates of each other."""

from __future__ import annotations

import unicodedata

from drafter.facts.messages import Problem
from drafter.facts.models import Fact, Facts, Note
from drafter.facts.suggest import closest
from drafter.kind import Kind, list_kinds, load_kind


def find_problems(facts: Facts) -> list[Problem]:
    """Return the problems of a facts file that parsed and matched the models, in file order."""
    problems = _duplicate_ids(facts)
    known = list_kinds()
    if facts.report.kind not in known:
        best = closest(facts.report.kind, known)
        hint = f"did you mean '{best}'?" if best else f"known kinds: {', '.join(known)}"
        return [*problems, Problem(("report", "kind"), f"unknown report kind '{facts.report.kind}'", hint)]
    kind = load_kind(facts.report.kind)
    return problems + _sections(facts, kind) + _topics(facts, kind)


def _duplicate_ids(facts: Facts) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, fact in enumerate(facts.facts):
        if fact.id in first:
            problems.append(
                Problem(
                    ("facts", index, "id"),
                    f"duplicate id '{fact.id}' (first used by facts[{first[fact.id]}])",
                    "give each fact its own id",
                )
            )
        first.setdefault(fact.id, index)
    return problems


def _items(facts: Facts) -> list[tuple[tuple[str, int], Fact | Note]]:
    return [
        *((("facts", i), f) for i, f in enumerate(facts.facts)),
        *((("notes", i), n) for i, n in enumerate(facts.notes)),
    ]


def _sections(facts: Facts, kind: Kind) -> list[Problem]:
    ids = kind.section_ids()
    problems = []
    for where, item in _items(facts):
        if item.section is not None and item.section not in ids:
            best = closest(item.section, ids)
            listing = f"sections of {kind.id}: {', '.join(ids)}"
            hint = f"did you mean '{best}'? ({listing})" if best else listing
            problems.append(Problem((*where, "section"), f"unknown section '{item.section}'", hint))
    return problems


def _topic_key(topic: str) -> str:
    # Topics that differ only in width, case or spacing are one topic mistyped, not two sub-headings.
    return "".join(unicodedata.normalize("NFKC", topic).casefold().split())


def _topics(facts: Facts, kind: Kind) -> list[Problem]:
    default = kind.default_section()
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    problems = []
    for where, item in _items(facts):
        if item.topic is None:
            continue
        section = item.section or default
        key = (section, _topic_key(item.topic))
        first, first_where = seen.setdefault(key, (item.topic, f"{where[0]}[{where[1]}]"))
        if first != item.topic:
            problems.append(
                Problem(
                    (*where, "topic"),
                    f"topic '{item.topic}' differs from '{first}' "
                    f"({first_where}) only in spacing, case or width",
                    f"did you mean '{first}'?",
                )
            )
    return problems
