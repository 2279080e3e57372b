"""SQLite stores in $DRAFTER_HOME: the response cache (cache.db) and the run log (logs.db).

Neither ever sees an API key: the cache key is made of model, base URL, messages and parameters; the log
holds messages, replies, token usage, latency and check results. Each call opens its own connection, so
sections drafted in parallel threads can write safely.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.chat import Completion, Message
from drafter.errors import InputError
from drafter.settings import drafter_home

CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
  key TEXT PRIMARY KEY, model TEXT, text TEXT NOT NULL, input_tokens INTEGER, output_tokens INTEGER,
  created TEXT NOT NULL)
"""
LOG_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT, command TEXT NOT NULL,
  title TEXT, backend TEXT, model TEXT, base_url TEXT, prompts TEXT, status TEXT NOT NULL DEFAULT 'running');
CREATE TABLE IF NOT EXISTS calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES runs(id), section TEXT,
  purpose TEXT, round INTEGER, prompt_version TEXT, messages TEXT, response TEXT, error TEXT,
  input_tokens INTEGER, output_tokens INTEGER, latency REAL, cached INTEGER, check_result TEXT,
  created TEXT NOT NULL);
"""
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextmanager
def _connect(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        conn.row_factory = sqlite3.Row
        conn.executescript(schema)
        with conn:  # commit on success, roll back on error
            yield conn


def cache_key(model: str, base_url: str | None, messages: list[Message], params: dict[str, Any]) -> str:
    """Return the cache key of a request: a SHA-256 of model, base URL, messages and parameters."""
    payload = {"model": model, "base_url": base_url or "", "messages": messages, "params": params}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResponseCache:
    """Model replies keyed by request. Only successful replies are ever stored."""

    def __init__(self, path: Path | None = None, *, clock: Clock = _now) -> None:
        self.path = path or drafter_home() / "cache.db"
        self._clock = clock

    def get(self, key: str) -> Completion | None:
        """Return the cached reply for ``key`` (marked ``cached``), or ``None``."""
        if not self.path.exists():
            return None
        with _connect(self.path, CACHE_SCHEMA) as conn:
            row = conn.execute("SELECT * FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return Completion(
            text=row["text"],
            input_tokens=row["input_tokens"],
            output_tokens=row["output_tokens"],
            latency=0.0,
            cached=True,
        )

    def put(self, key: str, model: str, completion: Completion) -> None:
        """Store a successful reply under ``key``."""
        with _connect(self.path, CACHE_SCHEMA) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    model,
                    completion.text,
                    completion.input_tokens,
                    completion.output_tokens,
                    self._clock().isoformat(timespec="seconds"),
                ),
            )

    def clear(self) -> int:
        """Delete every cached reply; return how many there were."""
        if not self.path.exists():
            return 0
        with _connect(self.path, CACHE_SCHEMA) as conn:
            count = int(conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
            conn.execute("DELETE FROM responses")
        return count


@dataclass(frozen=True)
class CallRecord:
    """One model request as logged: what was sent, what came back, and what the checker said."""

    section: str
    purpose: str
    round: int
    prompt_version: str
    messages: list[Message]
    response: str | None
    error: str | None
    input_tokens: int | None
    output_tokens: int | None
    latency: float
    cached: bool
    check_result: dict[str, Any] | None


class RunLog:
    """The run log: one row per run, one per model request."""

    def __init__(self, path: Path | None = None, *, clock: Clock = _now) -> None:
        self.path = path or drafter_home() / "logs.db"
        self._clock = clock

    def start_run(
        self,
        command: str,
        *,
        title: str,
        backend: str,
        model: str | None,
        base_url: str | None,
        prompts: str | None,
    ) -> int:
        """Open a run and return its id."""
        with _connect(self.path, LOG_SCHEMA) as conn:
            cursor = conn.execute(
                "INSERT INTO runs (started, command, title, backend, model, base_url, prompts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._stamp(), command, title, backend, model, base_url, prompts),
            )
            return int(cursor.lastrowid or 0)

    def add_call(self, run_id: int, call: CallRecord) -> None:
        """Append one request to run ``run_id``."""
        with _connect(self.path, LOG_SCHEMA) as conn:
            conn.execute(
                "INSERT INTO calls (run_id, section, purpose, round, prompt_version, messages, response,"
                " error,"
                " input_tokens, output_tokens, latency, cached, check_result, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    call.section,
                    call.purpose,
                    call.round,
                    call.prompt_version,
                    json.dumps(call.messages, ensure_ascii=False),
                    call.response,
                    call.error,
                    call.input_tokens,
                    call.output_tokens,
                    round(call.latency, 4),
                    int(call.cached),
                    json.dumps(call.check_result, ensure_ascii=False) if call.check_result else None,
                    self._stamp(),
                ),
            )

    def finish_run(self, run_id: int, status: str) -> None:
        """Close run ``run_id`` with ``status`` (ok, unsupported, failed)."""
        with _connect(self.path, LOG_SCHEMA) as conn:
            conn.execute(
                "UPDATE runs SET finished = ?, status = ? WHERE id = ?", (self._stamp(), status, run_id)
            )

    def recent_runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """Return the latest runs, newest first, with request and token totals."""
        if not self.path.exists():
            return []
        with _connect(self.path, LOG_SCHEMA) as conn:
            rows = conn.execute(
                "SELECT runs.*, COUNT(calls.id) AS requests, SUM(calls.cached) AS cached,"
                " SUM(calls.input_tokens) AS input_tokens, SUM(calls.output_tokens) AS output_tokens"
                " FROM runs LEFT JOIN calls ON calls.run_id = runs.id"
                " GROUP BY runs.id ORDER BY runs.id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(r) for r in rows]

    def run(self, run_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Return run ``run_id`` and its requests in order.

        Raises:
            InputError: There is no such run.
        """
        with _connect(self.path, LOG_SCHEMA) as conn:
            run = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
            calls = conn.execute("SELECT * FROM calls WHERE run_id = ? ORDER BY id", (run_id,)).fetchall()
        if run is None:
            raise InputError(
                f"no run {run_id} in the log", file=self.path, hint="list runs with drafter logs"
            )
        return dict(run), [_decoded(dict(c)) for c in calls]

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")


def _decoded(call: dict[str, Any]) -> dict[str, Any]:
    call["messages"] = json.loads(call["messages"] or "[]")
    call["check_result"] = json.loads(call["check_result"]) if call["check_result"] else None
    return call
