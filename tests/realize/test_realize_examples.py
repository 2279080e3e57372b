"""The shipped examples drafted offline: determinism, coverage and only supported numbers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from realize_helpers import EXAMPLE_FILES, markdown

from drafter.document import render_markdown
from drafter.drafting import draft
from drafter.evals.metrics import covers
from drafter.facts import Facts, load_facts
from drafter.numbers.check import check


def test_examples_exist_in_each_language_and_format() -> None:
    assert len(EXAMPLE_FILES) >= 3
    assert {p.suffix for p in EXAMPLE_FILES} >= {".yaml", ".toml", ".json"}


def test_same_input_same_output(example: tuple[Facts, str]) -> None:
    facts, text = example
    assert markdown(facts) == text


@pytest.mark.slow  # two fresh processes per example: another hash seed needs a new interpreter
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


def test_every_important_fact_is_stated(example: tuple[Facts, str]) -> None:
    # Stated in whatever form a writer uses (61.23万人次, $8.45 million): the checker's sources say which.
    facts, text = example
    report = check(text, facts)
    for fact in facts.facts:
        if fact.important:
            assert any(covers(m, fact) for m in report.mentions), fact.id


def test_no_sentence_is_repeated(example: tuple[Facts, str]) -> None:
    _, text = example
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    # Point heads ("Buildings.") may recur between problems and plans; sentences may not.
    parts = re.split(r"(?<=[。；])|(?<=\.)\s+", " ".join(body))
    sentences = [s.strip() for s in parts if len(s.strip()) > 25]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated


def test_no_quantity_numerals_in_chinese_phrases(example: tuple[Facts, str]) -> None:
    facts, text = example
    if facts.report.language != "zh":
        return
    # 两个/三项/几个 would be quantities the facts never gave.
    assert not re.search(r"[两二三四五六七八九十几][个项条点方面]", text.replace("一是", ""))


def test_the_checker_finds_no_unsupported_number(example: tuple[Facts, str]) -> None:
    facts, text = example
    report = check(text, facts)
    assert len(report.mentions) >= len([f for f in facts.facts if f.important])
    assert [(m.text, m.line, m.reason) for m in report.unsupported] == []


# Facts files the realiser was never tuned on (the checker's held-out reports, seven genres in Chinese and
# English, with units such as $m and million visits): every figure it writes must pass the checker.
HELD_OUT_FACTS = sorted((Path(__file__).parents[1] / "data" / "numbers" / "heldout").glob("*.yaml"))


@pytest.mark.parametrize("path", HELD_OUT_FACTS, ids=lambda p: p.stem)
def test_every_figure_written_for_an_unseen_facts_file_passes_the_checker(path: Path) -> None:
    facts = load_facts(path)
    text = render_markdown(draft(facts))  # with the key-figures table, as `drafter draft` writes it
    report = check(text, facts)
    assert [(m.text, m.line, m.reason) for m in report.failures] == []
