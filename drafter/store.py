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
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from drafter.chat import Completion, Message
from drafter.errors import ConfigError, DrafterWarning, InputError, StorageError
from drafter.redact import mask, redact_url
from drafter.settings import drafter_home

# Numbered migrations: entry i brings a database from layout i to layout i + 1 (PRAGMA user_version).
# Layout 0 is an empty file or a database written before versions existed (same tables as layout 1).
CACHE_MIGRATIONS: tuple[str, ...] = (
    """
CREATE TABLE IF NOT EXISTS responses (
  key TEXT PRIMARY KEY, model TEXT, text TEXT NOT NULL, input_tokens INTEGER, output_tokens INTEGER,
  created TEXT NOT NULL);
""",
)
LOG_MIGRATIONS: tuple[str, ...] = (
    """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT, command TEXT NOT NULL,
  title TEXT, backend TEXT, model TEXT, base_url TEXT, prompts TEXT, status TEXT NOT NULL DEFAULT 'running');
CREATE TABLE IF NOT EXISTS calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES runs(id), section TEXT,
  purpose TEXT, round INTEGER, prompt_version TEXT, messages TEXT, response TEXT, error TEXT,
  input_tokens INTEGER, output_tokens INTEGER, latency REAL, cached INTEGER, check_result TEXT,
  created TEXT NOT NULL);
""",
    # 2: `drafter logs show` reads one run's calls; without an index that scans every call ever logged.
    "CREATE INDEX IF NOT EXISTS calls_by_run ON calls(run_id);",
)
# Seconds to wait for another process's write lock before running without the database.
BUSY_TIMEOUT = 5.0
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Unavailable(Exception):
    """The database cannot be used now (locked, read-only, newer layout); the caller runs without it."""


_migrated: set[tuple[Path, int]] = set()
_migrated_lock = threading.Lock()


