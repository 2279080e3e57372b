"""Frame choice is deterministic, rotates among neighbours, and never interprets fact text."""

from __future__ import annotations

import pytest

from drafter.realize.phrases import fill, pick, stable_hash, table


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


@pytest.mark.parametrize("language", ["zh", "en"])
def test_phrase_tables_have_several_frames_where_variety_matters(language: str) -> None:
    phrases = table(language)
    assert len(phrases["topic_lead"]) >= 3
    assert len(phrases["topic_close"]) >= 3
    assert len(phrases["previous"]["up"]) >= 2 and len(phrases["previous"]["down"]) >= 2


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_phrases_hold_no_digits(language: str) -> None:
    # Every number in a draft must come from the facts; the phrases themselves state none.
    assert [s for s in _strings(table(language)) if any(ch.isdigit() for ch in s)] == []
