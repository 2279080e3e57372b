"""Shared fixtures: an isolated DRAFTER_HOME and environment for every test; a scripted model server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.testing import ScriptedServer


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DRAFTER_HOME at a fresh folder and clear OPENAI_* / DRAFTER_* so no real setting leaks in."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DRAFTER_")):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "drafter-home"
    home.mkdir()
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    # Fast back-off for transient faults in CLI runs.
    monkeypatch.setenv("DRAFTER_RETRY_DELAY", "0.01")
    return home


@pytest.fixture
def openai_server() -> Iterator[ScriptedServer]:
    """A scripted OpenAI-compatible server on 127.0.0.1; set replies with ``server.set_script(...)``."""
    with ScriptedServer() as server:
        yield server
