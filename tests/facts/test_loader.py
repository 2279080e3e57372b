"""The loader reads the same facts from YAML, JSON and TOML, and points errors at the exact place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.errors import FactsError
from drafter.facts import load_facts, parse_facts
from drafter.facts.positions import json_locator, toml_locator
from drafter.facts.suggest import closest

YAML = """\
report:
  title: 某县教育局2025年度工作总结
  organization: 某县教育局
  period: 2025
  next_period: "2026"
  date: 2026-01-10
terms: [十四五, 双减]
facts:
  - {id: sessions, label: 举办教师培训, value: 109, unit: 期, topic: 师资建设}
  - id: trained
    label: 培训教师
    value: 5000
    unit: 人
    approx: more-than
    previous: 4200.5
    important: false
notes:
  - 一条没有分部的说明。
  - {section: problems, topic: 投入, text: 部分学校经费投入不足。}
"""

JSON = json.dumps(
    {
        "report": {
            "title": "某县教育局2025年度工作总结",
            "organization": "某县教育局",
            "period": "2025",
            "next_period": "2026",
            "date": "2026-01-10",
        },
        "terms": ["十四五", "双减"],
        "facts": [
            {"id": "sessions", "label": "举办教师培训", "value": 109, "unit": "期", "topic": "师资建设"},
            {
                "id": "trained",
                "label": "培训教师",
                "value": 5000,
                "unit": "人",
                "approx": "more-than",
                "previous": 4200.5,
                "important": False,
            },
        ],
        "notes": [
            "一条没有分部的说明。",
            {"section": "problems", "topic": "投入", "text": "部分学校经费投入不足。"},
        ],
    },
    ensure_ascii=False,
    indent=2,
)

TOML = """\
terms = ["十四五", "双减"]
notes = [
  "一条没有分部的说明。",
  { section = "problems", topic = "投入", text = "部分学校经费投入不足。" },
]

[report]
title = "某县教育局2025年度工作总结"
organization = "某县教育局"
period = 2025
next_period = "2026"
date = 2026-01-10

[[facts]]
id = "sessions"
label = "举办教师培训"
value = 109
unit = "期"
topic = "师资建设"

[[facts]]
id = "trained"
label = "培训教师"
value = 5000
unit = "人"
approx = "more-than"
previous = 4200.5
important = false
"""


def test_the_three_formats_read_the_same_facts(tmp_path: Path) -> None:
    loaded = []
    for suffix, text in ((".yaml", YAML), (".json", JSON), (".toml", TOML)):
        path = tmp_path / f"facts{suffix}"
        path.write_text(text, encoding="utf-8")
        loaded.append(load_facts(path))
    assert loaded[0] == loaded[1] == loaded[2]
    facts = loaded[0]
    assert facts.report.period == "2025"  # a bare year is read as text
    assert facts.fact("trained").approx == "more-than"
    assert facts.notes[0].text == "一条没有分部的说明。" and facts.notes[0].section is None


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + YAML.encode("utf-8"))
    assert load_facts(path).report.organization == "某县教育局"


def test_yml_extension_and_upper_case_are_yaml(tmp_path: Path) -> None:
    path = tmp_path / "FACTS.YML"
    path.write_text(YAML, encoding="utf-8")
    assert len(load_facts(path).facts) == 2


def test_parse_facts_names_the_given_path() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(YAML.replace("unit: 人\n", "unti: 人\n"), "yaml", "mine.yaml")
    assert str(caught.value) == "mine.yaml:13:5: facts[1].unti: unknown key; did you mean 'unit'?"
    assert (caught.value.line, caught.value.column, caught.value.field) == (13, 5, "facts[1].unti")


@pytest.mark.parametrize(("fmt", "text"), [("yaml", YAML), ("json", JSON), ("toml", TOML)])
def test_errors_point_at_the_field_in_every_format(fmt: str, text: str) -> None:
    bad = text.replace("approx: more-than", "approx: more")
    bad = bad.replace('"approx": "more-than"', '"approx": "more"')
    bad = bad.replace('approx = "more-than"', 'approx = "more"')
    with pytest.raises(FactsError) as caught:
        parse_facts(bad, fmt, "f")
    line = next(i for i, row in enumerate(bad.splitlines(), 1) if 'more"' in row or "more\n" in row + "\n")
    assert caught.value.line == line
    assert caught.value.field == "facts[1].approx"
    assert caught.value.hint == "did you mean 'more-than'?"


def test_unsupported_format_name() -> None:
    with pytest.raises(FactsError, match="unknown format 'xml'"):
        parse_facts("<a/>", "xml", "f.xml")


def test_a_folder_is_not_a_facts_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    with pytest.raises(FactsError, match="is a folder"):
        load_facts(folder)


def test_json_positions_of_keys_and_values() -> None:
    text = '{\n  "a": [1, {"b": "x:,]"}],\n  "c": {"d": true}\n}'
    loc = json_locator(text)
    assert loc.find(("a", 1, "b"), key=True) == (2, 13)
    assert loc.find(("a", 1, "b")) == (2, 18)
    assert loc.find(("c", "d")) == (3, 14)
    assert loc.find(("c", "missing")) == (3, 8)  # the nearest ancestor


def test_toml_positions_across_tables_arrays_and_multiline_strings() -> None:
    text = 'x = """a\n[not-a-table]\n"""\n[[t]]\nk = 1\n[[t]]\n"k" = [\n  {v = 1},\n  {v = 2},\n]\n'
    loc = toml_locator(text)
    assert ("not-a-table",) not in loc.keys
    assert loc.find(("t", 0, "k"), key=True) == (5, 1)
    assert loc.find(("t", 1, "k", 1, "v"), key=True) == (9, 4)
    assert loc.find(("t", 1, "zzz")) == (6, 1)


@pytest.mark.parametrize(
    ("word", "choices", "aliases", "expected"),
    [
        ("valu", ["id", "label", "value", "unit"], None, "value"),
        ("Label", ["id", "label", "value"], None, "label"),
        ("more than", ["exact", "more-than", "about"], "approx", "more-than"),
        ("约", ["exact", "more-than", "about"], "approx", "about"),
        ("不超过", ["exact", "at-most", "about"], "approx", "at-most"),
        ("chinese", ["zh", "en"], "language", "zh"),
        ("EN-us", ["zh", "en"], "language", "en"),
        ("xyzzy", ["id", "label", "value"], None, None),
    ],
)
def test_closest_suggestion(word: str, choices: list[str], aliases: str | None, expected: str | None) -> None:
    assert closest(word, choices, aliases=aliases) == expected
