"""`drafter check --format json` is strict JSON that other tools can read."""

import json
from pathlib import Path

import pytest
from runner import Cli

FACTS = """report: {title: t, organization: o, period: "2025"}
facts:
  - {id: events, label: 开展活动, value: 20, unit: 场, approx: at-least}
  - {id: rooms, label: 建成智慧教室, value: 318, unit: 间, previous: 210}
"""


def _no_constants(name: str) -> None:
    raise ValueError(f"not strict JSON: {name}")


@pytest.fixture
def check_json(tmp_path: Path, cli: Cli):
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")

    def run(draft: str) -> dict:
        path = tmp_path / "draft.md"
        path.write_text(draft, encoding="utf-8")
        out = cli("check", path, "--facts", facts, "--format", "json")
        return json.loads(out.out, parse_constant=_no_constants)

    return run


def test_an_unbounded_interval_is_null_not_infinity(check_json) -> None:
    (mention,) = check_json("开展活动不少于20场。\n")["mentions"]
    assert (mention["low"], mention["high"], mention["status"]) == (20, None, "supported")


def test_interval_bounds_carry_no_float_noise(check_json) -> None:
    mentions = check_json("建成智慧教室318间，比上年增长51.4%。\n")["mentions"]
    growth = next(m for m in mentions if m["text"] == "51.4%")
    assert (growth["low"], growth["high"], growth["status"]) == (51.35, 51.45, "derived")
