"""Every shared fixture: an isolated DRAFTER_HOME for each test, the in-process CLI runner and the scripted
model server (the fresh-process runner and the result type are in tests/runner.py)."""

from __future__ import annotations

import functools
import gc
import itertools
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from runner import Cli, Result

if TYPE_CHECKING:
    from drafter.testing import ScriptedServer


def pytest_configure(config: pytest.Config) -> None:
    """Cache bytecode even where PYTHONDONTWRITEBYTECODE is set (as on the 2-core build machine).

    Without it every run compiles drafter and re-rewrites the assertions of every test module (about
    8 s of a run), and every fresh-process test compiles drafter again. The cache goes to the
    git-ignored ``__pycache__`` folders; an installed drafter has its bytecode already.
    """
    sys.dont_write_bytecode = False


_frozen_modules = [0]


def _freeze_imports() -> None:
    """Freeze what has been imported (drafter, the libraries, the test modules) out of the collector.

    Every full garbage collection would otherwise walk those objects again, and pytest ends with five
    (to report unraisable exceptions); the tests' own objects are still collected and reported.
    """
    gc.collect()
    gc.freeze()
    _frozen_modules[0] = len(sys.modules)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection imported (and share the TLS context if it imported the HTTP client)."""
    _freeze_imports()
    _share_tls_context()


def _share_tls_context() -> None:
    """Build the HTTP client's default TLS context once per process instead of twice per model test.

    Every model-path test talks to a new scripted server (a new port), so LangChain builds a new pair of
    httpx clients, and each builds a TLS context by reading the whole CA bundle (about 40 ms each, 3–6 s
    a run). The tests speak plain HTTP to 127.0.0.1: the context is never used, so never changed (ALPN
    is set on it only for a TLS connection), and one shared context is the same as a fresh one.
    """
    module = sys.modules.get("httpcore2")
    build = getattr(module, "default_ssl_context", None)
    if module is not None and build is not None and not hasattr(build, "cache_info"):
        module.default_ssl_context = functools.cache(build)


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """After a test that imported a library (the model path imports langchain lazily): freeze the new
    modules out of the collector and share the TLS context."""
    if len(sys.modules) > _frozen_modules[0] + 100:
        _freeze_imports()
        _share_tls_context()


_test_numbers = itertools.count()


@pytest.fixture
def _test_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This test's own folder under the session's base folder: named, not made (a test that writes no
    file costs no folder; making one is about 0.3 ms on this disk, two a test were 1.5 s a run)."""
    name = re.sub(r"\W", "_", request.node.name)[:30]
    return tmp_path_factory.getbasetemp() / f"{name}-{next(_test_numbers)}"


@pytest.fixture
def tmp_path(_test_folder: Path) -> Path:
    """A fresh folder per test, like pytest's own, made in constant time.

    pytest numbers each test's folder by listing the session's base folder, which holds one folder per
    test run so far: quadratic over a run of 2,500 tests (about 5 s of CPU). A counter needs no listing.
    """
    _test_folder.mkdir(exist_ok=True)  # drafter may have made it already, as the home's parent
    return _test_folder


@pytest.fixture(autouse=True)
def _isolated(_test_folder: Path) -> Iterator[Path]:
    """Point DRAFTER_HOME at a fresh folder and clear OPENAI_* / DRAFTER_* so no real setting leaks in.

    The folder (``drafter-home`` in the test's ``tmp_path``) is not made: drafter makes its home when it
    first writes there, as on a new machine. The environment is saved and restored by hand: every test
    uses this fixture, and pytest's ``monkeypatch`` costs more than the rest of a small test's set-up.
    """
    ours = ("OPENAI_", "DRAFTER_")
    saved = {name: value for name, value in os.environ.items() if name.startswith(ours)}
    for name in saved:
        del os.environ[name]
    home = _test_folder / "drafter-home"
    os.environ["DRAFTER_HOME"] = str(home)
    os.environ["DRAFTER_RETRY_DELAY"] = "0.01"  # fast back-off for transient faults in CLI runs
    yield home
    for name in [name for name in os.environ if name.startswith(ours)]:
        del os.environ[name]
    os.environ.update(saved)


@pytest.fixture
def isolated_env(_isolated: Path) -> Path:
    """This test's DRAFTER_HOME, made (for a test that puts a drafter.toml there or lists what drafter
    wrote)."""
    _isolated.mkdir(parents=True, exist_ok=True)
    return _isolated


@pytest.fixture
def openai_server() -> Iterator[ScriptedServer]:
    """A scripted OpenAI-compatible server on 127.0.0.1; set replies with ``server.set_script(...)``."""
    from drafter.testing import ScriptedServer

    with ScriptedServer() as server:
        yield server


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Return ``run(*args) -> Result``: ``drafter ARGS...`` through its real entry point, in-process."""
    from drafter.cli import state
    from drafter.cli.main import main

    def run(*args: object) -> Result:
        monkeypatch.setattr(sys, "argv", ["drafter", *map(str, args)])
        monkeypatch.setattr(state, "debug", False)
        capsys.readouterr()
        code: int | str | None = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        if not isinstance(code, int):
            code = 0 if code is None else 1
        return Result(code, captured.out, captured.err)

    return run
