"""Drafting: plan the report, have a backend write each section, check it, repair it, assemble the Draft.

With a chat model, sections are drafted concurrently (:func:`drafter.concurrency.run_all`, at most
``max_concurrency`` at once). Each reply is cleaned, given the safe form fixes, checked for figures
(:func:`drafter.check`) and form (:mod:`drafter.form`), and scored (:class:`drafter.repair.Version`).
While figures or form are wrong it is sent back with a compact repair request, up to ``max_repairs``
rounds; the section keeps its best version, never one that drops a fact an earlier version stated, and
the loop stops at the first round without progress. A failed repair request keeps the previous version;
a section whose first request fails (after retries) becomes a placeholder without figures. A reply cut
off at ``max_tokens`` (from the section's length bound) is asked for once more, shorter. Replies are
cached, so a rerun re-requests only what failed. The offline backend realises every section from the
facts, with no model.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from drafter.backends.base import AnyBackend, Backend, ChatBackend, Completion, Message, is_chat
from drafter.backends.calling import call_model
from drafter.concurrency import Interrupted, run_all
from drafter.errors import BackendError, DrafterError, InputError
from drafter.facts.models import Facts
from drafter.form import FormProblem, check_form, collapse_repeats, fix_form, in_words, shorter_note
from drafter.form import problem as form_problem
from drafter.kind import Kind
from drafter.numbers import CheckReport, check
from drafter.plan import Plan, SectionPlan, plan_report
from drafter.prompts import PromptSet, load_prompt_set, repair_messages, revise_messages, section_messages
from drafter.repair import (
    Version,
    clean_reply,
    estimate_tokens,
    fit_text,
    form_spec,
    make_version,
    placeholder,
    repair_problems,
    section_text,
)
from drafter.sections import Draft, DraftSection, Origin
from drafter.store import CallRecord, ResponseCache, RunLog

# Progress hears of a streaming reply every this many tokens.
TOKEN_STEP = 25
# Flagged figures named in a repair round's progress line (the rest are counted).
SUMMARY_FIGURES = 6

State = Literal["queued", "drafting", "checking", "repairing", "done", "failed"]


@dataclass(frozen=True)
class SectionEvent:
    """A change of state of one section, for progress displays.

    Attributes:
        section: The section id.
        heading: Its heading (or ``None`` for a headless opening).
        state: queued, drafting, checking, repairing, done or failed.
        detail: A short note: tokens received, the attempt, the repair round, what is left, the error.
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
    with _interruptible(run):
        _prepare(backend)
        sections = _draft_concurrently(run, plan.sections)
    _finish(run, sections)
    if all(s.origin == "failed" for s in sections):
        raise BackendError(f"no section could be drafted: {sections[0].error}", hint=_failure_hint(backend))
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
    with _interruptible(run):
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
        with _interruptible(run):
            result = _write_checked(run, section, messages, "revise", "instruction")
    except DrafterError as exc:
        run.log.finish_run(run.run_id, "failed")
        run.emit(section, "failed", str(exc))
        raise
    _finish(run, [result])
    return result


def _ignore(event: SectionEvent) -> None:
    return


@contextmanager
def _interruptible(run: _Run) -> Iterator[None]:
    """Mark the run ``interrupted`` in the run log on Ctrl-C or SIGTERM (finished replies stay cached)."""
    try:
        yield
    except (KeyboardInterrupt, Interrupted):
        run.log.finish_run(run.run_id, "interrupted")
        raise


def _failure_hint(backend: ChatBackend) -> str | None:
    opts = backend.options
    if opts.max_concurrency > 1:
        now = opts.max_concurrency
        return f"a slow server may manage fewer sections at once: try --max-concurrency 1 (now {now})"
    return None


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
    # Offline drafts are checked like model drafts: a figure the writer cannot prove is reported, not hidden.
    unsupported = [m.text for m in check(section_text(section, text), plan.facts).unsupported]
    on_event(SectionEvent(section.id, section.heading, "done", _done_detail(0, unsupported, 0)))
    return DraftSection(
        id=section.id, heading=section.heading, text=text, origin="offline", unsupported=unsupported
    )


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
    # Each job catches its own DrafterError, so one failed section never cancels the others.
    limit = run.backend.options.max_concurrency
    return run_all(partial(_draft_one, run), sections, limit, name="section")


def _prepare(backend: ChatBackend) -> None:
    # Import the model client once, here, so that no section's time includes the import.
    prepare = getattr(backend, "prepare", None)
    if callable(prepare):
        prepare()


def _draft_one(run: _Run, section: SectionPlan) -> DraftSection:
    """Draft, check and repair one section; a failure becomes a marked placeholder (without figures)."""
    try:
        messages = section_messages(run.plan, section, run.prompts)
        return _write_checked(run, section, messages, section.id, "generated")
    except Interrupted:
        raise
    except DrafterError as exc:
        run.emit(section, "failed", str(exc))
        return DraftSection(
            id=section.id,
            heading=section.heading,
            origin="failed",
            error=str(exc),
            text=placeholder(run.plan.language),
        )


