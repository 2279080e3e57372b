"""Run a suite: draft every case (or read existing drafts) and score each one.

Cases are drafted concurrently, at most ``max_concurrency`` at once; a chat model additionally sees at most
``max_concurrency`` requests in flight across all cases. Drafting goes through the draft cache, so a rerun
with unchanged prompts sends no request. With ``repeat`` > 1 a case is drafted several times and its
metrics are the means; the first draft uses the cache, the others are fresh samples. Once every case is
scored, ``variety`` compares each draft with the other cases' offline drafts.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from drafter.concurrency import run_all
from drafter.document.reading import read_draft
from drafter.errors import EvalError
from drafter.evals.metrics import Checker, score_document
from drafter.evals.names import VARIETY
from drafter.evals.results import CaseResult, RunResult, aggregate, mean, mean_results
from drafter.evals.suite import EvalCase, Suite
from drafter.evals.variety import masked_sentences, variety
from drafter.settings import BackendOptions

DRAFT_EXTENSIONS = (".md", ".txt", ".docx")
Clock = Callable[[], dt.datetime]
# Called after each case is scored: (case id, cases done, cases in all).
OnCase = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunSettings:
    """How to obtain the drafts of a run.

    Attributes:
        options: Backend options (backend, model, prompts folder, cache); ignored with ``drafts_dir``.
        max_concurrency: Cases (and model requests) in flight at once.
        repeat: Drafts per case; metrics are averaged over them.
        drafts_dir: Score the files ``<case>.md|.txt|.docx`` in this folder instead of drafting.
        judge_model: Also grade each draft with this model (the ``judge`` metric).
    """

    options: BackendOptions | None = None
    max_concurrency: int = 4
    repeat: int = 1
    drafts_dir: Path | None = None
    judge_model: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def run_suite(
    suite: Suite,
    settings: RunSettings,
    *,
    clock: Clock = _now,
    on_case: OnCase | None = None,
    checker: Checker | None = None,
) -> RunResult:
    """Draft (or read) and score every case of ``suite``; return the run with per-metric aggregates.

    Raises:
        EvalError: A draft file is missing (``drafts_dir``) or the settings are out of range.
        DrafterError: Drafting failed in a way that is not the draft's fault (bad prompts, no server).
    """
    if settings.repeat < 1:
        raise EvalError("must be at least 1", field="--repeat")
    if settings.max_concurrency < 1:
        raise EvalError("must be at least 1", field="--max-concurrency")
    options = _options(settings)
    usage: dict[str, dict[str, float]] = {}
    produce = (
        _drafter(options, settings, usage) if options is not None else _reader(settings.drafts_dir, suite)
    )
    judge = _judge(settings) if settings.judge_model else None
    done: list[str] = []
    lock = threading.Lock()

    def one(case: EvalCase) -> tuple[CaseResult, list[str]]:
        texts = produce(case)
        results = [score_document(text, case, checker=checker) for text in texts]
        result = mean_results(results)
        if case.id in usage:
            result = result.model_copy(update={"usage": usage[case.id]})
        if judge is not None:
            result = judge(case, texts[0], result)
        with lock:
            done.append(case.id)
            if on_case:
                on_case(case.id, len(done), len(suite.cases))
        return result, texts

    scored = run_all(one, suite.cases, settings.max_concurrency, name="eval")
    offline = options is not None and options.name == "offline"
    cases = with_variety(suite, scored, offline)
    return _run_result(suite, options, cases, clock)


def with_variety(suite: Suite, scored: list[tuple[CaseResult, list[str]]], offline: bool) -> list[CaseResult]:
    """Return the case results with ``variety`` added: each draft against the other cases' offline drafts.

    Args:
        suite: The suite (its cases in the order of ``scored``).
        scored: Each case's result and its drafts.
        offline: The drafts are the offline writer's, so they stand for the offline drafts themselves.
    """
    sentences = {
        case.id: masked_sentences(texts[0] if offline else _offline_draft(case), case.language)
        for case, (_, texts) in zip(suite.cases, scored, strict=True)
    }
    results = []
    for case, (result, texts) in zip(suite.cases, scored, strict=True):
        value = mean([variety(text, case.language, sentences, case.id) for text in texts])
        results.append(result.model_copy(update={"metrics": {**result.metrics, VARIETY: value}}))
    return results


def _offline_draft(case: EvalCase) -> str:
    from drafter.document import render_markdown
    from drafter.drafting import draft

    return render_markdown(draft(case.facts), key_figures=False)


def _options(settings: RunSettings) -> BackendOptions | None:
    if settings.drafts_dir is not None:
        return None
    options = settings.options or BackendOptions(name="offline")
    return replace(options, max_concurrency=settings.max_concurrency)


def _run_result(
    suite: Suite, options: BackendOptions | None, cases: list[CaseResult], clock: Clock
) -> RunResult:
    chat = options is not None and options.name == "openai"
    prompts, files = _prompts_read(suite, options) if chat and options else (None, {})
    return RunResult(
        suite=str(suite.path),
        prompts=prompts,
        backend=options.name if options else "drafts",
        model=options.model if chat and options else None,
        created=clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        cases=cases,
        aggregate=aggregate(cases),
        prompt_files=files,
    )


def _prompts_read(suite: Suite, options: BackendOptions) -> tuple[str, dict[str, str]]:
    """Return the prompt root the run read and a copy of its files for the suite's kinds and languages."""
    from drafter.prompts import prompt_folder, resolve_prompts

    pairs = sorted({(c.facts.report.kind, c.facts.report.language) for c in suite.cases})
    choice = resolve_prompts(*pairs[0], options.prompts_dir, options.prompts_origin)
    files = {}
    for kind, language in pairs:
        folder = prompt_folder(kind, language, choice.root)
        for path in sorted(folder.glob("*.md")):
            files[f"{kind}/{language}/{path.name}"] = path.read_text(encoding="utf-8")
    return str(choice.root), files