@contextmanager
def _connect(
    path: Path, migrations: tuple[str, ...], timeout: float = BUSY_TIMEOUT
) -> Iterator[sqlite3.Connection]:
    """Open ``path`` (migrated to the latest layout) in a transaction: commit on success, roll back on error.

    Raises:
        ConfigError: The database's folder is a file.
        Unavailable: The folder cannot be made, or the database is locked, read-only, corrupt (see
            :func:`_is_corrupt`) or newer.
    """
    _make_folder(path.parent)
    try:
        with closing(sqlite3.connect(path, timeout=timeout)) as conn:
            conn.row_factory = sqlite3.Row
            # No fsync per commit (each cost ~14 ms on a busy disk): the cache is rebuildable and the log
            # is not precious. A crash of drafter loses nothing; only a power cut mid-write can corrupt
            # a database, and a corrupt one is moved aside and started afresh (``_Store._use``).
            conn.execute("PRAGMA synchronous = OFF")
            _migrate(conn, path, migrations)
            with conn:
                yield conn
    except sqlite3.DatabaseError as exc:
        raise Unavailable(_sqlite_reason(exc)) from exc
    except OSError as exc:
        raise Unavailable(exc.strerror or str(exc)) from exc


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ConfigError(
            "is a file, not a folder", file=folder, hint="point DRAFTER_HOME at a folder (or unset it)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # an unwritable place: run without the store rather than not at all
        raise Unavailable(f"cannot make the folder {folder}: {exc.strerror}") from None


def _migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[str, ...]) -> None:
    """Bring the database to layout ``len(migrations)``, each step in one transaction with the version."""
    latest = len(migrations)
    key = (path.resolve(), latest)
    if key in _migrated:
        return
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > latest:
        raise sqlite3.OperationalError(f"layout {version} is newer than this drafter knows ({latest})")
    if version < latest:
        level = conn.isolation_level
        conn.isolation_level = None  # manual transactions: a concurrent process must not migrate twice
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for number in range(version, latest):
                for statement in _statements(migrations[number]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {max(version, latest)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.isolation_level = level
    with _migrated_lock:
        _migrated.add(key)


def _statements(script: str) -> list[str]:
    return [f"{s.strip()};" for s in script.split(";") if s.strip()]


def _sqlite_reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    return "it is locked by another drafter" if "locked" in text else text


def _is_corrupt(reason: str) -> bool:
    return "not a database" in reason or "malformed" in reason or "corrupt" in reason


def _move_aside(path: Path, clock: Clock) -> Path:
    """Rename a corrupt database to ``<name>.corrupt-<stamp>`` (nothing is deleted); return the new path."""
    aside = path.with_name(f"{path.name}.corrupt-{clock().strftime('%Y%m%d%H%M%S')}")
    try:
        path.replace(aside)
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(f"corrupt, and cannot be moved aside: {exc.strerror}", file=path) from None
    with _migrated_lock:
        _migrated.difference_update({k for k in _migrated if k[0] == path.resolve()})
    return aside


T = TypeVar("T")


class _Store:
    """A SQLite file that degrades instead of failing: corrupt → moved aside and rebuilt; locked → skipped.

    Attributes:
        path: The database file.
        disabled: Why the store is no longer used in this process (``None`` while it works).
    """

    label = "database"
    default_name = ""
    migrations: tuple[str, ...] = ()

    def __init__(
        self, path: Path | None = None, *, clock: Clock = _now, busy_timeout: float = BUSY_TIMEOUT
    ) -> None:
        self.path = path or drafter_home() / self.default_name
        self._clock = clock
        self._timeout = busy_timeout
        self.disabled: str | None = None
        self._lock = threading.Lock()

    def _use(self, action: Callable[[sqlite3.Connection], T], default: T, *, needed: bool = False) -> T:
        """Return ``action(conn)`` run in one transaction, or ``default`` when the database is unusable.

        Args:
            action: What to do with the connection.
            default: What to return when the store cannot be used (a warning says why, once).
            needed: Raise instead: the command exists only to use this database.

        Raises:
            StorageError: ``needed`` and the database is unusable.
        """
        reason = self.disabled
        for attempt in (1, 2):
            if reason is not None:
                break
            try:
                with _connect(self.path, self.migrations, self._timeout) as conn:
                    return action(conn)
            except Unavailable as exc:
                reason = str(exc)
            if attempt == 1 and _is_corrupt(reason):
                aside = _move_aside(self.path, self._clock)
                _warn(f"{self.path} was corrupt ({reason}); moved it to {aside.name} and started a new one")
                reason = None
        if needed:
            raise StorageError(f"cannot use the {self.label}: {reason}", file=self.path)
        with self._lock:
            first, self.disabled = self.disabled is None, reason
        if first:
            _warn(f"cannot use {self.path} ({reason}); running without the {self.label}")
        return default

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")


def _warn(message: str) -> None:
    warnings.warn(DrafterWarning(message), stacklevel=4)


def cache_key(model: str, base_url: str | None, messages: list[Message], params: dict[str, Any]) -> str:
    """Return the cache key of a request: a SHA-256 of model, base URL, messages and parameters."""
    payload = {"model": model, "base_url": base_url or "", "messages": messages, "params": params}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResponseCache(_Store):
    """Model replies keyed by request. Only successful replies are ever stored.

    A corrupt cache.db is moved aside and rebuilt; a locked or read-only one is skipped for the rest of the
    process (with one warning): drafting goes on without a cache.
    """

    label = "response cache"
    default_name = "cache.db"
    migrations = CACHE_MIGRATIONS

    def get(self, key: str) -> Completion | None:
        """Return the cached reply for ``key`` (marked ``cached``), or ``None``."""
        if not self.path.exists():
            return None
        row = self._use(
            lambda conn: conn.execute("SELECT * FROM responses WHERE key = ?", (key,)).fetchone(), None
        )
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
        """Store a successful reply under ``key`` (nothing happens when the cache is unusable)."""
        row = (key, model, completion.text, completion.input_tokens, completion.output_tokens, self._stamp())
        self._use(
            lambda conn: conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)", row), None
        )

    def clear(self) -> int:
        """Delete every cached reply; return how many there were (a corrupt cache is moved aside first).

        Raises:
            StorageError: The cache cannot be written (locked, read-only).
        """
        if not self.path.exists():
            return 0

        def clear(conn: sqlite3.Connection) -> int:
            count = int(conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
            conn.execute("DELETE FROM responses")
            return count

        return self._use(clear, 0, needed=True)


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


class RunLog(_Store):
    """The run log: one row per run, one per model request.

    Like the cache, a corrupt log is moved aside and rebuilt, and a locked or read-only one is skipped with
    a warning: a run is never lost for want of its log. Replies, errors and base URLs are stored masked.
    """

    label = "run log"
    default_name = "logs.db"
    migrations = LOG_MIGRATIONS

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
        """Open a run and return its id (0 when the log is unusable)."""
        row = (self._stamp(), command, title, backend, model, redact_url(base_url), prompts)

        def start(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO runs (started, command, title, backend, model, base_url, prompts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

        return self._use(start, 0)

    def add_call(self, run_id: int, call: CallRecord) -> None:
        """Append one request to run ``run_id`` (nothing happens for run 0, an unlogged run)."""
        if not run_id:
            return
        row = (
            run_id,
            call.section,
            call.purpose,
            call.round,
            call.prompt_version,
            json.dumps(call.messages, ensure_ascii=False),
            mask(call.response) if call.response else call.response,
            mask(call.error) if call.error else call.error,
            call.input_tokens,
            call.output_tokens,
            round(call.latency, 4),
            int(call.cached),
            json.dumps(call.check_result, ensure_ascii=False) if call.check_result else None,
            self._stamp(),
        )
        self._use(
            lambda conn: conn.execute(
                "INSERT INTO calls (run_id, section, purpose, round, prompt_version, messages, response,"
                " error, input_tokens, output_tokens, latency, cached, check_result, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            ),
            None,
        )

    def finish_run(self, run_id: int, status: str) -> None:
        """Close run ``run_id`` with ``status`` (ok, unsupported, failed)."""
        if not run_id:
            return
        row = (self._stamp(), status, run_id)
        self._use(
            lambda conn: conn.execute("UPDATE runs SET finished = ?, status = ? WHERE id = ?", row), None
        )

    def recent_runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """Return the latest runs, newest first, with request and token totals.

        Raises:
            StorageError: The log cannot be read.
        """
        if not self.path.exists():
            return []
        rows: list[sqlite3.Row] = self._use(
            lambda conn: conn.execute(
                "SELECT runs.*, COUNT(calls.id) AS requests, SUM(calls.cached) AS cached,"
                " SUM(calls.input_tokens) AS input_tokens, SUM(calls.output_tokens) AS output_tokens"
                " FROM runs LEFT JOIN calls ON calls.run_id = runs.id"
                " GROUP BY runs.id ORDER BY runs.id DESC LIMIT ?",
                (limit,),
            ).fetchall(),
            [],
            needed=True,
        )
        return [dict(r) for r in rows]

    def run(self, run_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Return run ``run_id`` and its requests in order.

        Raises:
            InputError: There is no such run.
            StorageError: The log cannot be read.
        """

        def read(conn: sqlite3.Connection) -> tuple[Any, list[sqlite3.Row]]:
            run = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
            calls = conn.execute("SELECT * FROM calls WHERE run_id = ? ORDER BY id", (run_id,)).fetchall()
            return run, calls

        nothing: tuple[Any, list[sqlite3.Row]] = (None, [])
        run, calls = self._use(read, nothing, needed=True) if self.path.exists() else nothing
        if run is None:
            raise InputError(
                f"no run {run_id} in the log", file=self.path, hint="list runs with drafter logs"
            )
        return dict(run), [_decoded(dict(c)) for c in calls]


def _decoded(call: dict[str, Any]) -> dict[str, Any]:
    call["messages"] = json.loads(call["messages"] or "[]")
    call["check_result"] = json.loads(call["check_result"]) if call["check_result"] else None
    return call
