"""The eval HTML page a reviewer reads: prompt changes, case × metric table, SVG plots, word diff."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter.errors import EvalError
from drafter.evals.compare import verdict
from drafter.evals.html import html_report, render_text, word_diff
from drafter.evals.results import CaseResult, NumberMark, RunResult, SectionResult, aggregate, load_run
from drafter.evals.suite import Suite, load_suite

SYSTEM_A = "---\nversion: 1\ndescription: plain\n---\nWrite formally.\n"
SYSTEM_B = "---\nversion: 2\ndescription: stricter\n---\nWrite formally.\nKeep every figure exact.\n"
TEXT = "### （一）阅读服务\n\n全年接待读者128000人次，举办活动56场。\n\n另有说明。"


class Page(HTMLParser):
    """Collects tags, their attributes and the text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str, css: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (css is None or css in (a.get("class") or "")))


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def case(case_id: str, style: float, text: str = TEXT, usage: dict[str, float] | None = None) -> CaseResult:
    start = text.index("128000")
    numbers = [
        NumberMark(start=start, end=start + 8, status="supported", text="128000人次", sources=["visits"])
    ]
    sections = {
        "overview": SectionResult(heading=None, text="总体情况良好。", start=0, metrics={"style": 1.0}),
        "achievements": SectionResult(
            heading="一、主要工作", text=text, start=10, metrics={"style": style}, numbers=numbers
        ),
    }
    return CaseResult(case=case_id, metrics={"style": style}, sections=sections, usage=usage or {})


def run(cases: list[CaseResult], system: str) -> RunResult:
    return RunResult(
        suite="suite.yaml",
        prompts="prompts",
        backend="openai",
        model="demo",
        created="2026-11-30T00:00:00Z",
        cases=cases,
        aggregate=aggregate(cases),
        prompt_files={
            "work-summary/zh/system.md": system,
            "work-summary/zh/overview.md": "---\nversion: 1\n---\n",
        },
    )


@pytest.fixture
def suite(make_suite) -> Suite:  # type: ignore[no-untyped-def]
    return load_suite(make_suite(["library-2025"]))


@pytest.fixture
def compared(suite: Suite) -> str:
    usage = {"requests": 4, "repair_rounds": 1, "input_tokens": 900, "output_tokens": 300, "latency_s": 2.5}
    baseline = run([case("a", 1.0, usage=usage), case("b", 0.9)], SYSTEM_A)
    changed = TEXT.replace("举办活动56场", "举办阅读推广活动56场")
    candidate = run([case("a", 1.0, usage=usage), case("b", 0.6, changed)], SYSTEM_B)
    return html_report(candidate, verdict(candidate, suite, baseline=baseline), baseline)


def test_prompt_changes_panel_lists_the_changed_file_with_versions_and_a_diff(compared: str) -> None:
    page = parse(compared)
    text = "".join(page.text)
    assert "1 of 2 prompt files differ" in text
    assert "work-summary/zh/system.md" in text and "work-summary/zh/overview.md" not in text
    assert "stricter" in text and "plain" in text
    assert "+Keep every figure exact." in text and "-version: 1" in text
    assert page.count("span", "d-add") >= 2 and page.count("span", "d-del") >= 1


def test_case_table_puts_the_regression_first_with_its_delta(compared: str) -> None:
    table = compared[compared.index("Cases (largest drop first)") :]
    assert table.index('href="#case-b"') < table.index('href="#case-a"')
    assert "0.900 → 0.600" in table and '<span class="bad">-0.300</span>' in table


def test_one_svg_per_compared_metric_with_interval_and_tolerance(compared: str) -> None:
    page = parse(compared)
    assert page.count("svg", "delta-plot") == 1
    assert page.count("circle") == 2  # one dot per case
    assert "tolerance" in "".join(page.text) and "95% interval of the mean change" in compared
    assert "<script" not in compared


def test_changed_words_are_marked_and_unchanged_sections_folded(compared: str) -> None:
    page = parse(compared)
    assert '<span class="ins" title="added">阅读推广</span>' in compared
    assert page.count("details") >= 3  # overview of a and b, achievements of a
    assert page.count("h5") >= 2 and "###" not in compared  # headings rendered, not raw


def test_drafting_cost_is_compared(compared: str) -> None:
    section = compared[compared.index("Drafting cost") :]
    assert "repair rounds" in section and "1 → 1" in section and "900 → 900" in section


def test_a_single_run_page_has_no_baseline_columns(suite: Suite) -> None:
    single = run([case("a", 1.0)], SYSTEM_A)
    page = html_report(single, verdict(single, suite))
    assert "baseline" not in page.lower().replace("baseline run", "")
    assert "Prompt changes" not in page and "<svg" not in page and "Drafting cost" not in page


def test_every_attribute_is_escaped(suite: Suite) -> None:
    hostile = case('x" onmouseover="alert(1)', 1.0)
    hostile.sections["achievements"].numbers[0].sources[0] = '"><img src=x onerror=alert(1)>'
    single = run([hostile], SYSTEM_A)
    page = parse(html_report(single, verdict(single, suite)))
    for _, attrs in page.tags:
        assert "onmouseover" not in attrs and "onerror" not in attrs


def test_a_tampered_baseline_status_is_refused_on_load(tmp_path: Path) -> None:
    data = json.loads(run([case("a", 1.0)], SYSTEM_A).to_json())
    data["cases"][0]["sections"]["achievements"]["numbers"][0]["status"] = 'x" onclick="alert(1)'
    path = tmp_path / "run.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EvalError, match="status"):
        load_run(path)


def test_word_diff_marks_only_what_changed() -> None:
    removed, added = word_diff("举办活动56场。\nSame line.", "举办活动57场。\nSame line.")
    assert [(s, e) for s, e, *_ in removed] == [(4, 6)]
    assert [(s, e) for s, e, *_ in added] == [(4, 6)]


def test_render_text_keeps_marks_across_headings_and_paragraphs() -> None:
    html = render_text("### 标题\n\n正文12个。", [(10, 13, "supported", "ok")])
    assert html == '<h5>标题</h5><p>正文<span class="supported" title="ok">12个</span>。</p>'


def test_the_terminal_tables_fit_80_columns_without_wrapping(suite: Suite) -> None:
    from rich.console import Console

    from drafter.evals.report import cases_table, summary_table

    metrics = {
        "number_faithfulness": 0.9,
        "fact_coverage": 0.8,
        "structure": 1.0,
        "style": 0.95,
        "length": 1.0,
    }
    cases = [CaseResult(case=f"city-civilization-202{i}", metrics=metrics) for i in range(3)]
    base_cases = [CaseResult(case=c.case, metrics={m: 1.0 for m in metrics}) for c in cases]
    candidate, baseline = run(cases, SYSTEM_B), run(base_cases, SYSTEM_A)
    judged = verdict(candidate, suite, baseline=baseline)
    console = Console(width=80, record=True, color_system=None)
    console.print(summary_table(candidate, judged))
    console.print(cases_table(candidate, judged))
    lines = console.export_text().splitlines()
    assert all(len(line) <= 80 for line in lines)
    numbers = next(line for line in lines if line.strip().startswith("numbers"))
    assert "-0.100" in numbers and "0.900" in numbers  # one row per metric, nothing wrapped
