"""The revise loop: one function per key, acting on the session; the session is saved after every key.

Every handler takes the :class:`Revision` and returns True when the section must be shown again.
Ctrl-C anywhere (a prompt, the editor, a model call) saves the session and ends with exit code 130.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

from drafter import drafting
from drafter.atomic import refuse_inputs
from drafter.backends.base import AnyBackend, is_chat
from drafter.document import choose_format, write_document
from drafter.errors import DrafterError, InputError, SessionError, StorageError
from drafter.facts.models import Facts
from drafter.numbers import CheckReport, check
from drafter.plan import Plan
from drafter.revise import screen
from drafter.revise.diff import diff_segments
from drafter.revise.lock import SessionLock
from drafter.revise.session import (
    SESSION_SUFFIX,
    Session,
    file_stamp,
    make_version,
    relative_facts,
    save_session,
)
from drafter.sections import Draft, DraftSection
from drafter.text import without_control

EXIT_INTERRUPTED = 130
PROMPT = "› "


@dataclass
class World:
    """Everything revise touches outside the session: screen, keyboard, clock, editor and model."""

    console: Console
    input: screen.Input
    clock: Callable[[], dt.datetime]
    editor: Callable[[Path], int]
    backend: AnyBackend
    max_repairs: int = 2


@dataclass
class Revision:
    """A session being revised: the session, where it is saved, its facts and plan, and the world."""

    session: Session
    path: Path
    facts: Facts
    plan: Plan
    world: World
    done: bool = field(default=False)
    stamp: tuple[int, int] | None = None  # the session file's (mtime, size) after our last save
    unsaved: bool = False  # the last save failed: the changes live only in memory
    lock: SessionLock | None = None  # held while this process revises the session

    def release(self) -> None:
        """Give back the session's lock (when held)."""
        if self.lock is not None:
            self.lock.release()

    @property
    def section_id(self) -> str:
        """Id of the section on screen."""
        return self.session.section.id

    def current_report(self) -> CheckReport:
        """Check the current text of the section on screen."""
        return check(self.session.section.version.text, self.facts)

    def say(self, message: str, style: str = "") -> None:
        """Print one message line (never as markup: it may quote user or model text)."""
        self.world.console.print(Text(message, style=style))


def run(rev: Revision) -> int:
    """Show sections and act on keys until ``q`` (or end of input); return the exit code.

    The session is saved after every key. A save that fails (a full disk, a folder made read-only, another
    process saving the same file) is one error line and the session goes on: the change stays in memory and
    is saved with the next key. Quitting while the save still fails writes a rescue copy to the temporary
    folder and exits with 3. The session's lock is given back at the end.
    """
    try:
        return _loop(rev)
    finally:
        rev.release()


def _loop(rev: Revision) -> int:
    redraw = True
    try:
        while not rev.done:
            if redraw:
                show(rev)
            try:
                key = rev.world.input.key(PROMPT)
            except EOFError:
                key = "q"
            redraw = dispatch(rev, key)
            save(rev)
    except KeyboardInterrupt:
        if not save(rev):
            return _rescue(rev)
        rev.say(f"\ninterrupted; session saved to {rev.path}", "yellow")
        return EXIT_INTERRUPTED
    if rev.unsaved:
        return _rescue(rev)
    rev.say(f"session saved to {rev.path}")
    return 0


def save(rev: Revision) -> bool:
    """Save the session; on failure say why (one line), keep the changes in memory and return False."""
    try:
        if rev.stamp is not None and file_stamp(rev.path) not in (rev.stamp, None):
            raise SessionError(
                "another process saved this session since it was opened; not overwriting it",
                file=rev.path,
                hint="quit (a copy of this one is kept) and resume the newer session",
            )
        save_session(rev.session, rev.path)
    except DrafterError as exc:
        rev.unsaved = True
        rev.say(f"error: {exc}; the change is kept and saved with the next key", "bold red")
        return False
    rev.stamp = file_stamp(rev.path)
    rev.unsaved = False
    return True


def _rescue(rev: Revision) -> int:
    """Write the unsaved session to the temporary folder and say how to resume it; return exit code 3."""
    facts_path = rev.session.facts_path(rev.path)
    fd, name = tempfile.mkstemp(prefix=f"{facts_path.stem}-rescued-", suffix=SESSION_SUFFIX)
    os.close(fd)
    rescue = Path(name)
    copy = rev.session.model_copy(update={"facts": relative_facts(facts_path, rescue)})
    try:
        save_session(copy, rescue)
    except DrafterError as exc:
        rev.say(f"error: the session could not be saved anywhere ({exc})", "bold red")
        return StorageError.exit_code
    rev.say(f"the session could not be saved to {rev.path}; a copy is in {rescue}", "bold red")
    rev.say(f"resume it with: drafter revise {rescue}", "yellow")
    return StorageError.exit_code


