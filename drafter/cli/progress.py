"""Drafting progress: a live table on a terminal; otherwise a line per finished section and, every 30 s,
one plain line saying what is still running (tokens received, attempt), so a log shows the run is alive.

Driven by :class:`drafter.drafting.SectionEvent` through ``on_event``; events may arrive from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from drafter.drafting import SectionEvent

STYLES = {
    "queued": "dim",
    "drafting": "yellow",
    "checking": "cyan",
    "repairing": "magenta",
    "done": "green",
    "failed": "bold red",
}
FINAL = ("done", "failed")
# Seconds between the plain "still running" lines written without a terminal.
HEARTBEAT = 30.0


@dataclass
class _Row:
    label: str
    state: str = "queued"
    detail: str = ""
    started: float | None = None
    ended: float | None = None


class Progress:
    """Shows each section's state and elapsed time while a report is drafted.

    Use as a context manager and pass :meth:`on_event` to :func:`drafter.drafting.draft`.

    Args:
        console: Where to draw (stderr); a live table if it is a terminal, plain lines otherwise.
        clock: Seconds, monotonic (injected for tests).
    """

    def __init__(
        self, console: Console, *, clock: Callable[[], float] = time.monotonic, heartbeat: float = HEARTBEAT
    ) -> None:
        self.console = console
        self.clock = clock
        self.heartbeat = heartbeat
        self.rows: dict[str, _Row] = {}
        self._lock = threading.Lock()
        self._live: Live | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.console.is_terminal:
            self._live = Live(
                self._table(),
                console=self.console,
                refresh_per_second=8,
                transient=False,
                get_renderable=self._table,
            )
            self._live.__enter__()
        else:
            self._ticker = threading.Thread(target=self._tick, name="drafter-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._live is not None:
            self._live.__exit__(exc_type, exc, tb)

    def _tick(self) -> None:
        while not self._stop.wait(self.heartbeat):
            line = self.still_running()
            if line:
                self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def still_running(self) -> str:
        """Return one plain line naming every section not finished yet, with its state and time."""
        with self._lock:
            busy = [r for r in self.rows.values() if r.state not in FINAL]
            parts = [
                f"{r.label} ({r.state}{', ' + r.detail if r.detail else ''}, {self._elapsed(r) or 'waiting'})"
                for r in busy
            ]
        return f"still running: {'; '.join(parts)}" if parts else ""

    def on_event(self, event: SectionEvent) -> None:
        """Record ``event``; without a live display print a line when a section finishes."""
        with self._lock:
            row = self.rows.setdefault(event.section, _Row(label=event.heading or event.section))
            now = self.clock()
            if event.state not in ("queued",) and row.started is None:
                row.started = now
            if event.state in FINAL:
                row.ended = now
            row.state, row.detail = event.state, event.detail
            line = self._line(row) if self._live is None and event.state in FINAL else None
        if line is not None:
            self.console.print(line, highlight=False, soft_wrap=True)

    def _elapsed(self, row: _Row) -> str:
        if row.started is None:
            return ""
        end = row.ended if row.ended is not None else self.clock()
        return f"{end - row.started:.1f} s"

    def _line(self, row: _Row) -> Text:
        text = Text.assemble((f"{row.state:<6}", STYLES[row.state]), f" {row.label} ({self._elapsed(row)})")
        if row.detail:
            text.append(f" — {row.detail}")
        return text

    def _table(self) -> Any:
        table = Table(box=None, show_header=True, header_style="bold")
        for name in ("section", "state", "time", ""):
            table.add_column(name)
        with self._lock:
            for row in self.rows.values():
                table.add_row(
                    row.label,
                    Text(row.state, STYLES[row.state]),
                    self._elapsed(row),
                    Text(row.detail, overflow="ellipsis", no_wrap=True),
                )
        return table
