"""The shipped examples drafted offline: determinism, coverage and only supported numbers."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from realize_helpers import EXAMPLE_FILES, markdown

from drafter.facts import Facts
from drafter.realize.figures import growth_rate, plain_number


def test_examples_exist_in_each_language_and_format() -> None:
    assert len(EXAMPLE_FILES) >= 3
    assert {p.suffix for p in EXAMPLE_FILES} >= {".yaml", ".toml", ".json"}


def test_same_input_same_output(example: tuple[Facts, str]) -> None:
    facts, text = example
    assert markdown(facts) == text


@pytest.mark.parametrize("path", EXAMPLE_FILES[:2], ids=lambda p: p.name)
def test_same_output_in_a_fresh_process_with_another_hash_seed(path) -> None:
    code = (
        "import sys; from drafter.facts import load_facts; from drafter.drafting import draft;"
        "from drafter.document import render_markdown;"
        "sys.stdout.buffer.write(render_markdown(draft(load_facts(sys.argv[1])), key_figures=False).encode())"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    from drafter.facts import load_facts

    assert runs[0] == runs[1] == markdown(load_facts(path)).encode()


def test_every_important_fact_figure_appears(example: tuple[Facts, str]) -> None:
    facts, text = example
    for fact in facts.facts:
        if fact.important:
            number = plain_number(fact.value)
            assert number in text.replace(",", ""), fact.id


def test_no_sentence_is_repeated(example: tuple[Facts, str]) -> None:
    _, text = example
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    # Point heads ("Buildings.") may recur between problems and plans; sentences may not.
    parts = re.split(r"(?<=[。；])|(?<=\.)\s+", " ".join(body))
    sentences = [s.strip() for s in parts if len(s.strip()) > 25]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated


def _allowed_numbers(facts: Facts) -> set[str]:
    """Every digit string the facts offer: values, previous values, growth rates, numbers in texts."""
    allowed: set[str] = set()
    texts = [facts.report.title, facts.report.period, facts.report.next_period or "", *facts.terms]
    if facts.report.date:  # the closing 成文日期 of a Chinese report
        texts.append(facts.report.date.strftime("%Y %m %d").replace(" 0", " "))
    texts += [n.text for n in facts.notes]
    for fact in facts.facts:
        allowed.add(plain_number(fact.value))
        texts += [fact.label, fact.note or ""]
        if fact.previous is not None:
            allowed.add(plain_number(fact.previous))
            rate = growth_rate(fact.value, fact.previous)
            if rate:
                allowed.add(rate.rstrip("%"))
    for text in texts:
        allowed.update(re.findall(r"\d+(?:\.\d+)?", text.replace(",", "")))
    return allowed


def test_every_digit_in_the_draft_comes_from_the_facts(example: tuple[Facts, str]) -> None:
    facts, text = example
    # List markers ("1. ") are enumeration, not quantities.
    body = re.sub(r"(?m)^\d{1,2}\. ", "", text).replace(",", "")
    found = set(re.findall(r"\d+(?:\.\d+)?", body))
    assert found <= _allowed_numbers(facts)


def test_no_quantity_numerals_in_chinese_phrases(example: tuple[Facts, str]) -> None:
    facts, text = example
    if facts.report.language != "zh":
        return
    # 两个/三项/几个 would be quantities the facts never gave.
    assert not re.search(r"[两二三四五六七八九十几][个项条点方面]", text.replace("一是", ""))


def test_the_checker_finds_no_unsupported_number(example: tuple[Facts, str]) -> None:
    from drafter.numbers.check import check

    facts, text = example
    report = check(text, facts)
    assert len(report.mentions) >= len([f for f in facts.facts if f.important])
    assert [(m.text, m.line, m.reason) for m in report.unsupported] == []