def _write_checked(
    run: _Run, section: SectionPlan, messages: list[Message], template: str, origin: Origin
) -> DraftSection:
    """Request ``messages``, then repair the reply while figures (unsupported, or said of another fact than
    their own) or form are wrong, keeping the best version."""
    run.emit(section, "drafting")
    best = _ask(run, section, messages, template, "draft" if origin != "instruction" else "revise", 0)
    rounds = kept = 0
    while not best.ok and rounds < run.max_repairs:
        rounds += 1
        run.emit(section, "repairing", f"round {rounds}: {_problem_summary(best)}")
        repair = _repair_request(run, section, best, messages, rounds)
        try:
            candidate = _ask(run, section, repair, "repair", "repair", rounds)
        except Interrupted:
            raise
        except DrafterError:
            break  # the request failed (logged): keep the version we have
        if not candidate.improves_on(best):
            break  # no progress, or facts dropped: keep the version we have and stop
        best, kept = candidate, rounds
    return _section_result(run, section, best, rounds, kept, origin)


def _section_result(
    run: _Run, section: SectionPlan, best: Version, rounds: int, kept: int, origin: Origin
) -> DraftSection:
    unsupported = [m.text for m in best.flagged]
    form = in_words(best.form)
    run.emit(section, "done", _done_detail(rounds, unsupported, len(best.form)))
    final_origin: Origin = "repaired" if kept and origin == "generated" else origin
    return DraftSection(
        id=section.id,
        heading=section.heading,
        text=best.text,
        origin=final_origin,
        unsupported=unsupported,
        form=form,
    )


def _problem_summary(version: Version) -> str:
    """Flagged figures (the first few), then each kind of form problem once, counted: ``list ×16``."""
    figures = [m.text for m in version.flagged]
    shown = figures[:SUMMARY_FIGURES] + (
        [f"{len(figures) - SUMMARY_FIGURES} more"] * (len(figures) > SUMMARY_FIGURES)
    )
    codes = Counter(p.code for p in version.form)
    return ", ".join(shown + [f"{code} ×{n}" if n > 1 else code for code, n in codes.items()])


def _done_detail(rounds: int, unsupported: list[str], form: int) -> str:
    repaired = f"{rounds} repair round{'s' if rounds > 1 else ''}" if rounds else ""
    left = f"unsupported: {', '.join(unsupported)}" if unsupported else ""
    shape = f"{form} form problem{'s' if form > 1 else ''}" if form else ""
    return "; ".join(part for part in (repaired, left, shape) if part)


