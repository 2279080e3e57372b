"""Drafting: plan the report, have a backend write each section, check it, repair it, assemble the Draft.

With a chat model, sections are drafted concurrently (LangChain ``batch`` with ``max_concurrency``). Each
section is drafted, checked by :func:`drafter.check`, and — while figures are unsupported — sent back with
a repair request, up to ``max_repairs`` rounds. A section whose requests fail (after retries) becomes a
marked placeholder; the others are kept. Replies are cached, so a rerun re-requests only what failed.
The offline backend realises every section from the facts, with no model.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from drafter.backends.base import AnyBackend, Backend, ChatBackend, Completion, Message, is_chat
from drafter.backends.calling import call_model
from drafter.errors import BackendError, DrafterError, InputError
from drafter.facts.models import Fact, Facts
from drafter.kind import Kind
from drafter.numbers import CheckReport, Mention, check
from drafter.plan import Plan, SectionPlan, plan_report
from drafter.prompts import (
    PromptSet,
    fact_data,
    load_prompt_set,
    repair_messages,
    revise_messages,
    section_messages,
)
from drafter.resources import load_yaml
from drafter.sections import Draft, DraftSection, Origin
from drafter.store import CallRecord, ResponseCache, RunLog

State = Literal["queued", "drafting", "checking", "repairing", "done", "failed"]


@dataclass(frozen=True)
class SectionEvent:
    """A change of state of one section, for progress displays.

    Attributes:
        section: The section id.
        heading: Its heading (or ``None`` for a headless opening).
        state: queued, drafting, checking, repairing, done or failed.
        detail: A short note: the repair round, the unsupported figures left, the error.
    """

    section: str
    heading: str | None
    state: State
    detail: str = ""


EventHandler = Callable[[SectionEvent], None]


@dataclass
class _Run:
    """What every section job of one run shares."""

    plan: Plan
    backend: ChatBackend
    prompts: PromptSet
    max_repairs: int
    on_event: EventHandler
    cache: ResponseCache | None
    log: RunLog
    run_id: int = 0
    fresh: bool = False

    def emit(self, section: SectionPlan, state: State, detail: str = "") -> None:
        self.on_event(SectionEvent(section.id, section.heading, state, detail))


def draft(
    facts: Facts,
    *,
    backend: AnyBackend | None = None,
    max_repairs: int | None = None,
    on_event: EventHandler | None = None,
    kind: Kind | None = None,
) -> Draft:
    """Draft the whole report for ``facts``.

    Args:
        facts: The loaded facts.
        backend: From :func:`drafter.backends.make_backend`; ``None`` means the offline realiser.
        max_repairs: Repair rounds per section while figures are unsupported (model backends); default:
            the backend options' ``max_repairs`` (2).
        on_event: Called with a :class:`SectionEvent` at each change of a section's state (any thread).
        kind: Draft as this kind instead of the facts' own (its prompts must exist).

    Raises:
        BackendError: Every section failed (nothing to write), e.g. the server is unreachable.
    """
    plan = plan_report(facts, kind)
    handler = on_event or _ignore
    if not is_chat(backend):
        sections = [_offline_section(plan, s, backend, handler) for s in plan.sections]
        return _assemble(plan, sections, "offline")
    run = _start_run(plan, backend, max_repairs, handler, "draft")
    for section in plan.sections:
        run.emit(section, "queued")
    sections = _draft_concurrently(run, plan.sections)
    _finish(run, sections)
    if all(s.origin == "failed" for s in sections):
        raise BackendError(f"no section could be drafted: {sections[0].error}")
    return _assemble(plan, sections, backend.name)


def draft_section(
    plan: Plan,
    section_id: str,
    backend: AnyBackend | None,
    *,
    max_repairs: int | None = None,
    on_event: EventHandler | None = None,
) -> DraftSection:
    """Draft one section afresh (a new request, not a cached reply), checked and repaired.

    Raises:
        InputError: The plan has no section ``section_id``.
    """
    section = _section(plan, section_id)
    handler = on_event or _ignore
    if not is_chat(backend):
        return _offline_section(plan, section, backend, handler)
    run = _start_run(plan, backend, max_repairs, handler, "draft-section")
    run.fresh = True
    result = _draft_one(run, section)
    _finish(run, [result])
    return result


def revise_section(
    plan: Plan,
    section_id: str,
    current_text: str,
    instruction: str,
    backend: AnyBackend | None,
    *,
    max_repairs: int | None = None,
    on_event: EventHandler | None = None,
) -> DraftSection:
    """Rewrite one section following ``instruction``; the result is checked and repaired like a draft.

    Raises:
        BackendError: The backend is the offline realiser (instructions need a model), or the request failed.
        InputError: The plan has no section ``section_id``.
    """
    section = _section(plan, section_id)
    if not is_chat(backend):
        raise BackendError(
            "revising by instruction needs a model; the offline backend cannot follow instructions",
            hint="set OPENAI_API_KEY, or pass --base-url for a local server "
            "(e.g. Ollama at http://localhost:11434/v1), or add drafter.toml",
        )
    run = _start_run(plan, backend, max_repairs, on_event or _ignore, "revise")
    messages = revise_messages(plan, section, current_text, instruction, run.prompts)
    try:
        result = _write_checked(run, section, messages, "revise", "instruction")
    except DrafterError as exc:
        run.log.finish_run(run.run_id, "failed")
        run.emit(section, "failed", str(exc))
        raise
    _finish(run, [result])
    return result


def _ignore(event: SectionEvent) -> None:
    return


def _section(plan: Plan, section_id: str) -> SectionPlan:
    try:
        return plan.section(section_id)
    except KeyError:
        known = ", ".join(s.id for s in plan.sections)
        raise InputError(f"no section '{section_id}' in this report", hint=f"sections: {known}") from None


def _offline_section(
    plan: Plan, section: SectionPlan, backend: Backend | None, on_event: EventHandler
) -> DraftSection:
    if backend is None:
        from drafter.backends.offline import OfflineBackend

        backend = OfflineBackend()
    on_event(SectionEvent(section.id, section.heading, "drafting"))
    text = backend.draft_section(plan, section)
    on_event(SectionEvent(section.id, section.heading, "done"))
    return DraftSection(id=section.id, heading=section.heading, text=text, origin="offline")


def _start_run(
    plan: Plan, backend: ChatBackend, max_repairs: int | None, on_event: EventHandler, command: str
) -> _Run:
    opts = backend.options
    prompts = load_prompt_set(plan.kind.id, plan.language, opts.prompts_dir)
    log = RunLog()
    run_id = log.start_run(
        command,
        title=plan.title,
        backend=backend.name,
        model=opts.model,
        base_url=opts.base_url,
        prompts=str(prompts.folder),
    )
    cache = ResponseCache() if opts.use_cache else None
    return _Run(
        plan=plan,
        backend=backend,
        prompts=prompts,
        max_repairs=opts.max_repairs if max_repairs is None else max_repairs,
        on_event=on_event,
        cache=cache,
        log=log,
        run_id=run_id,
    )


def _draft_concurrently(run: _Run, sections: list[SectionPlan]) -> list[DraftSection]:
    from langchain_core.runnables import RunnableLambda

    # Each job catches its own DrafterError, so one failed section never cancels the others.
    def job(section: SectionPlan) -> DraftSection:
        return _draft_one(run, section)

    jobs = RunnableLambda(job, name="draft_section")
    limit = run.backend.options.max_concurrency
    return list(jobs.batch(list(sections), config={"max_concurrency": limit}))


def _draft_one(run: _Run, section: SectionPlan) -> DraftSection:
    """Draft, check and repair one section; a failure becomes a marked placeholder."""
    try:
        messages = section_messages(run.plan, section, run.prompts)
        return _write_checked(run, section, messages, section.id, "generated")
    except DrafterError as exc:
        run.emit(section, "failed", str(exc))
        return DraftSection(
            id=section.id,
            heading=section.heading,
            origin="failed",
            error=str(exc),
            text=placeholder(run.plan.language, str(exc)),
        )


def _write_checked(
    run: _Run, section: SectionPlan, messages: list[Message], template: str, origin: Origin
) -> DraftSection:
    """Request ``messages``, then check the reply and repair it while figures fail the check (unsupported,
    or said of another fact than their own)."""
    run.emit(section, "drafting")
    text, report = _ask(run, section, messages, template, "draft" if origin != "instruction" else "revise", 0)
    rounds = 0
    while not report.ok and rounds < run.max_repairs:
        rounds += 1
        run.emit(section, "repairing", f"round {rounds}: {', '.join(m.text for m in report.failures)}")
        problems = repair_problems(run.plan, section, report)
        repair = repair_messages(run.plan, section, text, problems, run.prompts, rounds)
        text, report = _ask(run, section, repair, "repair", "repair", rounds)
    unsupported = [m.text for m in report.failures]
    run.emit(section, "done", _done_detail(rounds, unsupported))
    final_origin: Origin = "repaired" if rounds and origin == "generated" else origin
    return DraftSection(
        id=section.id, heading=section.heading, text=text, origin=final_origin, unsupported=unsupported
    )


def _done_detail(rounds: int, unsupported: list[str]) -> str:
    repaired = f"{rounds} repair round{'s' if rounds > 1 else ''}" if rounds else ""
    left = f"unsupported: {', '.join(unsupported)}" if unsupported else ""
    return "; ".join(part for part in (repaired, left) if part)


def _ask(
    run: _Run, section: SectionPlan, messages: list[Message], template: str, purpose: str, round_no: int
) -> tuple[str, CheckReport]:
    """Send one request (cache, retries), clean and check the reply, and log it."""
    record = partial(
        _record,
        section=section,
        purpose=purpose,
        round_no=round_no,
        messages=messages,
        version=run.prompts.version(template),
    )
    started = time.monotonic()
    try:
        fresh = run.fresh and purpose != "repair"
        completion = call_model(run.backend, messages, _params(run, template), cache=run.cache, fresh=fresh)
    except DrafterError as exc:
        run.log.add_call(run.run_id, record(latency=time.monotonic() - started, error=str(exc)))
        raise
    run.emit(section, "checking")
    text = clean_reply(completion.text, section.heading)
    report = check(section_text(section, text), run.plan.facts)
    run.log.add_call(run.run_id, record(completion=completion, latency=completion.latency, report=report))
    return text, report


def _params(run: _Run, template: str) -> dict[str, Any]:
    params = {**run.prompts.get("system").params(), **run.prompts.get(template).params()}
    if run.backend.options.temperature is not None:
        params["temperature"] = run.backend.options.temperature
    return params


def _record(
    *,
    section: SectionPlan,
    purpose: str,
    round_no: int,
    version: str,
    messages: list[Message],
    latency: float,
    completion: Completion | None = None,
    report: CheckReport | None = None,
    error: str | None = None,
) -> CallRecord:
    check_result = None
    if report is not None:
        check_result = {**report.summary(), "unsupported_figures": [m.text for m in report.failures]}
    return CallRecord(
        section=section.id,
        purpose=purpose,
        round=round_no,
        prompt_version=version,
        messages=messages,
        response=completion.text if completion else None,
        error=error,
        input_tokens=completion.input_tokens if completion else None,
        output_tokens=completion.output_tokens if completion else None,
        latency=latency,
        cached=bool(completion and completion.cached),
        check_result=check_result,
    )


def _finish(run: _Run, sections: list[DraftSection]) -> None:
    if any(s.origin == "failed" for s in sections):
        status = "failed"
    elif any(s.unsupported for s in sections):
        status = "unsupported"
    else:
        status = "ok"
    run.log.finish_run(run.run_id, status)


def _assemble(plan: Plan, sections: list[DraftSection], backend: str) -> Draft:
    return Draft(
        title=plan.title,
        language=plan.language,
        kind=plan.kind.id,
        backend=backend,
        sections=sections,
        signature=plan.signature,
        facts=plan.facts,
    )


def section_text(section: SectionPlan, body: str) -> str:
    """Return what the checker reads for one section: its heading (if any), a blank line, the body."""
    return f"{section.heading}\n\n{body}" if section.heading else body


_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n```$", re.DOTALL)


def clean_reply(text: str, heading: str | None) -> str:
    """Tidy a model reply into a section body: no code fence, no repeated heading, ``###`` sub-headings."""
    text = text.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    lines = text.splitlines()
    if lines and heading and lines[0].lstrip("# ").strip() == heading.strip():
        lines = lines[1:]
    # Any Markdown heading the model wrote becomes a topic sub-heading (the document's ### level).
    lines = [re.sub(r"^#{1,6}\s+", "### ", line) for line in lines]
    return "\n".join(lines).strip()


