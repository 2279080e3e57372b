"""Nothing lost in revise: failed saves keep the change, a newer save is never overwritten, `w` errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from drafter.revise.controller import run
from drafter.revise.session import load_session, save_session


def _block(path: Path) -> None:
    """Make saving to ``path`` fail: a folder stands where the session file should be."""
    path.unlink()
    path.mkdir()


def test_a_failed_save_keeps_the_key_and_the_next_save_writes_it(open_scripted: Callable) -> None:
    def unblock(_: Path) -> int:  # the user clears the way while the session goes on
        scripted.revision.path.rmdir()
        return 1

    scripted = open_scripted("a\ne\nq\n", editor=unblock)
    _block(scripted.revision.path)
    assert run(scripted.revision) == 0, scripted.text
    assert "the change is kept and saved with the next key" in scripted.text
    saved = load_session(scripted.revision.path)
    assert saved.sections[0].accepted and saved.position == 1  # the key typed while saving failed


def test_quitting_while_saves_fail_leaves_a_rescue_copy(
    open_scripted: Callable, tmp_path: Path, facts_file: Path
) -> None:
    scripted = open_scripted("a\nq\n")
    _block(scripted.revision.path)
    assert run(scripted.revision) == 3
    found = re.search(r"resume it with: drafter revise (\S+)", scripted.text)
    assert found is not None, scripted.text
    rescued = Path(found.group(1))
    session = load_session(rescued)
    assert session.sections[0].accepted
    assert session.facts_path(rescued) == facts_file.resolve()
    rescued.unlink()


def test_a_newer_save_by_another_process_is_not_overwritten(open_scripted: Callable) -> None:
    scripted = open_scripted("a\nq\n")
    path = scripted.revision.path
    other = load_session(path)
    other.position = 3  # another revise moved on and saved
    save_session(other, path)
    assert run(scripted.revision) == 3
    assert "another process saved this session" in scripted.text
    assert load_session(path).position == 3


def test_a_failed_write_is_one_line_and_the_session_goes_on(
    open_scripted: Callable, tmp_path: Path, facts_file: Path
) -> None:
    (tmp_path / "plain").write_text("a file", encoding="utf-8")
    scripted = open_scripted(f"w\n{tmp_path / 'plain' / 'report.md'}\nw\n{facts_file}\nn\nq\n")
    assert run(scripted.revision) == 0
    assert "cannot write" in scripted.text and "not a folder" in scripted.text
    assert "is an input" in scripted.text
    assert load_session(scripted.revision.path).position == 1
    assert "session saved to" in scripted.text


def test_an_editor_that_saves_garbage_or_deletes_the_file_is_one_line(open_scripted: Callable) -> None:
    def garbage(path: Path) -> int:
        path.write_bytes(b"\xff\xfe\x00bad")
        return 0

    def delete(path: Path) -> int:
        path.unlink()
        return 0

    for editor, message in ((garbage, "not UTF-8"), (delete, "the editor removed the file")):
        scripted = open_scripted("e\nq\n", editor=editor)
        assert run(scripted.revision) == 0
        assert message in scripted.text and "session saved to" in scripted.text
