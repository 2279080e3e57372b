"""Process-wide CLI state: the --debug flag and the consoles (created lazily)."""

from __future__ import annotations

from functools import cache

from rich.console import Console

debug: bool = False

# No emoji codes: ":cd:" in a draft or a fact is text, not 💿 (and rich need not load its emoji table).


@cache
def stdout() -> Console:
    """The console for results (stdout)."""
    return Console(highlight=False, emoji=False)


@cache
def stderr() -> Console:
    """The console for messages and errors (stderr)."""
    return Console(stderr=True, highlight=False, emoji=False)