def _repair_request(
    run: _Run, section: SectionPlan, best: Version, draft_messages: list[Message], round_no: int
) -> list[Message]:
    """Return a compact repair request, bounded by the draft request and the context size.

    A small model asked to rewrite a fragment of its draft rewrites the fragment, so the text is sent
    whole (loops said once): the repair prompt may be as large as the draft prompt plus that text plus
    its problem list (at most a third of the draft prompt) — the draft request held its prompt and its
    reply at once. With a context size, the prompt also leaves room for the reply; then the problem list
    shrinks first, and the text is cut only when the list cannot shrink further.
    """
    draft_tokens = sum(estimate_tokens(m["content"]) for m in draft_messages)
    full = repair_problems(run.plan.facts, section, best)
    listed = estimate_tokens(json.dumps(full, ensure_ascii=False, indent=2))
    text_tokens = estimate_tokens(collapse_repeats(best.text))
    budget = draft_tokens + text_tokens + min(listed, draft_tokens // 3)
    opts = run.backend.options
    if opts.context_size:
        budget = min(
            budget, opts.context_size - (opts.max_tokens or reply_tokens(run.plan.language, section))
        )
    empty: dict[str, Any] = {"unsupported_figures": [], "form_problems": []}
    frame = repair_messages(run.plan, section, "", empty, run.prompts, round_no)
    room = budget - sum(estimate_tokens(m["content"]) for m in frame)
    text_room = max(min(text_tokens, room - min(listed, room // 3)), 1)
    for _ in range(4):  # a problem list that cannot shrink further (one entry left) takes room from the text
        text = fit_text(best.text, text_room)
        problems = repair_problems(run.plan.facts, section, best, max(room - estimate_tokens(text), 1))
        messages = repair_messages(run.plan, section, text, problems, run.prompts, round_no)
        if sum(estimate_tokens(m["content"]) for m in messages) <= budget:
            break
        text_room = max(text_room * 2 // 3, 1)
    return messages


def _ask(
    run: _Run, section: SectionPlan, messages: list[Message], template: str, purpose: str, round_no: int
) -> Version:
    """Send one request; a reply cut off at the token limit is asked for once more, shorter."""
    version, truncated = _request(run, section, messages, template, purpose, round_no)
    if not truncated:
        return version
    high = section.spec.length.get(run.plan.language, (0, 0))[1]
    shorter = [
        *messages[:-1],
        {**messages[-1], "content": messages[-1]["content"] + "\n\n" + shorter_note(run.plan.language, high)},
    ]
    retry, _ = _request(run, section, shorter, template, purpose, round_no, shorter=True)
    return retry if retry.improves_on(version) or retry.covered >= version.covered else version


def _request(
    run: _Run,
    section: SectionPlan,
    messages: list[Message],
    template: str,
    purpose: str,
    round_no: int,
    *,
    shorter: bool = False,
) -> tuple[Version, bool]:
    """Send one request (cache, retries, progress), clean, fix, check and score the reply, and log it.

    Progress names the request (``round 1``, ``asked shorter``) beside its tokens and attempts, so that a
    count starting again from 25 tokens is seen to be a new request.
    """
    record = partial(
        _record,
        section=section,
        purpose=purpose,
        round_no=round_no,
        messages=messages,
        version=run.prompts.version(template),
    )
    started = time.monotonic()
    state: State = "repairing" if purpose == "repair" else "drafting"
    step = ", ".join([f"round {round_no}"] * (purpose == "repair") + ["cut off, asked shorter"] * shorter)
    try:
        fresh = run.fresh and purpose != "repair"
        completion = call_model(
            run.backend,
            messages,
            _params(run, section, template, messages),
            cache=run.cache,
            fresh=fresh,
            on_attempt=partial(_on_attempt, run, section, state, step, shorter),
            on_tokens=_token_reporter(run, section, state, step),
        )
    except DrafterError as exc:
        run.log.add_call(run.run_id, record(latency=time.monotonic() - started, error=str(exc)))
        raise
    run.emit(section, "checking")
    version, fixed = _score(run, section, completion)
    run.log.add_call(
        run.run_id,
        record(
            completion=completion, latency=completion.latency, report=version.report, form=(version, fixed)
        ),
    )
    return version, completion.truncated


def _score(run: _Run, section: SectionPlan, completion: Completion) -> tuple[Version, list[FormProblem]]:
    """Clean the reply, apply the safe form fixes, and score what is left (figures, form, coverage)."""
    spec = form_spec(run.plan, section)
    text, fixed = fix_form(clean_reply(completion.text, section.heading), spec)
    form = check_form(text, spec)
    if completion.truncated:
        # Cut off at the deadline: say which setting gave out (the user may raise it).
        late = completion.finish_reason == "deadline"
        limit = f"--timeout {run.backend.options.timeout:g} s" if late else ""
        form.append(form_problem("truncated", run.plan.language, limit))
    report = check(section_text(section, text), run.plan.facts)
    return make_version(text, report, form, section), fixed


def _on_attempt(
    run: _Run, section: SectionPlan, state: State, step: str, announce: bool, attempt: int, most: int
) -> None:
    # A repair round is announced with its problems; the shorter request is announced here.
    if attempt > 1:
        run.emit(section, state, _detail(step, f"attempt {attempt}/{most}"))
    elif announce:
        run.emit(section, state, step)


def _detail(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _token_reporter(run: _Run, section: SectionPlan, state: State, step: str) -> Callable[[int], None]:
    def report(tokens: int) -> None:
        if tokens % TOKEN_STEP == 0:
            run.emit(section, state, _detail(step, f"{tokens} tokens"))

    return report


def _params(run: _Run, section: SectionPlan, template: str, messages: list[Message]) -> dict[str, Any]:
    params = {**run.prompts.get("system").params(), **run.prompts.get(template).params()}
    opts = run.backend.options
    if opts.temperature is not None:
        params["temperature"] = opts.temperature
    if opts.max_tokens is not None:
        params["max_tokens"] = opts.max_tokens
    params.setdefault("max_tokens", reply_tokens(run.plan.language, section))
    if opts.context_size:
        room = opts.context_size - sum(estimate_tokens(m["content"]) for m in messages)
        params["max_tokens"] = max(64, min(params["max_tokens"], room))
    return params


def reply_tokens(language: str, section: SectionPlan) -> int:
    """Return the ``max_tokens`` of a section's reply: its length bound in tokens, with headroom.

    The bound is in characters in every language (as the prompts and the form check count it): a Chinese
    character is about a token, four English characters are about one.
    """
    high = section.spec.length.get(language, (0, 0))[1] or 1000
    return int(estimate_tokens(("字" if language == "zh" else "x") * high) * 1.5) + 64


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
    form: tuple[Version, list[FormProblem]] | None = None,
    error: str | None = None,
) -> CallRecord:
    check_result = None
    if report is not None:
        check_result = {**report.summary(), "unsupported_figures": [m.text for m in report.failures]}
    if check_result is not None and form is not None:
        check_result["form_problems"] = [p.code for p in form[0].form]
        check_result["form_fixed"] = [p.code for p in form[1]]
        check_result["facts_covered"] = len(form[0].covered)
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
