"""OS and SQLite errors: one line each with its own exit code, or a warning and a run without the store.

Exit codes: 2 bad input (an output that is an input, a folder, a special file), 3 the disk refused (a full
disk on stdout, an unwritable path). A corrupt cache or log is moved aside and rebuilt; a locked one is
skipped for the rest of the run.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from llm.conftest import GOOD_ZH

from drafter.backends.base import Completion
from drafter.errors import DrafterWarning
from drafter.store import CACHE_MIGRATIONS, LOG_MIGRATIONS, CallRecord, ResponseCache, RunLog
from drafter.testing import ScriptedRequest, ScriptedServer
from hostile.corpus import FACTS, Outcome, corpus_folder, limit_memory, run_batch

pytestmark = pytest.mark.timeout(180)


def _good(request: ScriptedRequest) -> str:
    return GOOD_ZH[request.section or ""]


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    """A server answering every section with supported text."""
    with ScriptedServer(_good) as running:
        yield running


@pytest.fixture(scope="module")
def outcomes(
    server: ScriptedServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Outcome], Path]:
    """Every storage case, in one fresh process under the memory limit."""
    folder, facts = corpus_folder(tmp_path_factory, "hostile-storage")
    model = ["--base-url", server.base_url, "--model", "scripted"]

    corrupt = folder / "corrupt-home"
    corrupt.mkdir()
    (corrupt / "cache.db").write_bytes(b"this is not a database" * 100)
    (corrupt / "logs.db").write_bytes(b"\x00garbage" * 500)
    home_file = folder / "home-is-a-file"
    home_file.write_text("not a folder", encoding="utf-8")
    (folder / "out-folder.md").mkdir()
    (folder / "target.md").write_text("the link's target\n", encoding="utf-8")
    (folder / "link.md").symlink_to(folder / "target.md")
    os.mkfifo(folder / "fifo.md")
    (folder / "existing.md").write_text("keep me\n", encoding="utf-8")

    cases: dict[str, tuple[list[object], dict[str, str]]] = {
        "cache clear on a corrupt cache": (["cache", "clear"], {"DRAFTER_HOME": str(corrupt)}),
        "draft with a corrupt cache and log": (["draft", facts, *model], {"DRAFTER_HOME": str(corrupt)}),
        "logs after the rebuild": (["logs"], {"DRAFTER_HOME": str(corrupt)}),
        "DRAFTER_HOME is a file": (["draft", facts, *model], {"DRAFTER_HOME": str(home_file)}),
        "DRAFTER_HOME cannot be made": (["draft", facts, *model], {"DRAFTER_HOME": "/proc/drafter-home"}),
        "-o is a folder": (["draft", facts, "-o", folder / "out-folder.md", "--force"], {}),
        "-o is the facts file": (["draft", facts, "-o", facts, "--format", "md", "--force"], {}),
        "-o is a symlink": (["draft", facts, "-o", folder / "link.md", "--force"], {}),
        "-o is a FIFO": (["draft", facts, "-o", folder / "fifo.md", "--force"], {}),
        "-o is a device": (["draft", facts, "-o", "/dev/null", "--format", "md", "--force"], {}),
        "-o exists": (["draft", facts, "-o", folder / "existing.md"], {}),
        "-o in a folder that cannot be made": (["draft", facts, "-o", "/proc/drafter/out.md"], {}),
        "-o under a file": (["draft", facts, "-o", folder / "existing.md" / "out.md"], {}),
    }
    results = run_batch(list(cases.values()), folder)
    return dict(zip(cases, results, strict=True)), folder


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
@pytest.mark.parametrize(
    ("name", "code", "needles"),
    [
        ("DRAFTER_HOME is a file", 2, ("home-is-a-file: is a file, not a folder", "DRAFTER_HOME")),
        ("-o is a folder", 2, ("is a folder",)),
        ("-o is the facts file", 2, ("is an input", "even with --force")),
        ("-o is a symlink", 2, ("is a symbolic link",)),
        ("-o is a FIFO", 2, ("is a FIFO",)),
        ("-o is a device", 2, ("is a device",)),
        ("-o exists", 2, ("file exists", "--force")),
        ("-o in a folder that cannot be made", 3, ("cannot write",)),
        ("-o under a file", 3, ("cannot write", "not a folder")),
    ],
)
def test_output_errors_are_one_line(
    name: str, code: int, needles: tuple[str, ...], outcomes: tuple[dict[str, Outcome], Path]
) -> None:
    outcomes[0][name].assert_one_line(code, *needles)


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
def test_nothing_the_user_wrote_is_touched(outcomes: tuple[dict[str, Outcome], Path]) -> None:
    folder = outcomes[1]
    assert (folder / "link.md").is_symlink()
    assert (folder / "target.md").read_text(encoding="utf-8") == "the link's target\n"
    assert (folder / "existing.md").read_text(encoding="utf-8") == "keep me\n"
    assert (folder / "library.yaml").read_text(encoding="utf-8") == FACTS.read_text(encoding="utf-8")


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
def test_a_corrupt_cache_and_log_are_moved_aside_and_rebuilt(
    outcomes: tuple[dict[str, Outcome], Path],
) -> None:
    results, folder = outcomes
    cleared = results["cache clear on a corrupt cache"]
    assert cleared.code == 0, cleared.err
    assert (
        "warning:" in cleared.err and "corrupt" in cleared.err and "cleared 0 cached replies" in cleared.err
    )
    drafted = results["draft with a corrupt cache and log"]
    assert drafted.code == 0 and "Traceback" not in drafted.err, drafted.err
    assert "全年接待读者52000多人次" in drafted.out
    assert "scripted" in results["logs after the rebuild"].out  # the rebuilt log holds the run
    aside = sorted(p.name for p in (folder / "corrupt-home").iterdir())
    assert any(n.startswith("cache.db.corrupt-") for n in aside) and any(
        n.startswith("logs.db.corrupt-") for n in aside
    )


@pytest.mark.slow  # a fresh process under the memory limit runs the whole corpus
def test_a_home_that_cannot_be_made_runs_without_cache_and_log(
    outcomes: tuple[dict[str, Outcome], Path],
) -> None:
    drafted = outcomes[0]["DRAFTER_HOME cannot be made"]
    assert drafted.code == 0 and "Traceback" not in drafted.err, drafted.err
    warned = [line for line in drafted.err.splitlines() if line.startswith("warning:")]
    assert len(warned) == 2 and "without the run log" in warned[0] + warned[1], drafted.err
    assert "全年接待读者52000多人次" in drafted.out


def test_stdout_on_a_full_disk_is_one_line_with_exit_3(facts: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with open("/dev/full", "wb") as full:  # a real file descriptor: the error comes from the OS
        done = subprocess.run(
            [sys.executable, "-m", "drafter", "draft", str(facts)],
            stdout=full, stderr=subprocess.PIPE, env=env, timeout=60, preexec_fn=limit_memory, check=False,
        )  # fmt: skip
    outcome = Outcome(done.returncode, "", done.stderr.decode("utf-8"))
    outcome.assert_one_line(3, "cannot write the output (stdout)", "No space left on device")


def test_a_locked_cache_and_log_are_skipped_with_one_warning(tmp_path: Path) -> None:
    cache, log = (
        ResponseCache(tmp_path / "cache.db", busy_timeout=0.05),
        RunLog(tmp_path / "logs.db", busy_timeout=0.05),
    )
    cache.put("k", "m", Completion(text="t", input_tokens=1, output_tokens=1, latency=0.1))
    run_id = log.start_run("draft", title="t", backend="openai", model="m", base_url=None, prompts=None)
    holders = [sqlite3.connect(tmp_path / name, isolation_level=None) for name in ("cache.db", "logs.db")]
    for holder in holders:
        holder.execute("BEGIN EXCLUSIVE")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.put("k2", "m", Completion(text="t", input_tokens=1, output_tokens=1, latency=0.1))
        assert cache.get("k") is None  # skipped, not waited for
        log.add_call(run_id, _call())
        log.finish_run(run_id, "ok")
    for holder in holders:
        holder.execute("ROLLBACK")
        holder.close()
    messages = [str(w.message) for w in caught if issubclass(w.category, DrafterWarning)]
    assert len(messages) == 2 and all("locked" in m and "running without" in m for m in messages), messages
    assert cache.disabled and log.disabled


def _call() -> CallRecord:
    return CallRecord(
        section="s", purpose="draft", round=0, prompt_version="v1", messages=[], response="r", error=None,
        input_tokens=1, output_tokens=1, latency=0.1, cached=False, check_result=None,
    )  # fmt: skip


def test_databases_of_the_current_and_an_older_layout_open(tmp_path: Path) -> None:
    # Layout 0: a log written before versions existed (the tables of layout 1, user_version 0, no index).
    old = tmp_path / "old" / "logs.db"
    old.parent.mkdir()
    with sqlite3.connect(old) as conn:
        conn.executescript(LOG_MIGRATIONS[0])
        conn.execute(
            "INSERT INTO runs (started, command, status) VALUES ('2026-01-01T00:00:00', 'draft', 'ok')"
        )
    assert RunLog(old).recent_runs()[0]["command"] == "draft"
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(LOG_MIGRATIONS)
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(calls)")}
    assert "calls_by_run" in indexes
    # The current layout opens as it is, and a second opening migrates nothing.
    current = tmp_path / "cache.db"
    ResponseCache(current).put("k", "m", Completion(text="t", input_tokens=1, output_tokens=1, latency=0.1))
    with sqlite3.connect(current) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS)
    assert ResponseCache(current).get("k") is not None


def test_a_database_from_a_newer_drafter_is_left_alone_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(CACHE_MIGRATIONS) + 5}")
    with pytest.warns(DrafterWarning, match="newer than this drafter"):
        assert ResponseCache(path).get("k") is None
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS) + 5


@pytest.mark.slow  # two revise processes, one holding the session lock
def test_a_second_revise_on_a_session_names_the_holder(tmp_path: Path, facts: Path) -> None:
    env = {**os.environ, "EDITOR": "true"}
    command = [sys.executable, "-m", "drafter", "revise", str(facts), "--backend", "offline"]
    first = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path
    )
    try:
        lock = facts.with_name(".library.session.json.lock")
        session = facts.with_name("library.session.json")
        for _ in range(600):
            if session.exists() and lock.exists() and lock.read_text().strip():
                break
            first.poll()
            assert first.returncode is None, first.stderr.read() if first.stderr else ""
            import time

            time.sleep(0.1)
        second = subprocess.run(command, input=b"q\n", capture_output=True, env=env, cwd=tmp_path, timeout=60)
        err = second.stderr.decode("utf-8")
        assert second.returncode == 2 and "Traceback" not in err, err
        error_lines = [line for line in err.splitlines() if line.startswith("error:")]
        assert len(error_lines) == 1 and f"pid {first.pid}" in error_lines[0], err
    finally:
        first.communicate(b"q\n", timeout=60)
    assert first.returncode == 0
    assert not lock.exists()