def _reader(folder: Path | None, suite: Suite) -> Callable[[EvalCase], list[str]]:
    """Return a function reading a case's draft from ``folder``; every case's file must be there."""
    if folder is None or not folder.is_dir():
        raise EvalError("no such drafts folder", file=folder, hint="pass a folder of <case>.md files")
    paths = {case.id: _draft_path(folder, case.id) for case in suite.cases}

    def read(case: EvalCase) -> list[str]:
        return [read_draft(paths[case.id])]

    return read


def _draft_path(folder: Path, case_id: str) -> Path:
    for ext in DRAFT_EXTENSIONS:
        path = folder / f"{case_id}{ext}"
        if path.is_file():
            return path
    raise EvalError(
        f"no draft for case '{case_id}'",
        file=folder,
        hint=f"expected {case_id}.md, {case_id}.txt or {case_id}.docx",
    )


def _drafter(
    options: BackendOptions, settings: RunSettings, usage: dict[str, dict[str, float]]
) -> Callable[[EvalCase], list[str]]:
    """Return a function drafting a case ``settings.repeat`` times and rendering each as Markdown.

    What the first draft of each case cost (requests, repair rounds, tokens, latency) goes to ``usage``.
    """
    from drafter.backends import is_chat, make_backend

    backend: Any = make_backend(options)
    fresh, repeats = backend, 1  # the offline realiser is deterministic: one draft stands for every repeat
    chat = is_chat(backend)
    if chat:
        backend = _Limited(backend, threading.BoundedSemaphore(settings.max_concurrency))
        fresh = _Limited(make_backend(replace(options, use_cache=False)), backend.gate)
        repeats = settings.repeat
        backend.prepare()  # import the model client here, once, not in each case's thread
        fresh.prepare()

    def produce(case: EvalCase) -> list[str]:
        metered = _Metered(backend) if chat else backend
        texts = [_draft_text(case, metered, options)]
        if isinstance(metered, _Metered):
            usage[case.id] = metered.totals
        texts += [_draft_text(case, fresh, options) for _ in range(repeats - 1)]
        return texts

    return produce


def _draft_text(case: EvalCase, backend: Any, options: BackendOptions) -> str:
    from drafter.document import render_markdown
    from drafter.drafting import draft

    # The prose is scored, not the key-figures table drafter adds from the facts themselves.
    result = draft(case.facts, backend=backend, max_repairs=options.max_repairs)
    return render_markdown(result, key_figures=False)


class _Limited:
    """A chat backend wrapper that lets at most N requests (shared by all cases) be in flight."""

    def __init__(self, inner: Any, gate: threading.BoundedSemaphore) -> None:
        self.inner = inner
        self.gate = gate
        self.name = inner.name
        self.options = inner.options

    def prepare(self) -> None:
        """Build the inner backend's client now (in the calling thread)."""
        prepare = getattr(self.inner, "prepare", None)
        if callable(prepare):
            prepare()

    def complete(self, messages: list[dict[str, str]], params: dict[str, Any], **kwargs: Any) -> Any:
        """Send the request through the shared gate."""
        with self.gate:
            return self.inner.complete(messages, params, **kwargs)


class _Metered:
    """A chat backend wrapper adding up one case's requests, repair rounds, tokens and latency."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.options = inner.options
        self.totals: dict[str, float] = dict.fromkeys(
            ("requests", "repair_rounds", "input_tokens", "output_tokens", "latency_s"), 0.0
        )
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Build the inner backend's client now (in the calling thread)."""
        self.inner.prepare()

    def complete(self, messages: list[dict[str, str]], params: dict[str, Any], **kwargs: Any) -> Any:
        """Send the request and count what it cost."""
        completion = self.inner.complete(messages, params, **kwargs)
        # The data block of a repair request says so (prompts.repair_messages: "task": "repair").
        repair = '"task": "repair"' in (messages[-1].get("content", "") if messages else "")
        with self._lock:
            totals = self.totals
            totals["requests"] += 1
            totals["repair_rounds"] += repair
            totals["input_tokens"] += getattr(completion, "input_tokens", None) or 0
            totals["output_tokens"] += getattr(completion, "output_tokens", None) or 0
            totals["latency_s"] = round(totals["latency_s"] + (getattr(completion, "latency", 0.0) or 0.0), 3)
        return completion


def _judge(settings: RunSettings) -> Callable[[EvalCase, str, CaseResult], CaseResult]:
    from drafter.evals.judge import make_judge

    assert settings.judge_model is not None
    return make_judge(settings.judge_model, settings.options or BackendOptions())
