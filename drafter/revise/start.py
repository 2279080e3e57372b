"""Start or resume a revise session: draft the report, or load the session and re-check if facts changed."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

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


def start(target: Path, world: World, session_path: Path | None = None, *, new: bool = False) -> Revision:
    """Open ``target`` (a facts file or a session file) for revision.

    A facts file is drafted with the world's backend into a new session, unless the session file
    (``session_path`` or ``<facts-stem>.session.json``) exists: then that session is resumed, or with
    ``new`` moved aside to ``<session>.bak`` and replaced by a fresh draft.

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
        if new:
            facts_path = load_session(target).facts_path(target)
            return _locked(target, lambda: fresh(facts_path, target, world, keep=True))
        return _locked(target, lambda: resume(target, world))
    path = session_path or default_session_path(target)
    if path.exists() and new:
        load_session(path)  # refuse to move aside a file that is not a session
        return _locked(path, lambda: fresh(target, path, world, keep=True))
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


def fresh(facts_path: Path, path: Path, world: World, *, keep: bool = False) -> Revision:
    """Draft every section of ``facts_path`` and save a new session at ``path``.

    With ``keep``, an existing session at ``path`` is renamed to ``<path>.bak`` once the new draft is done
    (an interrupted draft leaves it in place).
    """
    facts = load_facts(facts_path)
    with world.console.status("drafting…"):
        draft = _draft_interruptibly(facts, world)
    if keep and path.exists():
        backup = path.with_name(path.name + ".bak")
        os.replace(path, backup)
        world.console.print(f"started over; the previous session is kept as {backup}", highlight=False)
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
    """Draft the first version; Ctrl-C reaches the caller at once (requests in flight are abandoned)."""
    return drafting.draft(facts, backend=world.backend, max_repairs=world.max_repairs)


def resume(path: Path, world: World) -> Revision:
    """Load the session at ``path``; when its facts changed since the save, say so and re-check."""
    session = load_session(path)
    saved = _saved_at(path)  # before a re-check saves it again
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
    accepted = sum(s.accepted for s in session.sections)
    world.console.print(
        f"resumed {path}: {accepted} of {len(session.sections)} sections accepted, "
        f"last saved {saved} (--new starts over)",
        highlight=False,
        markup=False,
    )
    return Revision(session=session, path=path, facts=facts, plan=plan, world=world)


def _saved_at(path: Path) -> str:
    """The file's modification time, local, to the minute."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return stamp.strftime("%Y-%m-%d %H:%M %Z").strip()


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
