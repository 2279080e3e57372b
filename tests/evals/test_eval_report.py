"""Reports: the run file's exact shape, and an HTML page that parses, shows every case and escapes text."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from drafter.errors import EvalError
from drafter.evals.compare import verdict
from drafter.evals.report import html_report, json_report, marked_html
from drafter.evals.results import CaseResult, NumberMark, RunResult, SectionResult, aggregate, load_run
from drafter.evals.suite import Suite, load_suite


class Collector(HTMLParser):
    """Collects text, tags and ids; fails on tags closed out of order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.void = {"meta", "br", "hr", "img", "link", "input"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [v or "" for k, v in attrs if k == "id"]
        if tag not in self.void:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


SECTION = SectionResult(
    heading="一、2025年主要工作",
    text="## 一、2025年主要工作\n\n接待读者<script>alert(1)</script>326500人次！",
    start=100,
    metrics={"style": 0.5},
    numbers=[NumberMark(start=45, end=53, status="supported", text="326500人次", sources=["visitors"])],
)


def make_run(name_suffix: str = "") -> RunResult:
    cases = [
        CaseResult(
            case=f"case-{i}{name_suffix}",
            metrics={"number_faithfulness": 1.0, "style": 0.5},
            sections={"achievements": SECTION},
            violations=[
                {
                    "metric": "style",
                    "rule": "exclamation",
                    "message": "no '!' <b>",
                    "text": "！",
                    "section": "achievements",
                    "start": 153,
                    "end": 154,
                    "line": 3,
                    "column": 17,
                },
                {
                    "metric": "style",
                    "rule": "emoji",
                    "message": "no emoji",
                    "text": "🎉",
                    "section": None,
                    "start": 3,
                    "end": 4,
                    "line": 1,
                    "column": 4,
                },
                {
                    "metric": "fact_coverage",
                    "rule": "missing-fact",
                    "message": "missing",
                    "text": "loans: 图书外借",
                    "section": "achievements",
                    "start": None,
                    "end": None,
                    "line": None,
                    "column": None,
                },
            ],
        )
        for i in range(3)
    ]
    return RunResult(
        suite="evals/suite.yaml",
        prompts="prompts/",
        backend="offline",
        model=None,
        created="2026-11-28T10:00:00Z",
        cases=cases,
        aggregate=aggregate(cases),
    )


@pytest.fixture
def suite(make_suite) -> Suite:  # type: ignore[no-untyped-def]
    return load_suite(make_suite(["library-2025"]))


def test_the_section_text_offsets_line_up() -> None:
    assert SECTION.text[45:53] == "326500人次"


def test_html_parses_and_shows_every_case_side_by_side(suite: Suite) -> None:
    candidate, baseline = make_run(), make_run()
    page = html_report(candidate, verdict(candidate, suite, baseline=baseline), baseline)
    parser = Collector()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    for case in candidate.cases:
        assert f"case-{case.case}" in parser.ids
    text = "".join(parser.text)
    assert "Baseline" in text and "Candidate" in text
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch
    assert 'class="supported"' in page and 'class="violation"' in page
    assert "loans: 图书外借" in text  # an unplaced violation is listed under its section
    assert "emoji: no emoji — 🎉" in text  # one outside every section (the title) under its case


def test_marks_wrap_exactly_the_marked_text() -> None:
    html = marked_html(SECTION, make_run().cases[0].violations)
    assert '<span class="supported" title="supported: visitors">326500人次</span>' in html
    assert '<span class="violation" title="exclamation: no &#x27;!&#x27; &lt;b&gt;">！</span>' in html


def test_the_run_file_has_exactly_the_documented_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(make_run().to_json())
    assert list(data) == [
        *("suite", "prompts", "backend", "model", "created", "cases", "aggregate", "prompt_files")
    ]
    assert list(data["cases"][0]) == ["case", "metrics", "sections", "violations", "usage"]
    path = tmp_path / "run.json"
    path.write_text(make_run().to_json(), encoding="utf-8")
    assert load_run(path) == make_run()


def test_json_output_adds_the_verdict(suite: Suite) -> None:
    run = make_run()
    data = json.loads(json_report(run, verdict(run, suite, baseline=run), run))
    assert data["failures"] == [] and data["baseline"]["aggregate"] == run.aggregate
    assert {c["metric"] for c in data["comparison"]} == {"number_faithfulness", "style"}


@pytest.mark.parametrize(
    ("content", "words"), [("{not json", "not a JSON run file"), ('{"suite": "x"}', "Field required")]
)
def test_a_bad_run_file_is_an_eval_error(tmp_path, content: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "run.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=words):
        load_run(path)
