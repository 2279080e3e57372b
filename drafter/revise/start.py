"""Start or resume a revise session: draft the report, or load the session and re-check if facts changed."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from drafter import drafting
from drafter.atomic import refuse_inputs
from drafter.errors import InputError, SessionError
from drafter.facts import Facts, load_facts
from drafter.plan import plan_report
from drafter.revise.controller import Revision, World
from drafter.revise.lock import SessionLock
from drafter.revise.session import (
    default_session_path,
    file_sha256,
    file_stamp,
    is_session_file,
    load_session,
    new_session,
    recheck,
    save_session,
)
from drafter.sections import Draft

EDITOR_FALLBACKS = ("nano", "vi")


def start(target: Path, world: World, session_path: Path | None = None) -> Revision:
    """Open ``target`` (a facts file or a session file) for revision.

    A facts file is drafted with the world's backend into a new session, unless the session file
    (``session_path`` or ``<facts-stem>.session.json``) exists: then that session is resumed.

    Raises:
        SessionError: The session is corrupt or belongs to another facts file or kind.
        FactsError: The facts file is missing or invalid.
    """
    if is_session_file(target):
        if session_path is not None and session_path.resolve() != target.resolve():
            raise InputError(
                "--session cannot name another file when resuming a session",
                field="--session",
                hint=f"run 'drafter revise {target}' alone",
            )
        return _locked(target, lambda: resume(target, world))
    path = session_path or default_session_path(target)
    if path.exists() or path.is_symlink():
        revision = _locked(path, lambda: resume(path, world))
        if revision.session.facts_path(path) != target.resolve():
            revision.release()
            raise SessionError(
                f"session belongs to {revision.session.facts}, not {target}",
                file=path,
                hint="pass another --session path to start a new session",
            )
        return revision
    refuse_inputs(path, target)
    return _locked(path, lambda: fresh(target, path, world))


def _locked(path: Path, open_session: Callable[[], Revision]) -> Revision:
    """Take the session's lock, then open it; the revision holds the lock until it is released."""
    lock = SessionLock(path).acquire()
    try:
        revision = open_session()
    except BaseException:
        lock.release()
        raise
    revision.lock = lock
    revision.stamp = file_stamp(path)
    return revision


def fresh(facts_path: Path, path: Path, world: World) -> Revision:
    """Draft every section of ``facts_path`` and save a new session at ``path``."""
    facts = load_facts(facts_path)
    with world.console.status("drafting…"):
        draft = _draft_interruptibly(facts, world)
    for failed in draft.failed():
        world.console.print(
            f"warning: section {failed.id} could not be drafted ({failed.error}); press r on it to try again",
            style="yellow",
            markup=False,
            highlight=False,
        )
    session = new_session(draft, facts, facts_path, path, world.clock)
    save_session(session, path)
    world.console.print(f"drafted {len(session.sections)} sections; session {path}", highlight=False)
    return Revision(session=session, path=path, facts=facts, plan=plan_report(facts), world=world)


def _draft_interruptibly(facts: Facts, world: World) -> Draft:
    """Draft in a worker thread so that Ctrl-C reaches the caller at once, not when every section is done."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["draft"] = drafting.draft(facts, backend=world.backend, max_repairs=world.max_repairs)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="drafter-first-draft", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)  # a timed join lets KeyboardInterrupt through
    if "error" in outcome:
        raise outcome["error"]
    return outcome["draft"]  # type: ignore[no-any-return]


def resume(path: Path, world: World) -> Revision:
    """Load the session at ``path``; when its facts changed since the save, say so and re-check."""
    session = load_session(path)
    facts_path = session.facts_path(path)
    facts = load_facts(facts_path)
    plan = plan_report(facts)
    if [s.id for s in plan.sections] != [s.id for s in session.sections]:
        raise SessionError(
            "the session's sections do not match the facts' report kind",
            file=path,
            hint=f"the facts now plan {', '.join(s.id for s in plan.sections)}",
        )
    if file_sha256(facts_path) != session.facts_sha256:
        recheck(session, facts, facts_path)
        save_session(session, path)
        left = sum(s.version.check.unsupported for s in session.sections)
        world.console.print(
            f"note: {session.facts} changed since the session was saved; every section "
            f"was re-checked ({left} unsupported numbers now)",
            style="yellow",
            highlight=False,
        )
    return Revision(session=session, path=path, facts=facts, plan=plan, world=world)


def utc_now() -> dt.datetime:
    """The real clock, in UTC."""
    return dt.datetime.now(dt.UTC)


def editor_command(environ: Mapping[str, str] | None = None, interactive: bool | None = None) -> list[str]:
    """Return the editor command: ``$EDITOR`` (split like a shell would), else nano, else vi.

    Args:
        environ: The environment (default: the process's).
        interactive: Whether a person is at the terminal (default: stdin is a TTY). A scripted session
            needs ``EDITOR``: nano and vi cannot run without a terminal.

    Raises:
        InputError: No editor is set and none can be used.
    """
    env = os.environ if environ is None else environ
    if env.get("EDITOR", "").strip():
        return shlex.split(env["EDITOR"])
    if not (sys.stdin.isatty() if interactive is None else interactive):
        raise InputError(
            "no EDITOR set for a scripted session",
            field="EDITOR",
            hint="set EDITOR to a command that edits the file it is given",
        )
    for name in EDITOR_FALLBACKS:
        if shutil.which(name):
            return [name]
    raise InputError("no text editor found", field="EDITOR", hint="set EDITOR, e.g. EDITOR=nano")


def run_editor(path: Path) -> int:
    """Open ``path`` in the editor and wait; return its exit code."""
    command = editor_command()
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except FileNotFoundError as exc:
        raise InputError(
            f"cannot start the editor '{command[0]}'",
            field="EDITOR",
            hint="set EDITOR to an installed editor",
        ) from exc