def dispatch(rev: Revision, key: str) -> bool:
    """Run the handler of ``key``; errors become a message and the current version stays."""
    handler = KEYS.get(key)
    if handler is None:
        rev.say(f"unknown key {key!r}; press ? for help", "yellow")
        return False
    try:
        return handler[1](rev)
    except EOFError:
        rev.done = True
    except DrafterError as exc:
        rev.say(f"error: {exc}", "bold red")
    return False


def show(rev: Revision) -> None:
    """Show the section on screen."""
    session = rev.session
    screen.show_section(
        rev.world.console,
        number=session.position + 1,
        total=len(session.sections),
        heading=rev.plan.section(rev.section_id).heading,
        state=session.section,
        report=rev.current_report(),
    )


def accept(rev: Revision) -> bool:
    """``a``: accept the section (confirming if numbers fail the check) and go to the next one."""
    failures = rev.current_report().failures
    if failures:
        for status in ("unsupported", "misattributed"):
            wrong = [m for m in failures if m.status == status]
            if wrong:
                listed = ", ".join(f"{m.text} (line {m.line})" for m in wrong)
                noun = "number" if len(wrong) == 1 else "numbers"
                rev.say(f"warning: {len(wrong)} {status} {noun}: {listed}", "bold red")
        if not rev.world.input.confirm("accept anyway? [y/N] "):
            rev.say("not accepted")
            return False
    rev.session.section.accepted = True
    if rev.session.position < len(rev.session.sections) - 1:
        rev.session.position += 1
        return True
    _summary(rev)
    return False


def _summary(rev: Revision) -> None:
    accepted = sum(s.accepted for s in rev.session.sections)
    left = sum(len(check(s.version.text, rev.facts).failures) for s in rev.session.sections)
    screen.show_summary(rev.world.console, accepted, len(rev.session.sections), left)


def regenerate(rev: Revision) -> bool:
    """``r``: draft the section afresh from its prompt; a model error keeps the current version."""
    with rev.world.console.status("drafting…"):
        result = drafting.draft_section(
            rev.plan, rev.section_id, rev.world.backend, max_repairs=rev.world.max_repairs
        )
    return _add_result(rev, result, instruction=None)


def instruct(rev: Revision) -> bool:
    """``i``: revise the section by an instruction (a model backend only; refused at once offline)."""
    if not is_chat(rev.world.backend):
        rev.say(
            "i needs a model: the offline writer cannot follow instructions; press e to edit, or run "
            "revise with --base-url or OPENAI_API_KEY",
            "yellow",
        )
        return False
    try:
        instruction = rev.world.input.text(screen.INSTRUCTION_PROMPT)
    except screen.Cancelled:
        rev.say("cancelled; nothing changed")
        return False
    if not instruction:
        rev.say("no instruction given; nothing changed")
        return False
    with rev.world.console.status("revising…"):
        result = drafting.revise_section(
            rev.plan,
            rev.section_id,
            rev.session.section.version.text,
            instruction,
            rev.world.backend,
            max_repairs=rev.world.max_repairs,
        )
    return _add_result(rev, result, instruction=instruction)


def _add_result(rev: Revision, result: DraftSection, instruction: str | None) -> bool:
    """Add a model's section as a new version, unless it failed or changed nothing."""
    if result.origin == "failed":
        rev.say(f"error: {result.error or 'the model failed'}; the current version is kept", "bold red")
        return False
    return _add_text(rev, result.text, result.origin, instruction)


def _add_text(rev: Revision, text: str, origin: str, instruction: str | None = None) -> bool:
    text = without_control(text)  # an editor can save a NUL or an ESC; neither may reach the screen or Word
    section = rev.session.section
    if text.strip() == section.version.text.strip():
        rev.say("same text as the current version; no new version")
        return False
    section.add(make_version(text, origin, rev.facts, rev.world.clock, instruction))
    return True


def edit(rev: Revision) -> bool:
    """``e``: edit the text in the editor; a non-zero exit or an unchanged file adds no version."""
    before = rev.session.section.version.text
    with tempfile.TemporaryDirectory(prefix="drafter-edit-") as folder:
        path = Path(folder) / f"{rev.section_id}.md"
        path.write_text(before + "\n", encoding="utf-8")
        code = rev.world.editor(path)
        after = _edited_text(path) if code == 0 else before
    if code != 0:
        rev.say(f"the editor exited with code {code}; no new version", "yellow")
        return False
    if after == before.strip():
        rev.say("unchanged; no new version")
        return False
    return _add_text(rev, after, "edited")


