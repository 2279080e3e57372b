"""The session file: its shape, where it lives, and one-line errors for bad files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.errors import InputError, SessionError
from drafter.revise.session import default_session_path, is_session_file, load_session


def test_new_session_is_saved_in_the_documented_shape(open_scripted: Callable, facts_file: Path) -> None:
    open_scripted("")
    path = facts_file.with_name("library-2025.session.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"version", "facts", "facts_sha256", "kind", "language", "position", "sections"} <= data.keys()
    assert (data["version"], data["facts"], data["kind"], data["language"], data["position"]) == (
        1,
        "library-2025.yaml",
        "work-summary",
        "zh",
        0,
    )
    assert [s["id"] for s in data["sections"]] == ["overview", "achievements", "problems", "plans"]
    first = data["sections"][0]
    assert (first["accepted"], first["current"]) == (False, 0)
    version = first["versions"][0]
    assert version["origin"] == "offline" and version["instruction"] is None
    assert version["created"] == "2026-11-28T10:00:00Z"
    assert set(version["check"]) >= {"mentions", "unsupported"}


def test_facts_path_is_relative_to_the_session_file(open_scripted: Callable, facts_file: Path) -> None:
    elsewhere = facts_file.parent / "sessions" / "mine.json"
    open_scripted("", session=elsewhere)
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["facts"] == "../library-2025.yaml"
    assert load_session(elsewhere).facts_path(elsewhere) == facts_file.resolve()


def test_default_session_path_sits_next_to_the_facts() -> None:
    assert default_session_path(Path("/x/county-2025.yaml")) == Path("/x/county-2025.session.json")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "corrupt session file"),
        ('{"version": 1, "facts": "f.yaml"}', "corrupt session file"),
        (
            '{"version": 7, "facts": "f.yaml", "facts_sha256": "x", "sections": []}',
            "unsupported session version",
        ),
        ("[1, 2]", "corrupt session file"),
    ],
)
def test_a_bad_session_file_is_one_clear_error(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "s.session.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        load_session(path)
    message = str(caught.value)
    assert fragment in message and str(path) in message and "\n" not in message


def test_position_out_of_range_is_rejected(open_scripted: Callable, facts_file: Path) -> None:
    open_scripted("")
    path = default_session_path(facts_file)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["position"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError, match="position"):
        load_session(path)


def test_missing_session_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such session file"):
        load_session(tmp_path / "none.session.json")


def test_session_files_are_told_apart_from_json_facts(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text('{"report": {}}', encoding="utf-8")
    session = tmp_path / "mine.json"
    session.write_text('{"facts_sha256": "x", "sections": []}', encoding="utf-8")
    assert not is_session_file(facts)
    assert is_session_file(session)
    assert is_session_file(tmp_path / "a.session.json")


def test_a_session_of_other_facts_is_not_resumed_silently(open_scripted: Callable, facts_file: Path) -> None:
    other = facts_file.with_name("other.yaml")
    other.write_text(facts_file.read_text(encoding="utf-8"), encoding="utf-8")
    session = facts_file.with_name("shared.session.json")
    open_scripted("", session=session)
    with pytest.raises(SessionError, match=r"session belongs to library-2025\.yaml"):
        open_scripted("", target=other, session=session)


def test_resuming_a_session_with_another_session_path_is_refused(
    open_scripted: Callable, facts_file: Path
) -> None:
    open_scripted("")
    with pytest.raises(InputError, match="--session"):
        open_scripted("", target=default_session_path(facts_file), session=facts_file.with_name("x.json"))
