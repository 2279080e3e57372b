"""Frame choice is deterministic, rotates among neighbours, and never interprets fact text."""

from __future__ import annotations

import pytest

from drafter.realize.common import paired_lead
from drafter.realize.phrases import fill, pick, pick_fresh, stable_hash, table
from drafter.resources import list_files


def test_stable_hash_is_fixed_across_processes() -> None:
    # A constant: Python's own hash() is salted per process and must never be used for choices.
    assert stable_hash("training_sessions") == int.from_bytes(
        __import__("hashlib").sha256(b"training_sessions").digest()[:8], "big"
    )


@pytest.mark.parametrize("count", [2, 3, 5])
def test_neighbours_get_different_frames(count: int) -> None:
    frames = [f"frame{i}" for i in range(count)]
    chosen = [pick(frames, "topic", i) for i in range(count)]
    assert sorted(chosen) == frames


@pytest.mark.parametrize(
    ("frame", "values", "expected"),
    [
        ("{label}{fig}", {"label": "举办{fig}", "fig": "109期"}, "举办{fig}109期"),
        ("{a} and {missing}", {"a": "{b}", "b": "x"}, "{b} and {missing}"),
    ],
)
def test_fill_substitutes_once(frame: str, values: dict[str, str], expected: str) -> None:
    assert fill(frame, **values) == expected


def test_a_fresh_pick_never_repeats_and_runs_out_instead() -> None:
    used: set[str] = set()
    chosen = [pick_fresh(["a", "b", "c"], f"key{i}", used) for i in range(4)]
    assert sorted(c for c in chosen if c) == ["a", "b", "c"]
    assert chosen[3] is None


def test_paired_leads_combine_halves_without_reusing_either() -> None:
    frames = ["甲一，甲二。", "乙一，乙二。", "丙一，丙二。"]
    used: set[str] = set()
    leads = [paired_lead(frames, f"topic{i}", used) for i in range(4)]
    made = [lead for lead in leads if lead]
    assert len(made) == 3 and leads[3] is None
    assert sorted(lead.split("，")[0] for lead in made) == ["丙一", "乙一", "甲一"]
    assert sorted(lead.split("，")[1] for lead in made) == ["丙二。", "乙二。", "甲二。"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_phrase_tables_have_several_frames_where_variety_matters(language: str) -> None:
    phrases = table(language)
    assert len(phrases["previous"]["up"]) >= 2 and len(phrases["previous"]["down"]) >= 2
    assert len(phrases["topic_close"]["up"]) >= 3
    for theme in phrases["themes"].values():
        assert len(theme["lead"]) >= 4  # 4 × 4 paired leads at least
    for sector in ("government", "party", "school", "hospital", "enterprise", "ngo"):
        merged = table(language, sector)
        assert len(merged["opening"]["lead"]) >= 2
        assert len(merged["points"]["problems"]["opener"]) >= 2
        assert len(merged["points"]["plans"]["opener"]) >= 2


def test_only_government_and_party_tables_use_political_formulas() -> None:
    formulas = ("习近平", "党中央", "稳中求进", "上级党委")
    for sector in ("school", "hospital", "enterprise", "ngo"):
        assert not [s for s in _strings(table("zh", sector)) if any(f in s for f in formulas)], sector
    assert any("习近平" in s for s in _strings(table("zh", "government")))


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return [data] if isinstance(data, str) else []


PHRASE_FILES = [n for n in list_files("drafter.realize.data") if n.startswith(("zh", "en"))]


@pytest.mark.parametrize("name", PHRASE_FILES)
def test_phrases_hold_no_digits(name: str) -> None:
    # Every number in a draft must come from the facts; the phrases themselves state none.
    from drafter.resources import load_yaml

    strings = _strings(load_yaml("drafter.realize.data", name))
    assert [s for s in strings if any(ch.isdigit() for ch in s)] == []


@pytest.mark.parametrize("name", PHRASE_FILES)
def test_the_checker_finds_no_quantity_in_any_phrase(name: str) -> None:
    # Chinese numerals count too: 三级查房 in a lead would be an unsupported 三.
    from drafter.facts import Facts
    from drafter.numbers.check import check
    from drafter.resources import load_yaml

    language = name[:2]
    data = load_yaml("drafter.realize.data", name)
    data = {k: v for k, v in data.items() if k != "small_numbers"}  # the words for 0–9 that figures use
    report = {"title": "t", "organization": "o", "period": "2025", "language": language}
    facts = Facts.model_validate({"report": report})
    found = [(s, m.text) for s in _strings(data) for m in check(s, facts).unsupported]
    assert found == []