def _edited_text(path: Path) -> str:
    """Return the text the editor saved in ``path`` (a deleted or non-UTF-8 file is one error line)."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise InputError("the editor removed the file; no new version", file=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise InputError(f"cannot read what the editor saved: {reason}", file=path) from None


def diff(rev: Revision) -> bool:
    """``d``: show what changed from the previous version to the current one."""
    section = rev.session.section
    if section.current == 0:
        rev.say("version 1 has no previous version")
        return False
    old, new = section.versions[section.current - 1], section.version
    segments = diff_segments(old.text, new.text)
    screen.show_diff(rev.world.console, segments, section.current, section.current + 1)
    return False


def undo(rev: Revision) -> bool:
    """``u``: go back to the previous version (the newer one stays in history)."""
    section = rev.session.section
    if section.current == 0:
        rev.say("nothing to undo")
        return False
    section.current -= 1
    section.accepted = False
    return True


def redo(rev: Revision) -> bool:
    """``U``: go forward to the next version after an undo."""
    section = rev.session.section
    if section.current >= len(section.versions) - 1:
        rev.say("nothing to redo")
        return False
    section.current += 1
    section.accepted = False
    return True


def view(rev: Revision) -> bool:
    """``v``: read the whole section (through $PAGER on a terminal)."""
    screen.page(rev.world.console, rev.current_report())
    return False


def check_details(rev: Revision) -> bool:
    """``c``: show every number of the section with its status, sources and formula."""
    screen.show_check(rev.world.console, rev.current_report())
    return False


def next_section(rev: Revision) -> bool:
    """``n``: go to the next section."""
    if rev.session.position >= len(rev.session.sections) - 1:
        rev.say("this is the last section")
        return False
    rev.session.position += 1
    return True


def previous_section(rev: Revision) -> bool:
    """``p``: go to the previous section."""
    if rev.session.position == 0:
        rev.say("this is the first section")
        return False
    rev.session.position -= 1
    return True


def go_to(rev: Revision) -> bool:
    """``g``: go to the section with the number typed (1-based)."""
    total = len(rev.session.sections)
    answer = rev.world.input.line(f"section number (1-{total}): ")
    if not answer.isdigit() or not 1 <= int(answer) <= total:
        rev.say(f"no section {answer!r}; give a number from 1 to {total}", "yellow")
        return False
    rev.session.position = int(answer) - 1
    return True


def write(rev: Revision) -> bool:
    """``w``: write the document (Markdown, text or .docx by extension); confirms before overwriting."""
    facts_path = rev.session.facts_path(rev.path)
    default = str(facts_path.with_suffix(".md"))
    path = Path(rev.world.input.line(f"write to [{default}]: ", default)).expanduser()
    refuse_inputs(path, facts_path, rev.path)
    fmt = choose_format(path, None)
    exists = path.exists() or path.is_symlink()
    if exists and not rev.world.input.confirm(f"{path} exists; overwrite? [y/N] "):
        rev.say("not written")
        return False
    write_document(build_draft(rev), path, fmt, force=exists)
    accepted = sum(s.accepted for s in rev.session.sections)
    rev.say(f"wrote {path} ({fmt}; {accepted} of {len(rev.session.sections)} sections accepted)", "green")
    return False


def build_draft(rev: Revision) -> Draft:
    """Return the document made of every section's current version."""
    sections = [
        DraftSection(
            id=s.id,
            heading=rev.plan.section(s.id).heading,
            text=without_control(s.version.text),  # a tampered session must not break Word
            origin=s.version.origin,  # type: ignore[arg-type]
        )
        for s in rev.session.sections
    ]
    return Draft(
        title=rev.plan.title,
        language=rev.session.language,
        kind=rev.session.kind,
        backend=rev.world.backend.name,
        sections=sections,
        signature=rev.plan.signature,
        facts=rev.plan.facts,
    )


def quit_(rev: Revision) -> bool:
    """``q``: save the session and quit."""
    rev.done = True
    return False


def help_(rev: Revision) -> bool:
    """``?``: show the keys."""
    screen.show_help(rev.world.console, [(key, meaning) for key, (meaning, _) in KEYS.items()])
    return False


Handler = Callable[[Revision], bool]

KEYS: dict[str, tuple[str, Handler]] = {
    "a": ("accept the section and go to the next one", accept),
    "r": ("regenerate the section (a fresh draft)", regenerate),
    "i": ("revise by instruction (needs a model backend)", instruct),
    "e": ("edit in $EDITOR", edit),
    "d": ("diff against the previous version", diff),
    "u": ("undo: back to the previous version", undo),
    "U": ("redo: forward to the next version", redo),
    "c": ("check details: every number, status, sources, formula", check_details),
    "v": ("view the whole section (through $PAGER)", view),
    "n": ("next section", next_section),
    "p": ("previous section", previous_section),
    "g": ("go to a section by number", go_to),
    "w": ("write the document (.md, .txt or .docx)", write),
    "q": ("save and quit", quit_),
    "?": ("this help", help_),
}
