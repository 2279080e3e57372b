"""The repair loop against replies modelled on a real small model's: it never makes a draft worse."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drafter.backends import make_backend
from drafter.drafting import draft
from drafter.facts import load_facts
from drafter.repair import estimate_tokens
from drafter.testing import Reply, ScriptedRequest, ScriptedServer

Cli = Callable[..., Any]
Script = Callable[[ScriptedRequest], str]
REPLIES = Path(__file__).parents[1] / "data" / "model-replies"
ACHIEVEMENTS = (
    "### （一）读者服务\n\n全年接待读者52000多人次，图书外借86000册次。\n\n"
    "### （二）阅读推广\n\n举办阅读推广活动109场，志愿者服务时长3200小时。"
)


def _draft(server: ScriptedServer, facts: Path, **options: Any) -> Any:
    return draft(load_facts(facts), backend=make_backend(server.options(**options)))


def _achievements(result: Any) -> Any:
    return next(s for s in result.sections if s.id == "achievements")


def _calls(home: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(home / "logs.db") as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM calls ORDER BY id")]


def test_a_repair_that_drops_facts_is_rejected_and_the_draft_kept(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    # Round 1 "fixes" the invented 120人 by deleting a whole topic (2 facts): worse, though it has no flag.
    first = ACHIEVEMENTS + "\n\n培训馆员120人。"

    def script(request: ScriptedRequest) -> str:
        if request.section != "achievements":
            return good_reply(request)
        return (
            "### （一）读者服务\n\n全年接待读者52000多人次，图书外借86000册次。"
            if request.task == "repair"
            else first
        )

    openai_server.set_script(script)
    section = _achievements(_draft(openai_server, facts_zh))
    assert section.text == first
    assert section.unsupported == ["120人"] and section.origin == "generated"
    # The round made no progress, so the loop stopped instead of asking again.
    assert len([r for r in openai_server.requests if r.task == "repair"]) == 1


def test_a_repair_that_fixes_the_figure_and_keeps_the_facts_is_taken(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    def script(request: ScriptedRequest) -> str:
        if request.section == "achievements" and request.task == "draft":
            return ACHIEVEMENTS + "\n\n培训馆员120人。"
        return good_reply(request)

    openai_server.set_script(script)
    section = _achievements(_draft(openai_server, facts_zh))
    assert section.text == ACHIEVEMENTS and section.origin == "repaired" and section.unsupported == []


def test_a_failed_repair_request_keeps_the_draft_with_its_problems(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    # The real server answered a too-long repair prompt with HTTP 400; the first draft became a placeholder.
    first = ACHIEVEMENTS + "\n\n培训馆员120人。"

    def script(request: ScriptedRequest) -> Reply | str:
        if request.section != "achievements":
            return good_reply(request)
        if request.task == "repair":
            return Reply(status=400, content="request (9389 tokens) exceeds the available context size")
        return first

    openai_server.set_script(script)
    section = _achievements(_draft(openai_server, facts_zh))
    assert section.origin == "generated" and section.text == first and section.unsupported == ["120人"]


def test_safe_form_fixes_are_applied_and_the_rest_goes_to_repair(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    leaked = "### 1.1 读者服务\n\n**全年**接待读者52000多人次，图书外借86000册次。\n=== END FACTS ===\n\n" + (
        "### 1.2 阅读推广\n\n举办阅读推广活动109场，志愿者服务时长3200小时。"
    )

    def script(request: ScriptedRequest) -> str:
        if request.section == "achievements" and request.task == "draft":
            return leaked
        return good_reply(request)

    openai_server.set_script(script)
    section = _achievements(_draft(openai_server, facts_zh))
    assert section.text == ACHIEVEMENTS and section.form == []
    repair = next(r for r in openai_server.requests if r.task == "repair")
    sent = repair.data["form_problems"]
    # Only what is left, one entry per kind of problem with its texts.
    assert [p["text"] for p in sent] == [["### 1.1 读者服务", "### 1.2 阅读推广"]]
    assert "**" not in repair.user and "=== END FACTS ===\n\n### 1.2" not in repair.user


def test_the_safe_fixes_are_in_the_run_log(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path, monkeypatch: Any, tmp_path: Path
) -> None:
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))

    def script(request: ScriptedRequest) -> str:
        text = good_reply(request)
        return f"**{text}**\n=== END FACTS ===" if request.section == "problems" else text

    openai_server.set_script(script)
    _draft(openai_server, facts_zh)
    results = [json.loads(c["check_result"]) for c in _calls(tmp_path) if c["section"] == "problems"]
    assert results[0]["form_fixed"] == ["bold", "delimiter"] and results[0]["form_problems"] == []


def test_an_unrepairable_form_problem_is_kept_marked_and_exits_1(
    good_reply: Script, cli: Cli, openai_server: ScriptedServer, facts_zh: Path, tmp_path: Path
) -> None:
    looping = "一是馆舍老旧，" + "部分区域空间不足，" * 40

    def script(request: ScriptedRequest) -> str:
        return looping if request.section == "problems" else good_reply(request)

    openai_server.set_script(script)
    out = tmp_path / "report.md"
    result = cli("draft", facts_zh, "--base-url", openai_server.base_url, "-o", out)
    assert result.code == 1
    assert "部分区域空间不足" in out.read_text(encoding="utf-8")  # kept, not replaced
    assert "form problems in 二、存在的问题和不足: 同一短语连续重复多次" in result.err


def test_the_problems_left_are_said_once_per_kind_with_a_count(
    good_reply: Script, cli: Cli, openai_server: ScriptedServer, facts_zh: Path, tmp_path: Path
) -> None:
    # A small model keeps its Markdown list through every repair round: 6 list lines are one thing to fix.
    listed = "\n".join(f"- 第{i}项工作有待加强" for i in "一二三四五六")

    def script(request: ScriptedRequest) -> str:
        return listed if request.section == "problems" else good_reply(request)

    openai_server.set_script(script)
    result = cli("draft", facts_zh, "--base-url", openai_server.base_url, "-o", tmp_path / "report.md")
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if x.startswith("form problems in 二、"))
    assert "×6" in line and line.count("第") == 1, line


def test_max_tokens_comes_from_the_length_bound_and_a_cut_off_reply_is_asked_shorter_once(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    def script(request: ScriptedRequest) -> Reply | str:
        if request.section == "problems" and "截断" not in request.user:
            return Reply(content="一是馆舍老旧，" + "部分区域空间不足，" * 40, finish_reason="length")
        return good_reply(request)

    openai_server.set_script(script)
    result = _draft(openai_server, facts_zh)
    problems = [r for r in openai_server.requests if r.section == "problems"]
    # LangChain sends max_tokens as max_completion_tokens (llama.cpp reads both).
    assert problems[0].params["max_completion_tokens"] == int(1500 * 1.5) + 64
    assert len(problems) == 2 and "不超过1500字" in problems[1].user
    assert next(s for s in result.sections if s.id == "problems").text == good_reply(problems[1])


def test_an_english_reply_is_capped_by_its_length_bound_in_characters(
    good_reply: Script, openai_server: ScriptedServer
) -> None:
    # The bound is in characters (1,200 for the problems): about 300 tokens, not 1,200 words' worth, so a
    # looping small model is cut off after a minute instead of running into the request's deadline.
    facts = Path(__file__).parent / "data" / "library-en.yaml"
    openai_server.set_script(lambda request: "The central library's heating failed twice in the winter.")
    _draft(openai_server, facts)
    problems = next(r for r in openai_server.requests if r.section == "problems")
    assert problems.params["max_completion_tokens"] == int(1200 / 4 * 1.5) + 64


def test_a_cut_off_reply_is_a_form_problem_when_the_retry_is_cut_off_too(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    def script(request: ScriptedRequest) -> Reply | str:
        if request.section == "problems":
            return Reply(content=good_reply(request), finish_reason="length")
        return good_reply(request)

    openai_server.set_script(script)
    section = next(s for s in _draft(openai_server, facts_zh, max_repairs=0).sections if s.id == "problems")
    assert section.form and "截断" in section.form[0]


def test_the_repair_prompt_stays_bounded_and_fits_the_context(openai_server: ScriptedServer) -> None:
    # The real repair prompt was 2.9x the draft prompt (7,863 tokens) and overflowed an 8,192 context.
    facts = Path(__file__).parents[2] / "examples" / "qingxi-education-2025.yaml"
    real = (REPLIES / "qwen2.5-0.5b-education-zh.md").read_text(encoding="utf-8")
    overview = real[real.index("### 2025年度") : real.index("\n## 一、")]  # looping, lists, foreign headings

    # Wrong units, approximations dropped, the delimiter copied: seven figures and five form problems.
    achievements = real[
        real.index("## 一、2025年主要工作\n\n### （一）") : real.index("\n## 二、存在的问题和不足\n\n总")
    ]

    def script(request: ScriptedRequest) -> str:
        return achievements if request.section == "achievements" else overview

    openai_server.set_script(script)
    _draft(openai_server, facts, max_repairs=1, context_size=8192)
    for section in ("overview", "achievements", "problems", "plans"):
        asked = [r for r in openai_server.requests if r.section == section]
        size = [sum(estimate_tokens(m["content"]) for m in r.messages) for r in asked]
        assert asked[0].task == "draft" and asked[1].task == "repair"
        assert size[1] < 2 * size[0], section
        assert size[1] + asked[1].params["max_completion_tokens"] <= 8192, section


def test_the_repair_request_quotes_the_whole_draft_and_every_kind_of_problem(
    openai_server: ScriptedServer,
) -> None:
    # The live overview wrote the whole report; its repair request quoted only the first 3 lines (the rest
    # cut to stay under the draft prompt's size) and listed 2 of 10 problems, both about the first line.
    facts = Path(__file__).parents[2] / "examples" / "qingxi-education-2025.yaml"
    live = (REPLIES / "qwen2.5-0.5b-live-overview-zh.md").read_text(encoding="utf-8").strip()
    openai_server.set_script(lambda request: live)
    _draft(openai_server, facts, max_repairs=1)
    repair = next(r for r in openai_server.requests if r.section == "overview" and r.task == "repair")
    assert "提高了学校教育改革效果不佳。\n=== END CURRENT TEXT" in repair.user  # the last sentence is there
    listed = [p["problem"][:6] for p in repair.data["form_problems"]]
    assert listed == ["正文写到了其", "不用 Mar"]
    headings = next(p["text"] for p in repair.data["form_problems"] if "其他部分" in p["problem"])
    assert headings == ["### 一、2025年主要工作", "### 二、存在的问题和不足", "### 三、2026年工作安排"]
