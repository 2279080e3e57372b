"""Every malformed facts file gets one exact line naming file, line, column and field, and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner import Cli, run_fresh

MALFORMED = Path(__file__).resolve().parents[1] / "data" / "malformed"

# file name → what follows the file name in the message
CASES = {
    "unknown_key.yaml": ":12:5: facts[3].valu: unknown key; did you mean 'value'?",
    "unknown_top_key.yaml": ":5:1: fact: unknown key; did you mean 'facts'?",
    "missing_value.yaml": ":6:5: facts[0].value: missing required field; "
    "give the figure as a number, e.g. value: 109",
    "missing_title.toml": ":1:1: report.title: missing required field",
    "value_chinese.yaml": ":8:12: facts[0].value: must be a number, got the text '一百'; "
    "write the figure in Arabic digits, without quotes",
    "value_abc.yaml": ":6:42: facts[0].value: must be a number, got the text 'abc'; "
    "write the figure in Arabic digits, without quotes",
    "value_quoted.json": ":10:48: facts[1].value: must be a number, got the text '84,500'; "
    "write it without quotes: 84500",
    "approx_invalid.yaml": ":10:13: facts[0].approx: invalid value 'more_than'; did you mean 'more-than'?",
    "approx_chinese.json": ":9:17: facts[0].approx: invalid value '多'; did you mean 'more-than'?",
    "language_invalid.toml": ":5:12: report.language: invalid value 'english'; did you mean 'en'?",
    "duplicate_id.yaml": ":12:9: facts[2].id: duplicate id 'sessions' (first used by facts[0]); "
    "give each fact its own id",
    "duplicate_id.toml": ":12:6: facts[1].id: duplicate id 'sessions' (first used by facts[0]); "
    "give each fact its own id",
    "duplicate_key.json": ":4:43: facts[0].value: duplicate key (first written at line 4, column 31); "
    "remove one of them",
    "unknown_section.yaml": ":9:14: facts[0].section: unknown section 'achievement'; did you mean "
    "'achievements'? (sections of work-summary: overview, achievements, problems, plans)",
    "note_section.json": ":6:17: notes[1].section: unknown section 'plan'; did you mean 'plans'? "
    "(sections of work-summary: overview, achievements, problems, plans)",
    "note_topic.yaml": ":8:13: notes[0].topic: topic '师资 建设' differs from '师资建设' (facts[0]) only in "
    "spacing, case or width; did you mean '师资建设'?",
    "unknown_kind.yaml": ":5:9: report.kind: unknown report kind 'work-sumary'; did you mean 'work-summary'?",
    "invalid_id.yaml": ":6:9: facts[0].id: invalid id 'training sessions' "
    "(use only letters, digits, _ and -); did you mean 'training_sessions'?",
    "bad_date.yaml": ":5:9: report.date: invalid date '2026年1月10日'; "
    "write it as YYYY-MM-DD, e.g. 2026-01-10",
    "gbk.yaml": ":2:11: file is not UTF-8 (it looks like GBK/GB18030); re-save it as UTF-8",
    "syntax.yaml": ":4:10: YAML syntax error: mapping values are not allowed here",
    "tabs.yaml": ":2:1: YAML syntax error: found character '\\t' that cannot start any token; "
    "indent with spaces, not tabs",
    "syntax.json": ":5:3: JSON syntax error: Expecting value; remove the comma before it",
    "syntax.toml": ":3:14: TOML syntax error: expected '=' after a key in a key/value pair",
    "top_level_list.yaml": ":1:1: the top level must be a mapping with 'report', 'facts' and 'notes', "
    "got a list",
    "facts.txt": ": unknown file type '.txt'; use .yaml, .yml, .json or .toml",
    "no_such_file.yaml": ": no such file; check the path",
}

EMPTY = ["empty.yaml", "empty.json", "empty.toml"]


def test_at_least_fifteen_malformed_files_of_each_format_are_shipped() -> None:
    files = [p for p in MALFORMED.iterdir() if p.is_file()]
    assert len(files) >= 15
    assert {p.suffix for p in files} >= {".yaml", ".json", ".toml"}
    assert {p.name for p in files} <= set(CASES) | set(EMPTY)


@pytest.mark.parametrize(("name", "rest"), sorted(CASES.items()))
def test_validate_prints_one_exact_line_and_exits_2(cli: Cli, name: str, rest: str) -> None:
    path = MALFORMED / name
    code, out, err = cli("validate", str(path))
    assert (code, out) == (2, "")
    assert err == f"error: {path}{rest}\n"


@pytest.mark.parametrize("name", EMPTY)
def test_empty_file_suggests_init(cli: Cli, name: str) -> None:
    path = MALFORMED / name
    code, _, err = cli("validate", str(path))
    assert code == 2
    assert err == (
        f"error: {path}: file is empty; run 'drafter init {path} --force' to write a commented starter file\n"
    )


def test_draft_reports_the_same_error(cli: Cli) -> None:
    path = MALFORMED / "unknown_key.yaml"
    code, out, err = cli("draft", str(path))
    assert (code, out) == (2, "")
    assert err == f"error: {path}:12:5: facts[3].valu: unknown key; did you mean 'value'?\n"


def test_fresh_process_prints_no_traceback() -> None:
    path = MALFORMED / "value_chinese.yaml"
    done = run_fresh("validate", path)
    assert done.code == 2
    assert done.err.count("\n") == 1
    assert "Traceback" not in done.err
    assert done.err.startswith(f"error: {path}:8:12: facts[0].value: must be a number")


def test_debug_shows_the_traceback(cli: Cli) -> None:
    path = MALFORMED / "duplicate_id.yaml"
    done = cli("--debug", "validate", path)
    assert done.code != 0
    assert "Traceback" in done.err
    assert "FactsError" in done.err
