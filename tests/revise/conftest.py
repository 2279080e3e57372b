"""Fixtures for revise: a small facts file, a fixed clock and a scripted world (StringIO in and out)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from revise_helpers import FACTS_ZH, change_figure, fixed_clock
from rich.console import Console

from drafter.revise.controller import Revision, World
from drafter.revise.screen import LineInput
from drafter.revise.start import start


@dataclass
class Scripted:
    """A revision driven by a script of commands, and what it printed."""

    revision: Revision
    out: io.StringIO

    @property
    def text(self) -> str:
        """Everything printed so far."""
        return self.out.getvalue()


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    """A Chinese facts file with three figures and three notes."""
    path = tmp_path / "library-2025.yaml"
    path.write_text(FACTS_ZH, encoding="utf-8")
    return path


@pytest.fixture
def open_scripted(facts_file: Path) -> Callable[..., Scripted]:
    """Return a function opening a revision of ``facts_file`` whose input is ``script``.

    Opening a revision takes the session's lock; the previous revision opened here is released first (one
    process, one revise at a time, as on the command line).
    """
    opened: list[Any] = []

    def opener(
        script: str,
        *,
        backend: Any = None,
        editor: Callable[[Path], int] = change_figure,
        target: Path | None = None,
        session: Path | None = None,
    ) -> Scripted:
        from drafter.backends.offline import OfflineBackend

        out = io.StringIO()
        console = Console(file=out, width=200, color_system=None, highlight=False)
        world = World(
            console=console,
            input=LineInput(io.StringIO(script), console),
            clock=fixed_clock,
            editor=editor,
            backend=backend or OfflineBackend(),
        )
        while opened:
            opened.pop().release()
        revision = start(target or facts_file, world, session)
        opened.append(revision)
        return Scripted(revision, out)

    return opener
