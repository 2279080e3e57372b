"""Hostile and careless input files: each ends in one clear line, in bounded time and memory.

Every case runs drafter in a fresh process under a memory limit (see conftest). Groups: special files,
oversized files, YAML bombs and deep nesting, control characters, YAML 1.1 traps, and drafts for `check`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from runner import Cli

from hostile.corpus import FACTS, Outcome, run_batch

pytestmark = pytest.mark.timeout(90)

GOOD = FACTS.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, and the words its one error line must hold."""

    make: Callable[[Path], Path]
    needles: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


def _write(name: str, text: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return make


def _fifo(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path

    return make


def _link(name: str, target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path

    return make


def _folder(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        return path

    return make


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def _data(label: str) -> dict[str, object]:
    data = yaml.safe_load(GOOD)
    data["facts"][0]["label"] = label
    return data  # type: ignore[no-any-return]


def _json_digits() -> str:
    data = _data(label="全年接待读者")
    data["facts"][0]["value"] = 7
    return json.dumps(data, ensure_ascii=False).replace('"value": 7', '"value": ' + "9" * 5000)


def _toml(fact_line: str) -> str:
    head = '[report]\ntitle = "t"\norganization = "o"\nperiod = "2025"\nlanguage = "zh"\n'
    fact = {"id": '"a"', "label": '"x"', "value": "1", "unit": '"人"'}
    key = fact_line.split(" =")[0]
    lines = [fact_line if k == key else f"{k} = {v}" for k, v in fact.items()]
    return head + "[[facts]]\n" + "\n".join(lines) + "\n"


FACTS_CASES: dict[str, Case] = {
    # special files: refused unread, never blocking
    "fifo": Case(_fifo("facts.yaml"), ("FIFO", "not a regular file")),
    "link to /dev/zero": Case(_link("facts.yaml", "/dev/zero"), ("device", "not a regular file")),
    "link to /dev/urandom": Case(_link("facts.json", "/dev/urandom"), ("device",)),
    "folder": Case(_folder("facts.yaml"), ("is a folder",)),
    "dangling link": Case(_link("facts.yaml", "/nonexistent/facts.yaml"), ("no such file",)),
    # size caps
    "over the cap": Case(
        _write("big.yaml", GOOD + "# " + "x" * (2 * 1024 * 1024) + "\n"),
        ("larger than 1 MB", "DRAFTER_MAX_FACTS_MB"),
        env={"DRAFTER_MAX_FACTS_MB": "1"},
    ),
    # bombs and nesting
    "alias bomb": Case(_write("bomb.yaml", _alias_bomb()), ("alias", "bomb")),
    "recursive alias": Case(_write("rec.yaml", "a: &a [*a]\n"), ("alias refers to the block",)),
    "deep YAML flow": Case(_write("deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"), ("nested",)),
    "deep YAML block": Case(
        _write("block.yaml", "".join("  " * i + "k:\n" for i in range(2000)) + "  " * 2000 + "v\n"),
        ("nested",),
    ),
    "deep JSON": Case(_write("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"), ("nested",)),
    "deep JSON, shallow for the parser": Case(
        _write("deep2.json", '{"a": ' + "[" * 500 + "]" * 500 + "}"), ("nested more than 64",)
    ),
    "deep TOML": Case(_write("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n"), ("nested",)),
    # control characters (validate rejects them with line:column)
    "NUL in a label": Case(
        _write("nul.yaml", _with("label: 全年接待读者", "label: 全年接待\x00读者")), (":9:16:", "U+0000")
    ),
    "ANSI escape in the title": Case(
        _write("ansi.yaml", _with("title: 某县", "title: \x1b[2J\x1b[31m某县")), (":2:10:", "U+001B")
    ),
    "bidi override": Case(
        _write("bidi.yaml", _with("label: 图书外借", "label: 图书\u202e外借")), ("U+202E",)
    ),
    # YAML 1.1 traps read as YAML 1.2: text, so the value is rejected as no number
    "hex value": Case(_write("hex.yaml", _with("value: 109", "value: 0x6D")), ("must be a number", "0x6D")),
    "sexagesimal value": Case(_write("sexa.yaml", _with("value: 3200", "value: 53:20")), ("53:20",)),
    "thousands comma in flow style": Case(
        _write(
            "comma.yaml",
            GOOD.replace(
                "  - id: events\n    label: 举办阅读推广活动\n    value: 109\n"
                "    unit: 场\n    topic: 阅读推广\n",
                "  - {id: events, label: 举办阅读推广活动, value: 1,109, unit: 场, topic: 阅读推广}\n",
            ),
        ),
        ("stands where a key should be", "thousands comma"),
    ),
    # escaped control characters and absurd numbers, caught after parsing
    "escaped NUL in JSON": Case(
        _write("nul.json", json.dumps(_data(label="全年\u0000接待"), ensure_ascii=False)), ("U+0000", "label")
    ),
    "escaped ESC in TOML": Case(_write("esc.toml", _toml('label = "全年\\u001b[2J接待"')), ("U+001B",)),
    "5,000-digit integer (YAML)": Case(
        _write("digits.yaml", _with("value: 109", "value: " + "9" * 5000)), ("4,300 digits",)
    ),
    "5,000-digit integer (JSON)": Case(_write("digits.json", _json_digits()), ("4,300 digits",)),
    "5,000-digit integer (TOML)": Case(
        _write("digits.toml", _toml("value = " + "9" * 5000)), ("4,300 digits",)
    ),
    "a quintillion": Case(
        _write("huge.yaml", _with("value: 109", "value: 1e300")),
        ("too large: a figure has at most 18 digits",),
    ),
    "cap set to nan": Case(
        _write("ok.yaml", GOOD), ("DRAFTER_MAX_FACTS_MB", "positive number"), {"DRAFTER_MAX_FACTS_MB": "nan"}
    ),
    # encodings and garbage
    "UTF-16": Case(_write("u16.yaml", GOOD.encode("utf-16")), ("UTF-16",)),
    "binary garbage": Case(_write("bin.yaml", bytes(range(256)) * 64), ("not UTF-8",)),
}


@pytest.fixture(scope="module")
def facts_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Outcome]:
    """Every facts case through ``validate`` and offline ``draft``, in one process under the memory limit."""
    folder = tmp_path_factory.mktemp("hostile-facts")
    jobs: list[tuple[list[object], dict[str, str]]] = []
    keys: list[tuple[str, str]] = []
    for number, (name, case) in enumerate(FACTS_CASES.items()):
        (folder / str(number)).mkdir()
        path = case.make(folder / str(number))
        for command in (["validate", path], ["draft", path, "--backend", "offline"]):
            jobs.append((list(command), case.env))
            keys.append((name, str(command[0])))
    return dict(zip(keys, run_batch(jobs, folder), strict=True))


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
@pytest.mark.parametrize("command", ["validate", "draft"])
@pytest.mark.parametrize("name", FACTS_CASES)
def test_hostile_facts_file_is_one_line(
    name: str, command: str, facts_outcomes: dict[tuple[str, str], Outcome]
) -> None:
    outcome = facts_outcomes[(name, command)]
    line = outcome.assert_one_line(2, *FACTS_CASES[name].needles)
    assert "\x1b" not in outcome.err and "\x00" not in outcome.err, line


def test_yaml_12_numbers_and_booleans_are_text_where_yaml_11_guessed(tmp_path: Path) -> None:
    from drafter.facts import load_facts

    path = tmp_path / "traps.yaml"
    extra = '\nterms: [no, "yes", on, 0o17, 1_000, 007, "1:20"]\n'
    path.write_text(GOOD + extra, encoding="utf-8")
    assert load_facts(path).terms == ["no", "yes", "on", "0o17", "1_000", "007", "1:20"]


DRAFT_CASES: dict[str, Case] = {
    "fifo": Case(_fifo("draft.md"), ("FIFO",)),
    "link to /dev/zero": Case(_link("draft.md", "/dev/zero"), ("device",)),
    "folder": Case(_folder("draft.md"), ("is a folder",)),
    "over the cap": Case(
        _write("big.md", "全年接待读者52000多人次。\n" * 60_000),
        ("larger than 1 MB",),
        {"DRAFTER_MAX_DRAFT_MB": "1"},
    ),
    "docx that is a zip bomb of nonsense": Case(_write("bad.docx", b"PK\x03\x04" + b"\0" * 5000), ("docx",)),
}


@pytest.fixture(scope="module")
def draft_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every draft case through ``check``, in one process under the memory limit."""
    folder = tmp_path_factory.mktemp("hostile-drafts")
    facts = folder / "library.yaml"
    facts.write_text(GOOD, encoding="utf-8")
    jobs: list[tuple[list[object], dict[str, str]]] = []
    for number, case in enumerate(DRAFT_CASES.values()):
        (folder / str(number)).mkdir()
        jobs.append((["check", case.make(folder / str(number)), "--facts", facts], case.env))
    return dict(zip(DRAFT_CASES, run_batch(jobs, folder), strict=True))


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
@pytest.mark.parametrize("name", DRAFT_CASES)
def test_hostile_draft_for_check_is_one_line(name: str, draft_outcomes: dict[str, Outcome]) -> None:
    draft_outcomes[name].assert_one_line(2, *DRAFT_CASES[name].needles)


def test_control_characters_in_a_draft_reach_the_terminal_escaped(
    cli: Cli, tmp_path: Path, facts: Path
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("全年接待读者52000多人次。\x1b]0;pwned\x07\x1b[2J\n", encoding="utf-8")
    outcome = cli("check", draft, "--facts", facts)
    assert outcome.code in (0, 1) and "Traceback" not in outcome.err, outcome.err
    assert "\x1b" not in outcome.out and "\x07" not in outcome.out
    assert "52000" in outcome.out and "␛]0;pwned" in outcome.out


def test_a_hundred_and_one_topics_are_numbered_in_chinese(cli: Cli, tmp_path: Path) -> None:
    facts = [
        f"  - {{id: f{i}, label: 第{i}项工作完成, value: {i + 1}, unit: 项, topic: 专题{i}}}"
        for i in range(101)
    ]
    path = tmp_path / "many.yaml"
    path.write_text(GOOD.split("facts:")[0] + "facts:\n" + "\n".join(facts) + "\n", encoding="utf-8")
    outcome = cli("draft", path, "--backend", "offline")
    assert outcome.code in (0, 1) and "Traceback" not in outcome.err, outcome.err
    assert "（一百）" in outcome.out and "（一百零一）" in outcome.out and "（十十）" not in outcome.out


SESSION_CASES: dict[str, Case] = {
    "FIFO": Case(_fifo("library.session.json"), ("FIFO",)),
    "link to /dev/zero": Case(_link("library.session.json", "/dev/zero"), ("device",)),
    "deep nesting": Case(
        _write("library.session.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"), ("nested",)
    ),
    "not JSON": Case(_write("library.session.json", "{\x00\x01 garbage"), ("corrupt session file",)),
    "over the cap": Case(
        _write("library.session.json", '{"pad": "' + "x" * (2 * 1024 * 1024) + '"}'),
        ("larger than 1 MB",),
        {"DRAFTER_MAX_SESSION_MB": "1"},
    ),
}


@pytest.fixture(scope="module")
def session_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every hostile session file resumed with ``revise``, in one process under the memory limit."""
    folder = tmp_path_factory.mktemp("hostile-sessions")
    jobs: list[tuple[list[object], dict[str, str]]] = []
    for number, case in enumerate(SESSION_CASES.values()):
        (folder / str(number)).mkdir()
        session = case.make(folder / str(number))
        jobs.append((["revise", session, "--backend", "offline"], {**case.env, "EDITOR": "true"}))
    return dict(zip(SESSION_CASES, run_batch(jobs, folder), strict=True))


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
@pytest.mark.parametrize("name", SESSION_CASES)
def test_hostile_session_file_is_one_line(name: str, session_outcomes: dict[str, Outcome]) -> None:
    session_outcomes[name].assert_one_line(2, *SESSION_CASES[name].needles)
