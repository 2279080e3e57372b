"""Formal-register lint: rules per language from data files, one violation per match.

Rules (colloquial words, contractions, exclamation marks, first person singular, emoji, Latin words
with usual Chinese equivalents, a unit written twice, a label echoed by its unit, 共/累计 with an
approximation, ``.0%``, calques) live in ``drafter/evals/data/style-<lang>.yaml``. A rule may be limited to
some sections (不少于 in achievements). Praise is a violation unless the facts themselves say it; a
connective used twice in one paragraph, repeated and overlong sentences are measured here with the
words and limits those files give. The form rules a model breaks (degenerate repetition, leaked prompt
delimiters, Markdown lists and bold, outline numbering) come from :mod:`drafter.form`, so a prompt change
that makes them more frequent lowers the style score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from drafter import form
from drafter.evals.violation import Violation
from drafter.resources import load_yaml

DATA_PACKAGE = "drafter.evals.data"
# Leading Markdown heading marks; heading lines are not sentences of the prose.
_HEADING = re.compile(r"^\s*#")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Rule:
    """A pattern rule: every match of any pattern is a violation with ``message``."""

    id: str
    message: str
    patterns: tuple[re.Pattern[str], ...]
    sections: frozenset[str] | None = None  # only in these sections (None: everywhere)


@dataclass(frozen=True)
class StyleRules:
    """The compiled rules of one language, its praise and connective words, and its sentence limits."""

    language: str
    rules: tuple[Rule, ...]
    sentence_end: re.Pattern[str]
    max_sentence: int
    sentence_unit: str
    min_repeat: int
    praise: tuple[str, ...] = ()
    praise_message: str = ""
    connectives: re.Pattern[str] | None = None
    connective_message: str = ""


@cache
def load_rules(language: str) -> StyleRules:
    """Return the compiled style rules for ``language`` (``zh`` or ``en``), read once from data."""
    data = load_yaml(DATA_PACKAGE, f"style-{language}.yaml")
    rules = [
        Rule(
            r["id"],
            r["message"],
            tuple(re.compile(p) for p in r["patterns"]),
            frozenset(r["sections"]) if r.get("sections") else None,
        )
        for r in data["rules"]
    ]
    latin = data.get("latin_words") or {}
    if latin:
        rules.append(_latin_rule(latin))
    praise = data.get("praise") or {}
    connectives = data.get("connectives") or {}
    return StyleRules(
        language=language,
        rules=tuple(rules),
        sentence_end=re.compile(data["sentence_end"]),
        max_sentence=int(data["max_sentence"]),
        sentence_unit=data["sentence_unit"],
        min_repeat=int(data["min_repeat"]),
        praise=tuple(praise.get("phrases", [])),
        praise_message=praise.get("message", ""),
        connectives=_connective_pattern(connectives.get("words", [])),
        connective_message=connectives.get("message", ""),
    )


def _connective_pattern(words: list[str]) -> re.Pattern[str] | None:
    # A connective opens a sentence: at a paragraph's start or after a sentence end (and a space).
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[。；！？.;!?]))\s*({alternatives})")


def _latin_rule(words: dict[str, str]) -> Rule:
    # Longest first so that "e-mail" wins over "email"-like prefixes; whole Latin words only.
    names = sorted(words, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in names) + r")(?![A-Za-z])", re.IGNORECASE
    )
    return Rule(
        "latin-word",
        "中文行文中夹用英文词，宜改用中文：" + "；".join(f"{w}→{z}" for w, z in words.items()),
        (pattern,),
    )


SectionAt = Callable[[int], "str | None"]


def lint(
    text: str,
    language: str,
    banned: Iterable[str] = (),
    *,
    section_at: SectionAt | None = None,
    sources: str = "",
) -> list[Violation]:
    """Return every style violation in ``text``, in order of position (sections not yet assigned).

    Args:
        text: The document (or any part of it).
        language: ``zh`` or ``en``.
        banned: Phrases the suite bans for this case (matched case-insensitively).
        section_at: The section id at an offset; rules limited to some sections fire only where it
            says so (without it, such rules do not fire).
        sources: The facts' own text (labels, notes): praise the facts state is not a violation.
    """
    rules = load_rules(language)
    found = [v for rule in rules.rules for v in _matches(rule, text, section_at)]
    found += _banned(text, banned)
    found += _praise(text, rules, sources)
    found += _connectives(text, rules)
    found += _sentence_violations(text, rules)
    found += _form_violations(text, language)
    return sorted(found, key=lambda v: (v.start or 0, v.rule))


def _form_violations(text: str, language: str) -> list[Violation]:
    """Degenerate repetition, leaked prompt delimiters, Markdown lists, bold and outline numbering."""
    spans = [("repetition", start, end) for start, end in form.repetitions(text)]
    spans += form.markup_spans(text, language)
    return [
        _violation(code, form.problem(code, language).message, text[start:end], start, end)
        for code, start, end in spans
    ]


def score(violations: int, characters: int) -> float:
    """Return ``max(0, 1 - violations per 1,000 characters)`` (1.0 for an empty text)."""
    if characters <= 0:
        return 1.0 if violations == 0 else 0.0
    return max(0.0, 1.0 - violations * 1000.0 / characters)


def count_characters(text: str) -> int:
    """Return the number of characters that count for the style score (whitespace excluded)."""
    return len(re.sub(r"\s+", "", text))


def _matches(rule: Rule, text: str, section_at: SectionAt | None) -> Iterator[Violation]:
    for pattern in rule.patterns:
        for match in pattern.finditer(text):
            if not match.group(0):
                continue
            if rule.sections is not None and (
                section_at is None or section_at(match.start()) not in rule.sections
            ):
                continue
            yield _violation(rule.id, rule.message, match.group(0), match.start(), match.end())


def _praise(text: str, rules: StyleRules, sources: str) -> Iterator[Violation]:
    # Praise is a claim: fine when the facts or notes make it, a violation when the draft invents it.
    said = sources.casefold()
    for phrase in rules.praise:
        if phrase.casefold() in said:
            continue
        for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
            yield _violation(
                "unsupported-praise", rules.praise_message, match.group(0), match.start(), match.end()
            )


def _connectives(text: str, rules: StyleRules) -> Iterator[Violation]:
    """Yield every repeat of a sentence-opening connective within one paragraph."""
    if rules.connectives is None:
        return
    start = 0
    for paragraph in text.split("\n"):
        seen: set[str] = set()
        for match in rules.connectives.finditer(paragraph):
            word = match.group(1).casefold()
            if word in seen:
                begin = start + match.start(1)
                yield _violation(
                    "repeated-connective", rules.connective_message, match.group(1), begin, begin + len(word)
                )
            seen.add(word)
        start += len(paragraph) + 1


def _banned(text: str, banned: Iterable[str]) -> Iterator[Violation]:
    for phrase in banned:
        for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
            yield _violation(
                "banned-phrase", f"banned phrase '{phrase}'", match.group(0), match.start(), match.end()
            )


def _violation(rule: str, message: str, text: str, start: int, end: int) -> Violation:
    return Violation(metric="style", rule=rule, message=message, text=text, start=start, end=end)


def sentences(text: str, rules: StyleRules) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each prose sentence in ``text`` (heading lines and blanks skipped)."""
    start = 0
    for match in rules.sentence_end.finditer(text):
        yield from _sentence_span(text, start, match.end())
        start = match.end()
    yield from _sentence_span(text, start, len(text))


def _sentence_span(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or _HEADING.match(piece.lstrip("\n")):
        return
    offset = start + piece.index(stripped)
    yield offset, offset + len(stripped)


def sentence_size(sentence: str, rules: StyleRules) -> int:
    """Return a sentence's size in the rules' unit (words for English, characters for Chinese)."""
    if rules.sentence_unit == "words":
        return len(re.findall(r"[\w'’-]+", sentence))
    return count_characters(sentence)


def _sentence_violations(text: str, rules: StyleRules) -> list[Violation]:
    """Return overlong sentences and every repeat of a sentence seen before."""
    found: list[Violation] = []
    seen: set[str] = set()
    for start, end in sentences(text, rules):
        sentence = text[start:end]
        size = sentence_size(sentence, rules)
        if size > rules.max_sentence:
            found.append(
                _violation(
                    "overlong-sentence",
                    f"sentence of {size} {rules.sentence_unit} (at most {rules.max_sentence})",
                    sentence,
                    start,
                    end,
                )
            )
        key = _PUNCT.sub("", sentence).lower()
        if size >= rules.min_repeat and key in seen:
            found.append(_violation("repeated-sentence", "sentence repeated", sentence, start, end))
        seen.add(key)
    return found
