"""Library entry points other modules use: draft, draft_section, revise_section, ScriptedModel, progress."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from drafter.backends import Completion, make_backend
from drafter.backends.base import DeadlineError, TransientBackendError
from drafter.backends.calling import RetryPolicy, with_retries
from drafter.cli.progress import Progress
from drafter.drafting import SectionEvent, clean_reply, draft, draft_section, revise_section
from drafter.errors import BackendError, InputError
from drafter.facts import load_facts
from drafter.plan import plan_report
from drafter.testing import Reply, ScriptedModel, ScriptedRequest, ScriptedServer


def test_scripted_model_drafts_without_http(
    facts_zh: Path, good_zh: dict[str, str], good_reply: Callable[[ScriptedRequest], str]
) -> None:
    model = ScriptedModel(good_reply)
    events: list[SectionEvent] = []
    result = draft(load_facts(facts_zh), backend=model, on_event=events.append)
    assert [s.text for s in result.sections] == [good_zh[s.id] for s in result.sections]
    assert {s.origin for s in result.sections} == {"generated"}
    states = [e.state for e in events if e.section == "plans"]
    assert states == ["queued", "drafting", "checking", "done"]


def test_draft_section_sends_a_fresh_request(
    facts_zh: Path, good_reply: Callable[[ScriptedRequest], str]
) -> None:
    model = ScriptedModel(good_reply)
    plan = plan_report(load_facts(facts_zh))
    draft_section(plan, "plans", model)
    again = draft_section(plan, "plans", model)
    assert len(model.requests) == 2
    assert again.heading == "三、2026年工作安排"


def test_revise_section_sends_the_instruction_and_current_text(
    openai_server: ScriptedServer, facts_zh: Path
) -> None:
    openai_server.set_script(["（一）推进分馆建设。\n\n（二）延伸服务网点。"])
    plan = plan_report(load_facts(facts_zh))
    backend = make_backend(openai_server.options())
    result = revise_section(plan, "plans", "（一）推进分馆建设，延伸服务网点。", "分成两条 {{x}}", backend)
    assert result.origin == "instruction"
    assert result.text == "（一）推进分馆建设。\n\n（二）延伸服务网点。"
    request = openai_server.requests[0]
    assert request.task == "revise"
    assert "分成两条 {{x}}" in request.user and "（一）推进分馆建设，延伸服务网点。" in request.user


def test_revise_with_the_offline_backend_says_how_to_configure_a_model(facts_zh: Path) -> None:
    plan = plan_report(load_facts(facts_zh))
    with pytest.raises(BackendError) as caught:
        revise_section(plan, "plans", "text", "shorter", make_backend())
    assert "needs a model" in str(caught.value) and "--base-url" in str(caught.value)


def test_unknown_section_is_an_input_error(facts_zh: Path) -> None:
    with pytest.raises(InputError, match="no section 'nope'"):
        draft_section(plan_report(load_facts(facts_zh)), "nope", None)


def test_every_section_failing_raises_one_backend_error(facts_zh: Path) -> None:
    model = ScriptedModel(lambda r: Reply(status=400, content="bad request"))
    with pytest.raises(BackendError, match="no section could be drafted"):
        draft(load_facts(facts_zh), backend=model)


@pytest.mark.parametrize(
    ("reply", "heading", "expected"),
    [
        ("```markdown\n正文。\n```", None, "正文。"),
        ("## 一、2025年主要工作\n\n正文。", "一、2025年主要工作", "正文。"),
        ("## （一）读者服务\n正文。", "一、2025年主要工作", "### （一）读者服务\n正文。"),
        ("  正文。  \n", "Plans", "正文。"),
    ],
)
def test_replies_are_tidied_into_section_bodies(reply: str, heading: str | None, expected: str) -> None:
    assert clean_reply(reply, heading) == expected


def test_progress_without_terminal_prints_one_line_per_finished_section() -> None:
    stream = io.StringIO()
    ticks = iter([0.0, 0.0, 1.5, 2.0, 2.0, 3.0])
    with Progress(Console(file=stream, width=120), clock=lambda: next(ticks)) as progress:
        for state in ("queued", "drafting", "done"):
            progress.on_event(SectionEvent("plans", "三、2026年工作安排", state))  # type: ignore[arg-type]
        for state in ("drafting", "repairing", "failed"):
            progress.on_event(SectionEvent("problems", None, state, "HTTP 500"))  # type: ignore[arg-type]
    lines = stream.getvalue().splitlines()
    assert lines == ["done   三、2026年工作安排 (1.5 s)", "failed problems (1.0 s) — HTTP 500"]


def test_progress_without_terminal_says_every_so_often_what_is_still_running() -> None:
    stream = io.StringIO()
    with Progress(Console(file=stream, width=200), heartbeat=0.02) as progress:
        progress.on_event(SectionEvent("overview", None, "drafting", "75 tokens"))
        progress.on_event(SectionEvent("plans", "三、2026年工作安排", "drafting", "attempt 2/4"))
        progress.on_event(SectionEvent("problems", "二、存在的问题和不足", "done"))
        for _ in range(200):
            if "still running" in stream.getvalue():
                break
            time.sleep(0.01)
    line = stream.getvalue().splitlines()[1]
    assert line.startswith("still running: overview (drafting, 75 tokens, ")
    assert "三、2026年工作安排 (drafting, attempt 2/4, " in line and "存在的问题" not in line


def test_progress_on_a_terminal_shows_a_live_table() -> None:
    stream = io.StringIO()
    console = Console(file=stream, width=100, force_terminal=True)
    with Progress(console) as progress:
        progress.on_event(SectionEvent("plans", "三、2026年工作安排", "repairing", "round 1: 120场"))
    output = stream.getvalue()
    assert "三、2026年工作安排" in output and "repairing" in output and "round 1: 120场" in output


@pytest.mark.parametrize(
    ("retries", "delay", "expected"),
    [
        (0, 1.0, []),
        (3, 1.0, [1.0, 2.0, 4.0]),
        (6, 4.0, [4.0, 8.0, 16.0, 30.0, 30.0, 30.0]),
    ],
)
def test_back_off_doubles_and_is_bounded(retries: int, delay: float, expected: list[float]) -> None:
    assert RetryPolicy(retries=retries, delay=delay).waits() == expected


def test_retries_stop_after_the_policy_and_name_the_attempts() -> None:
    waited: list[float] = []
    calls = iter(
        [
            TransientBackendError("HTTP 503"),
            TransientBackendError("HTTP 503"),
            TransientBackendError("HTTP 503"),
        ]
    )

    def request() -> Completion:
        raise next(calls)

    with pytest.raises(TransientBackendError, match=r"HTTP 503 \(after 3 attempts\)"):
        with_retries(request, RetryPolicy(retries=2, delay=0.5), sleep=waited.append)
    assert waited == [0.5, 1.0]


def test_after_a_timeout_the_attempt_count_says_one_more_not_four() -> None:
    # The live trial showed "attempt 2/4" after a timeout, though a timeout is retried only once.
    shown: list[tuple[int, int]] = []

    def request() -> Completion:
        raise DeadlineError("no complete reply within 600 s")

    with pytest.raises(DeadlineError, match=r"after 2 attempts"):
        with_retries(
            request, RetryPolicy(), sleep=lambda _: None, on_attempt=lambda a, m: shown.append((a, m))
        )
    assert shown == [(1, 4), (2, 2)]


def test_a_slow_reply_times_out_and_is_retried(openai_server: ScriptedServer, facts_zh: Path) -> None:
    openai_server.set_script([Reply(content="太慢了。", delay=1.0)], default="（一）推进分馆建设。")
    plan = plan_report(load_facts(facts_zh))
    backend = make_backend(openai_server.options(timeout=0.3))
    result = draft_section(plan, "plans", backend)
    assert result.text == "（一）推进分馆建设。"
    assert len(openai_server.requests) == 2


def test_a_repaired_section_says_so_when_done(
    facts_zh: Path, good_reply: Callable[[ScriptedRequest], str]
) -> None:
    def invent_once(request: ScriptedRequest) -> str:
        return "（一）推进分馆建设，新建分馆120个。" if request.task == "draft" else good_reply(request)

    events: list[SectionEvent] = []
    plan = plan_report(load_facts(facts_zh))
    result = draft_section(plan, "plans", ScriptedModel(invent_once), on_event=events.append)
    assert result.origin == "repaired" and result.unsupported == []
    assert [e.state for e in events] == ["drafting", "checking", "repairing", "checking", "done"]
    assert events[2].detail.startswith("round 1: 120")
    assert events[-1].detail == "1 repair round"


def test_a_repair_rounds_progress_line_counts_problems_instead_of_repeating_them() -> None:
    # The live library draft: 11 flagged figures and 16 list lines; the line read "list, list, list, …".
    live = (
        Path(__file__).parents[1] / "data" / "model-replies" / "qwen2.5-0.5b-live-achievements-en.md"
    ).read_text(encoding="utf-8")
    facts = Path(__file__).parents[2] / "examples" / "riverside-library-2025.yaml"
    events: list[SectionEvent] = []
    plan = plan_report(load_facts(facts))
    draft_section(
        plan, "achievements", ScriptedModel(lambda request: live), max_repairs=1, on_event=events.append
    )
    detail = next(e.detail for e in events if e.state == "repairing")
    assert detail.startswith("round 1: 12,640,000, 632,000, 48,000, 58,000, 341,200, 1500, 5 more, ")
    assert detail.endswith("list ×16") and "list, list" not in detail


def test_english_report_is_drafted_and_checked_by_section() -> None:
    replies = {
        "overview": "In 2025 the County Library served its community with a steady programme.",
        "achievements": "### Use of the service\n\nThe library received more than 52,000 visits.\n\n"
        "### Programmes\n\nIt held 109 reading events.",
        "problems": "The building is old and short of space.",
        "plans": "We will open two branch libraries.",
    }
    model = ScriptedModel(lambda request: replies[request.section or ""])
    result = draft(load_facts(Path(__file__).parent / "data" / "library-en.yaml"), backend=model)
    assert [s.heading for s in result.sections] == [
        "Overview",
        "Main achievements",
        "Problems and challenges",
        "Plans for 2026",
    ]
    assert all(s.unsupported == [] for s in result.sections)
    assert result.section("achievements").text.startswith("### Use of the service")
    assert "You are an experienced staff writer" in model.requests[0].system
