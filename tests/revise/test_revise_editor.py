"""Which editor `e` runs: $EDITOR (with its arguments), else nano, else vi — never one without a terminal."""

from __future__ import annotations

import shutil

import pytest

from drafter.errors import InputError
from drafter.revise.start import editor_command


@pytest.mark.parametrize(
    ("editor", "command"),
    [
        ("nano", ["nano"]),
        ("code --wait", ["code", "--wait"]),
        ("'/opt/my editor/bin/ed' -s", ["/opt/my editor/bin/ed", "-s"]),
    ],
)
def test_editor_comes_from_the_environment(editor: str, command: list[str]) -> None:
    assert editor_command({"EDITOR": editor}, interactive=False) == command


def test_without_editor_a_terminal_falls_back_to_nano_or_vi() -> None:
    if not (shutil.which("nano") or shutil.which("vi")):
        pytest.skip("neither nano nor vi installed")
    assert editor_command({}, interactive=True)[0] in ("nano", "vi")


def test_without_editor_a_scripted_session_is_told_to_set_one() -> None:
    with pytest.raises(InputError, match="no EDITOR set"):
        editor_command({}, interactive=False)
