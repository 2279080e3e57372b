"""Input guards: regular files only, size caps, a nesting cap and a cap on a model reply.

Every input drafter reads (facts, drafts, sessions, drafter.toml) goes through :func:`read_regular`, so a FIFO
never blocks, a link to /dev/zero never fills memory and a folder gets one line. The caps are policies with
defaults a real report never reaches; the environment can raise them (``DRAFTER_MAX_FACTS_MB``,
``DRAFTER_MAX_DRAFT_MB``, ``DRAFTER_MAX_REPLY_CHARS``).
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError, DrafterError, InputError

MB = 1024 * 1024
# Default caps: far above any real facts file, draft or model reply.
FACTS_MB = 20
DRAFT_MB = 50
SESSION_MB = 200
CONFIG_MB = 1
REPLY_CHARS = 200_000
# A facts file is 4-5 levels deep; 64 leaves room for any honest structure.
MAX_DEPTH = 64


def cap_bytes(kind: str) -> int:
    """Return the size cap in bytes for inputs of ``kind`` (facts, draft, session, config).

    Raises:
        ConfigError: ``DRAFTER_MAX_<KIND>_MB`` is set but not a positive number.
    """
    default = {"facts": FACTS_MB, "draft": DRAFT_MB, "session": SESSION_MB, "config": CONFIG_MB}[kind]
    return int(_env_number(f"DRAFTER_MAX_{kind.upper()}_MB", default) * MB)


def reply_cap() -> int:
    """Return the most characters one model reply (one section) may have."""
    return int(_env_number("DRAFTER_MAX_REPLY_CHARS", REPLY_CHARS))


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"expected a positive number, got '{raw}'", field=name)
    return value


def read_regular(
    path: Path, kind: str, error: type[DrafterError] = InputError, *, what: str | None = None
) -> bytes:
    """Return the bytes of the regular file at ``path``, refusing special files and files over the cap.

    Args:
        path: The file to read (a symlink is followed; its target must be a regular file).
        kind: The cap to apply: ``facts``, ``draft``, ``session`` or ``config``.
        error: The error class to raise.
        what: How to name the file in messages (default: ``kind`` + " file").

    Raises:
        DrafterError: (of class ``error``) missing, a folder, a FIFO/device/socket, too big, unreadable.
    """
    name = what or f"{kind} file"
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error("no such file", file=path, hint="check the path") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"is a folder, not a {name}", file=path, hint="give the path of a file")
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"is a {special_kind(info.st_mode)}, not a regular file",
            file=path,
            hint=f"give the path of an ordinary {name}",
        )
    cap = cap_bytes(kind)
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)  # a file may grow, or lie about its size: never read past the cap
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=path) from None
    if len(data) > cap:
        raise error(
            f"{name} is larger than {cap // MB} MB",
            file=path,
            hint=f"set DRAFTER_MAX_{kind.upper()}_MB to allow larger files",
        )
    return data


def special_kind(mode: int) -> str:
    """Return a name for the kind of a non-regular file (``FIFO``, ``device``, ``socket``, ``symlink``)."""
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def check_depth(data: Any, path: str | Path, error: type[DrafterError] = InputError) -> None:
    """Raise ``error`` when ``data`` (parsed JSON/YAML/TOML) is nested deeper than :data:`MAX_DEPTH`.

    The walk is iterative and visits each container once, so shared (aliased) values cost nothing extra.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        if depth > MAX_DEPTH:
            raise too_deep(path, error)
        seen.add(id(value))
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children)


def too_deep(path: str | Path, error: type[DrafterError] = InputError) -> DrafterError:
    """Return the one-line error for a structure nested beyond the cap."""
    return error(
        f"nested more than {MAX_DEPTH} levels deep",
        file=path,
        hint="a facts or session file needs only a few levels; is this the right file?",
    )


@contextmanager
def nesting_guard(path: str | Path, error: type[DrafterError] = InputError) -> Iterator[None]:
    """Turn a ``RecursionError`` raised by a parser inside the block into the one-line nesting error."""
    try:
        yield
    except RecursionError:
        raise too_deep(path, error) from None


def too_many_digits(path: str | Path, error: type[DrafterError] = InputError) -> DrafterError:
    """Return the one-line error for a number longer than Python converts (4,300 digits)."""
    return error(
        "a number has more than 4,300 digits", file=path, hint="no report figure is that long; check the file"
    )


def check_reply(text: str, where: str) -> str:
    """Return a model's reply fit to use: within the cap (else a one-line error), control characters removed.

    A reply is checked before anything else reads it: an oversized one fails its section; an ESC or NUL
    in it would reach the terminal, the session and Word (which cannot store them).

    Args:
        text: The reply of a model for one section.
        where: Who sent it (a base URL, secrets removed), for the message.
    """
    from drafter.errors import BackendError

    cap = reply_cap()
    if len(text) > cap:
        raise BackendError(
            f"the reply from {where} has {len(text):,} characters, more than the {cap:,} a section may have",
            hint="set DRAFTER_MAX_REPLY_CHARS to allow longer replies",
        )
    from drafter.text import without_control

    return without_control(text)


def loads_toml(text: str, path: str | Path, error: type[DrafterError]) -> dict[str, Any]:
    """Parse TOML ``text``; a syntax error or a too-deep nesting becomes one line with line and column.

    The one reading of TOML errors (facts files and drafter.toml word them alike).

    Raises:
        DrafterError: (of class ``error``) ``TOML syntax error: invalid value`` at the place tomllib names.
    """
    import tomllib  # here, not at start-up: drafter check reads no TOML

    try:
        with nesting_guard(path, error):
            data = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError is one; a 5,000-digit integer is another
        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise too_many_digits(path, error) from exc
        # Python < 3.14 puts the position only in the text: "Invalid value (at line 3, column 9)".
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)", str(exc))
        message = str(exc)[: found.start()] if found else re.sub(r"\s*\(at end of document\)", "", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        raise error(
            f"TOML syntax error: {message[:1].lower()}{message[1:]}", file=path, line=line, column=column
        ) from exc
    check_depth(data, path, error)
    return data
