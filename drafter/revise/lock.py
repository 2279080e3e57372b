"""One revise per session: an advisory lock beside the session file, holding the owner's process id.

A second ``drafter revise`` on the same session refuses at once with one line naming the holder's pid; the
lock dies with its process (the kernel releases it), so a crash never leaves a session locked.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from drafter.errors import SessionError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; the stale-save check still guards
    fcntl = None  # type: ignore[assignment]


def lock_path(session_path: Path) -> Path:
    """Return the lock file of ``session_path``: ``.<name>.lock`` in the same folder."""
    return session_path.with_name(f".{session_path.name}.lock")


class SessionLock:
    """The lock on one session file, taken by :meth:`acquire` and given back by :meth:`release`."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = session_path
        self.path = lock_path(session_path)
        self._fd: int | None = None

    def acquire(self) -> SessionLock:
        """Take the lock and return self.

        Raises:
            SessionError: Another process holds it; the message names its pid.
        """
        if fcntl is None:
            return self
        for _ in range(5):  # the holder may remove the file between our open and our lock: try again
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return self  # an unwritable folder: the save will say so; there is nothing to guard
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _read_pid(fd)
                os.close(fd)
                raise SessionError(
                    f"the session is open in another drafter revise (pid {holder or 'unknown'})",
                    file=self.session_path,
                    hint="finish that one first (press q there), then run this again",
                ) from None
            if _same_inode(fd, self.path):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self._fd = fd
                return self
            os.close(fd)
        return self

    def release(self) -> None:
        """Give the lock back and remove its file."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _same_inode(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except OSError:
        return False
