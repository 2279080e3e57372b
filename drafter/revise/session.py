"""The revise session: every section's full version history, kept in a JSON file next to the facts.

The file shape (``version`` 1) is stable; new keys may be added, none removed::

    {"version": 1, "facts": "county-2025.yaml", "facts_sha256": "…", "kind": "work-summary",
     "language": "zh", "position": 1,
     "sections": [{"id": "overview", "accepted": true, "current": 0,
                   "versions": [{"text": "…", "origin": "offline", "instruction": null,
                                 "created": "2026-11-28T10:00:00Z",
                                 "check": {"mentions": 3, "unsupported": 0}}]}]}

``facts`` is relative to the session file's folder; ``position`` is the 0-based index of the section on
screen; ``current`` indexes ``versions``. Versions are never deleted: undo moves ``current`` back, a new
version is appended at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from drafter.atomic import write_atomic
from drafter.errors import DrafterError, SessionError
from drafter.facts.models import Facts
from drafter.limits import check_depth, nesting_guard, read_regular
from drafter.numbers import check
from drafter.numbers.report import CheckReport
from drafter.sections import Draft
from drafter.text import one_line

SESSION_VERSION = 1
SESSION_SUFFIX = ".session.json"

Clock = Callable[[], dt.datetime]


class CheckSummary(BaseModel):
    """The check result of one version, as counts."""

    mentions: int = 0
    unsupported: int = 0

    @classmethod
    def of(cls, report: CheckReport) -> CheckSummary:
        """Return the summary of ``report``."""
        return cls(mentions=len(report.mentions), unsupported=len(report.failures))


class Version(BaseModel):
    """One version of a section's text and how it came to be.

    Attributes:
        origin: offline, generated, repaired, instruction or edited.
        instruction: The user's instruction, for ``instruction`` versions.
        created: UTC timestamp, ``2026-11-28T10:00:00Z``.
    """

    text: str
    origin: str
    instruction: str | None = None
    created: str
    check: CheckSummary = Field(default_factory=CheckSummary)


class SectionState(BaseModel):
    """A section's versions, which one is current, and whether it is accepted."""

    id: str
    accepted: bool = False
    current: int = 0
    versions: list[Version] = Field(min_length=1)

    @property
    def version(self) -> Version:
        """The current version."""
        return self.versions[self.current]

    def add(self, version: Version) -> None:
        """Append ``version`` to the history and make it current (the section is no longer accepted)."""
        self.versions.append(version)
        self.current = len(self.versions) - 1
        self.accepted = False


class Session(BaseModel):
    """A whole revise session (see the module docstring for the JSON shape)."""

    version: int = SESSION_VERSION
    facts: str
    facts_sha256: str
    kind: str
    language: str
    position: int = 0
    sections: list[SectionState] = Field(min_length=1)

    @property
    def section(self) -> SectionState:
        """The section on screen."""
        return self.sections[self.position]

    def facts_path(self, session_path: Path) -> Path:
        """Return the facts file's path, resolved against the session file's folder."""
        return (session_path.parent / self.facts).resolve()


def timestamp(clock: Clock) -> str:
    """Return ``clock()`` as a UTC ISO timestamp ending in ``Z``."""
    return clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_stamp(path: Path) -> tuple[int, int] | None:
    """Return (mtime in ns, size) of ``path``, to notice another process saving it; None when absent."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def default_session_path(facts_path: Path) -> Path:
    """Return ``<facts-stem>.session.json`` next to the facts file."""
    return facts_path.with_name(facts_path.stem + SESSION_SUFFIX)


def relative_facts(facts_path: Path, session_path: Path) -> str:
    """Return the facts path relative to the session file's folder (POSIX separators)."""
    rel = os.path.relpath(facts_path.resolve(), session_path.resolve().parent)
    return Path(rel).as_posix()


def is_session_file(path: Path) -> bool:
    """Return True when ``path`` looks like a revise session (a JSON object with sections and a hash)."""
    if path.name.endswith(SESSION_SUFFIX):
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        data = json.loads(read_regular(path, "session", SessionError))
    except (DrafterError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "facts_sha256" in data and "sections" in data


def load_session(path: Path) -> Session:
    """Read and validate the session file at ``path``.

    Raises:
        SessionError: The file is missing, not JSON, of another version or not a session.
    """
    if not path.exists():
        raise SessionError("no such session file", file=path, hint="start one with 'drafter revise FACTS'")
    raw = read_regular(path, "session", SessionError, what="session file")
    try:
        with nesting_guard(path, SessionError):
            data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SessionError(
            f"corrupt session file: {one_line(str(exc))}",
            file=path,
            hint="delete it to start again from the facts",
        ) from exc
    check_depth(data, path, SessionError)
    if isinstance(data, dict) and data.get("version") != SESSION_VERSION:
        raise SessionError(
            f"unsupported session version {data.get('version')!r}",
            file=path,
            field="version",
            hint=f"this drafter reads version {SESSION_VERSION}",
        )
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        raise SessionError(
            f"corrupt session file: {err['msg']}",
            file=path,
            field=field,
            hint="delete it to start again from the facts",
        ) from exc
    _check_indexes(session, path)
    return session


def _check_indexes(session: Session, path: Path) -> None:
    """Raise SessionError when ``position`` or a ``current`` points outside its list."""
    if not 0 <= session.position < len(session.sections):
        raise SessionError("position out of range", file=path, field="position")
    for i, section in enumerate(session.sections):
        if not 0 <= section.current < len(section.versions):
            raise SessionError("current version out of range", file=path, field=f"sections.{i}.current")


def save_session(session: Session, path: Path) -> Path:
    """Write ``session`` to ``path`` atomically (replacing the previous save)."""
    text = json.dumps(session.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    return write_atomic(path, text, force=True)


def make_version(
    text: str, origin: str, facts: Facts, clock: Clock, instruction: str | None = None
) -> Version:
    """Return a new version of ``text``, checked against ``facts`` and stamped with ``clock``."""
    return Version(
        text=text,
        origin=origin,
        instruction=instruction,
        created=timestamp(clock),
        check=CheckSummary.of(check(text, facts)),
    )


def new_session(draft: Draft, facts: Facts, facts_path: Path, session_path: Path, clock: Clock) -> Session:
    """Return a fresh session whose first version of every section is the text of ``draft``."""
    sections = [
        SectionState(id=s.id, versions=[make_version(s.text, s.origin, facts, clock)]) for s in draft.sections
    ]
    return Session(
        facts=relative_facts(facts_path, session_path),
        facts_sha256=file_sha256(facts_path),
        kind=draft.kind,
        language=draft.language,
        sections=sections,
    )


def recheck(session: Session, facts: Facts, facts_path: Path) -> None:
    """Re-check every version of every section against ``facts`` and record the facts file's new hash."""
    for section in session.sections:
        for version in section.versions:
            version.check = CheckSummary.of(check(version.text, facts))
    session.facts_sha256 = file_sha256(facts_path)
