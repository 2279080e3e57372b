"""Atomic file writes: a temp file in the same folder, then a rename, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import OutputExistsError


def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically.

    Args:
        path: Destination file.
        data: Text (written as UTF-8) or bytes.
        force: Overwrite an existing file; without it an existing file raises.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(
            "file exists; refusing to overwrite", file=target, hint="pass --force to replace it"
        )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _mode_for(target: Path) -> int:
    """Return the permission bits the written file should have.

    mkstemp creates files readable by the owner only; a report is an ordinary document, so it gets the
    mode of the file it replaces, or what the umask gives a new file (usually 0644).
    """
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
