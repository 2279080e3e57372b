"""Atomic file writes: a temp file in the same folder, then a rename, so a crash never leaves half a file.

Only an ordinary file is ever replaced: a symbolic link, FIFO, device node or folder at the destination is
refused even with ``force`` (replacing a link would cut it; writing through it would reach its target). An
OS error (no permission, a full disk, a missing folder) becomes one :class:`StorageError` naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from drafter.errors import InputError, OutputExistsError, StorageError
from drafter.limits import special_kind


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
    check_writable(target, force=force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _storage_error(exc, target) from None
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _storage_error(exc, target) from None
        raise
    return target


def check_writable(target: Path, *, force: bool = False) -> None:
    """Raise unless ``target`` may be written: absent, or an ordinary file and ``force``.

    Raises:
        OutputExistsError: ``target`` is an existing file and ``force`` is false.
        InputError: ``target`` is a folder, symbolic link, FIFO, device node or socket.
    """
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _storage_error(exc, target) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"is a {special_kind(info.st_mode)}; drafter writes only ordinary files",
            file=target,
            hint="give the path of a new or ordinary file",
        )
    if not force:
        raise OutputExistsError(
            "file exists; refusing to overwrite", file=target, hint="pass --force to replace it"
        )


def refuse_inputs(output: Path, *inputs: Path | None) -> None:
    """Raise when ``output`` is one of ``inputs`` (the same file by any path): never write onto an input.

    Raises:
        InputError: ``output`` names an input file; ``--force`` does not change that.
    """
    for source in inputs:
        if source is not None and _same_file(output, source):
            raise InputError(
                f"is an input ({source.name}); refusing to write onto it, even with --force",
                file=output,
                hint="write the output to another path",
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _storage_error(exc: OSError, target: Path) -> StorageError:
    hints = {
        "ENOSPC": "free some disk space and try again",
        "EACCES": "choose a folder you may write to",
        "EROFS": "the file system is read-only; choose another folder",
        "ENOTDIR": "a part of the path is a file, not a folder",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    return StorageError(f"cannot write: {exc.strerror or exc}", file=target, hint=hints.get(name))


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