def repair_problems(plan: Plan, section: SectionPlan, report: CheckReport) -> list[dict[str, Any]]:
    """Return one entry per failed figure: the figure, its sentence, what is wrong in plain words, the fact
    its clause is about (with that fact's figure) when the checker knows it, and the facts it may use."""
    problems = []
    for m in report.failures:
        problem: dict[str, Any] = {
            "figure": m.text,
            "sentence": sentence_of(report.text, m),
            "problem": m.reason,
        }
        about = _claimed_fact(plan, m)
        if about is not None:
            problem["about"] = fact_data(about)
        problem["may_use"] = _may_use(section, m, about)
        problems.append(problem)
    return problems


def _claimed_fact(plan: Plan, mention: Mention) -> Fact | None:
    """The fact the figure's clause speaks of (this clause is about X: 1200册), if the checker found one."""
    if mention.claimed is None:
        return None
    try:
        return plan.facts.fact(mention.claimed)
    except KeyError:
        return None  # a note, not a fact


def sentence_of(text: str, mention: Mention) -> str:
    """Return the sentence of ``text`` that holds ``mention`` (bounded by 。！？；.!?; or a line break)."""
    ends = "。！？；!?;\n"
    start = max(text.rfind(c, 0, mention.start) for c in ends) + 1
    stops = [i for i in (text.find(c, mention.end) for c in ends) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    return text[start:stop].strip()


def _may_use(section: SectionPlan, mention: Mention, about: Fact | None = None) -> list[dict[str, Any]]:
    facts = section.facts()
    # The fact the clause is about first; then facts with the same unit; else every fact of the section.
    same_unit = [
        f for f in facts if mention.unit and f.unit and (mention.unit in f.unit or f.unit in mention.unit)
    ]
    chosen = [about] if about is not None else []
    chosen += [f for f in (same_unit or facts) if about is None or f.id != about.id]
    return [fact_data(f) for f in chosen[:10]]


def placeholder(language: str, error: str) -> str:
    """Return the marked placeholder written in place of a section that could not be drafted."""
    phrases = load_yaml("drafter.backends.data", "drafting.yaml")["placeholder"]
    return str(phrases.get(language, phrases["en"])).replace("<error>", error)
