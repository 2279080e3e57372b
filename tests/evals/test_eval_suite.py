"""Loading the suite: defaults and per-case overrides, and one precise error per bad file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.errors import EvalError
from drafter.evals.suite import load_suite

from .helpers import CASES, REPO


def test_the_shipped_suite_has_at_least_eight_cases_in_both_languages() -> None:
    suite = load_suite(REPO / "evals" / "suite.yaml")
    assert len(suite.cases) >= 8
    assert {c.language for c in suite.cases} == {"zh", "en"}
    for metric in ("number_faithfulness", "fact_coverage", "structure"):
        assert suite.thresholds()[metric] == 1.0


def _suite(tmp_path: Path, body: str) -> Path:
    shutil.copy(CASES / "library-2025.yaml", tmp_path / "library.yaml")
    shutil.copy(CASES / "ngo-2025.yaml", tmp_path / "ngo.yaml")
    path = tmp_path / "suite.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_cases_inherit_defaults_and_override_them(tmp_path: Path) -> None:
    path = _suite(
        tmp_path,
        """\
defaults:
  banned_phrases: {zh: [史无前例], en: [world-class]}
  thresholds: {style: 0.9, structure: 1.0}
  tolerances: {default: 0.02}
  length: {problems: [10, 900]}
cases:
  - id: lib
    facts: library.yaml
    required_facts: [visitors, loans]
    required_sections: [achievements, problems]
    banned_phrases: [圆满完成]
    thresholds: {style: 0.5}
    tolerances: {style: 0.1}
    length: {plans: [5, 50]}
  - id: ngo
    facts: ngo.yaml
""",
    )
    suite = load_suite(path)
    lib, ngo = suite.cases
    assert lib.required_facts == ["visitors", "loans"]
    assert lib.required_sections == ["achievements", "problems"]
    assert lib.banned_phrases == ["史无前例", "圆满完成"]
    assert lib.thresholds == {"style": 0.5, "structure": 1.0}
    assert lib.tolerance("style") == 0.1 and lib.tolerance("length") == 0.02
    assert lib.length["plans"] == (5, 50) and lib.length["problems"] == (10, 900)
    assert lib.length["achievements"] == (200, 8000)  # the kind's bound for Chinese
    # Defaults: the important facts, every section of the kind, the language's banned phrases.
    assert ngo.required_facts == [f.id for f in ngo.facts.facts if f.important]
    assert "partner-pantries" not in ngo.required_facts
    assert ngo.required_sections == ["overview", "achievements", "problems", "plans"]
    assert ngo.banned_phrases == ["world-class"]
    assert ngo.length["overview"] == (40, 700)


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        (
            "cases:\n  - id: lib\n    facts: library.yaml\n    requird_facts: all\n",
            4,
            "cases[0].requird_facts",
            "unknown setting; did you mean 'required_facts'?",
        ),
        (
            "cases:\n  - id: lib\n    facts: library.yaml\n    required_facts: [visitors, nope]\n",
            4,
            "cases[0].required_facts",
            "unknown fact 'nope'",
        ),
        (
            "cases:\n  - id: lib\n    facts: library.yaml\n    required_sections: [summary]\n",
            4,
            "cases[0].required_sections",
            "unknown section 'summary'",
        ),
        (
            "defaults:\n  thresholds:\n    elegance: 0.5\ncases:\n  - id: lib\n    facts: library.yaml\n",
            3,
            "defaults.thresholds",
            "unknown metric 'elegance'",
        ),
        (
            "defaults:\n  thresholds:\n    style: 1.5\ncases:\n  - id: lib\n    facts: library.yaml\n",
            3,
            "defaults.thresholds",
            "between 0 and 1",
        ),
        ("cases:\n  - id: lib\n    facts: missing.yaml\n", 3, "cases[0].facts", "no such file"),
        (
            "cases:\n  - id: lib\n    facts: library.yaml\n  - id: lib\n    facts: ngo.yaml\n",
            4,
            "cases[1].id",
            "duplicate case id",
        ),
        (
            "cases:\n  - id: lib\n    facts: library.yaml\n    length: {plans: [90, 10]}\n",
            4,
            "cases[0].length",
            "min <= max",
        ),
        ("cases:\n  - id: lib\n    facts: [library.yaml\n", 4, None, "YAML syntax error"),
        ("cases: []\n", 1, "cases", "at least 1"),
        ("- just a list\n", 1, None, "mapping"),
    ],
)
def test_a_bad_suite_names_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str | None, words: str
) -> None:
    path = _suite(tmp_path, body)
    with pytest.raises(EvalError) as info:
        load_suite(path)
    err = info.value
    assert err.file == str(path)
    assert err.line == line
    assert err.field == field
    assert words in str(err)
    assert "\n" not in str(err)


def test_a_missing_suite_file_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no such suite file"):
        load_suite(tmp_path / "nope.yaml")


def test_an_unknown_section_in_the_defaults_is_blamed_on_the_defaults(tmp_path: Path) -> None:
    body = "defaults:\n  length:\n    summary: [1, 2]\ncases:\n  - id: lib\n    facts: library.yaml\n"
    path = _suite(tmp_path, body)
    with pytest.raises(EvalError) as info:
        load_suite(path)
    assert (info.value.line, info.value.field) == (3, "defaults.length")
    assert "unknown section 'summary'" in str(info.value)
