"""Draft → Markdown / text, the output format, and safe (atomic, non-clobbering) writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from runner import Cli

from drafter.document import choose_format, render_markdown, render_text, write_document
from drafter.document.blocks import Block, body_blocks
from drafter.errors import InputError, OutputExistsError
from drafter.sections import Draft, DraftSection

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _draft(language: str = "zh") -> Draft:
    sections = [
        DraftSection(id="overview", heading=None, text="开头段。"),
        DraftSection(
            id="achievements", heading="一、2025年主要工作", text="### （一）师资建设\n\n举办培训109期。"
        ),
        DraftSection(id="problems", heading="二、存在的问题和不足", text="（一）投入不足。"),
    ]
    return Draft(
        title="某县教育局2025年度工作总结",
        language=language,
        kind="work-summary",
        backend="offline",
        sections=sections,
    )


def test_markdown_has_title_headings_and_sub_headings() -> None:
    assert render_markdown(_draft()) == (
        "# 某县教育局2025年度工作总结\n\n开头段。\n\n## 一、2025年主要工作\n\n### （一）师资建设\n\n"
        "举办培训109期。\n\n## 二、存在的问题和不足\n\n（一）投入不足。\n"
    )


def test_text_drops_heading_marks_only() -> None:
    text = render_text(_draft())
    assert text.startswith("某县教育局2025年度工作总结\n\n开头段。")
    assert "#" not in text and "（一）师资建设\n\n举办培训109期。" in text


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        (None, None, "md"),
        ("out.md", None, "md"),
        ("out.markdown", None, "md"),
        ("OUT.TXT", None, "txt"),
        ("out.docx", None, "docx"),
        ("out.md", "md", "md"),
        ("out.report", "txt", "txt"),
        (None, "txt", "txt"),
    ],
)
def test_format_comes_from_extension_then_option(path: str | None, fmt: str | None, expected: str) -> None:
    assert choose_format(Path(path) if path else None, fmt) == expected


@pytest.mark.parametrize(
    ("path", "fmt", "message"),
    [
        ("out.pdf", None, "unknown output extension"),
        ("out.md", "pdf", "unknown format 'pdf'"),
        ("out.docx", "md", "--format md disagrees with the extension .docx"),
        ("x.md", "docx", "--format docx disagrees with the extension .md"),
        (None, "docx", "--format docx needs a file"),
    ],
)
def test_unknown_or_disagreeing_format_is_refused(path: str | None, fmt: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message):
        choose_format(Path(path) if path else None, fmt)


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_write_refuses_to_overwrite_without_force(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("keep me")
    with pytest.raises(OutputExistsError):
        write_document(_draft(), target, fmt)  # type: ignore[arg-type]
    assert target.read_text() == "keep me"
    write_document(_draft(), target, fmt, force=True)  # type: ignore[arg-type]
    assert target.read_bytes() != b"keep me"


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_document(_draft(), out / "a.md", "md")
    write_document(_draft(), out / "a.docx", "docx")
    write_document(_draft(), out / "a.md", "md", force=True)
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == render_markdown(_draft())


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        (
            "### （一）师资建设\n\n第一段。\n\n第二段",
            [
                Block("heading", "（一）师资建设", 1),
                Block("paragraph", "第一段。"),
                Block("paragraph", "第二段"),
            ],
        ),
        (
            "### Finance\nThe budget\nrose.\n#### Grants",
            [
                Block("heading", "Finance", 1),
                Block("paragraph", "The budget rose."),
                Block("heading", "Grants", 2),
            ],
        ),
        ("中文\n续行", [Block("paragraph", "中文续行")]),
        (
            "We will:\n\n1. Buildings. Replace the heating.\n2. Staff. Recruit\nlibrarians.",
            [
                Block("paragraph", "We will:"),
                Block("item", "Buildings. Replace the heating.", 1),
                Block("item", "Staff. Recruit librarians.", 2),
            ],
        ),
        ("1.8亿元用于校舍改造。", [Block("paragraph", "1.8亿元用于校舍改造。")]),
        ("", []),
    ],
)
def test_body_blocks(text: str, blocks: list[Block]) -> None:
    assert body_blocks(text) == blocks


def test_cli_draft_writes_docx_and_refuses_a_second_run(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    example = str(EXAMPLES / "qingxi-education-2025.yaml")
    first = cli("draft", example, "-o", "out.docx")
    assert first.code == 0, first.err
    assert (tmp_path / "out.docx").read_bytes()[:2] == b"PK"
    second = cli("draft", example, "-o", "out.docx")
    assert second.code == 2
    lines = second.err.strip().splitlines()
    assert len(lines) == 1 and "out.docx" in lines[0] and "--force" in lines[0]
    assert "Traceback" not in second.err
    assert cli("draft", example, "-o", "out.docx", "--force").code == 0


# ---- what the documents carry besides the sections ----

EN_FACTS = """
report: {title: Harbour Trust Annual Report 2025, organization: Harbour Trust, period: '2025',
         next_period: '2026', language: en, date: 2026-03-05}
facts:
  - {id: income, label: total income, value: 12345678, unit: GBP, previous: 11900000, topic: Finance}
  - {id: grants, label: grants awarded, value: 1200000, unit: USD, approx: about, previous: 1350000,
     topic: Finance}
  - {id: fund, label: endowment fund, value: 2500000000, unit: EUR, previous: 2400000000, topic: Finance}
  - {id: visitors, label: visitors, value: 48000, approx: more-than, previous: 0, topic: Visitors}
  - {id: satisfaction, label: visitor satisfaction, value: 91.5, unit: "%", previous: 93.0, topic: Visitors}
  - {id: volunteers, label: volunteers, value: 320, topic: Visitors}
  - {id: repairs, label: repairs outstanding, value: 14, section: problems, topic: Buildings}
"""


def test_english_markdown_carries_date_table_and_every_table_figure_passes_the_checker() -> None:
    from drafter import check, draft
    from drafter.facts import parse_facts

    facts = parse_facts(EN_FACTS, "yaml")
    text = render_markdown(draft(facts))
    lines = text.splitlines()
    assert lines[:3] == ["# Harbour Trust Annual Report 2025", "", "5 March 2026"]
    table = [line for line in lines if line.startswith("| ")]
    assert table[0] == "| Measure | This year | Previous year | Change |"
    rows = {row.split(" | ")[0].lstrip("| "): row for row in table[1:]}
    assert rows["Total income"] == "| Total income | £12.35 million | £11.9 million | +3.7% |"
    assert rows["Grants awarded"] == "| Grants awarded | about $1.2 million | $1.35 million | −11.1% |"
    assert rows["Endowment fund"] == "| Endowment fund | €2.5 billion | €2.4 billion | +4.2% |"
    assert rows["Visitors"] == "| Visitors | more than 48,000 | 0 | – |"  # no rate from zero
    assert rows["Visitor satisfaction"] == "| Visitor satisfaction | 91.5% | 93.0% | −1.5 points |"
    assert "Repairs outstanding" not in rows  # a problem, not an achievement
    report = check(text, facts)
    assert report.ok, [m.text for m in report.unsupported]
    start = text.index("## Year at a glance")
    in_table = [m for m in report.mentions if start <= m.start < text.index("## Overview")]
    assert len(in_table) >= 15 and all(m.status != "unsupported" for m in in_table)


def test_key_figures_need_four_important_facts() -> None:
    from drafter import draft
    from drafter.facts import parse_facts

    few = EN_FACTS.replace("topic: Visitors}", "topic: Visitors, important: false}")
    text = render_markdown(draft(parse_facts(few, "yaml")))
    assert "Year at a glance" not in text and "| Measure |" not in text


def test_text_output_carries_the_same_table_aligned() -> None:
    from drafter import draft
    from drafter.facts import parse_facts

    result = draft(parse_facts(EN_FACTS, "yaml"))
    text = render_text(result)
    assert "#" not in text and "|" not in text
    assert "\n5 March 2026\n\nYear at a glance\n\nMeasure " in text
    assert "Total income" in text and "£12.35 million" in text
    assert "Year at a glance" not in render_text(result, key_figures=False)


def test_chinese_markdown_carries_number_recipients_and_signatory() -> None:
    from drafter import check, draft
    from drafter.facts import parse_facts

    facts = parse_facts(
        "report: {title: 某县图书馆2025年度工作总结, organization: 某县图书馆, period: '2025',"
        " date: 2026-01-09, signatory: 某县公共图书馆, document_number: 某图发〔2026〕3号,"
        " recipients: 县文化广电旅游体育局}\n",
        "yaml",
    )
    text = render_markdown(draft(facts))
    assert text.startswith("# 某县图书馆2025年度工作总结\n\n某图发〔2026〕3号\n\n县文化广电旅游体育局：\n\n")
    assert text.endswith("某县公共图书馆\n\n2026年1月9日\n")
    assert "| " not in text  # a 公文 carries no key-figures table
    assert check(text, facts).ok


def test_cli_no_key_figures(cli: Any) -> None:
    example = EXAMPLES / "riverside-library-2025.yaml"
    with_table = cli("draft", example)
    without = cli("draft", example, "--no-key-figures")
    assert with_table.code == without.code == 0, without.err
    assert "## Year at a glance" in with_table.out and "$8.45 million" in with_table.out
    assert "Year at a glance" not in without.out and "3 February 2026" in without.out


def test_paper_setting_from_drafter_toml(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx import Document

    monkeypatch.chdir(tmp_path)
    example = EXAMPLES / "riverside-library-2025.yaml"
    assert cli("draft", example, "-o", "letter.docx").code == 0
    (tmp_path / "drafter.toml").write_text('paper = "a4"\n')
    assert cli("draft", example, "-o", "a4.docx").code == 0
    widths = [
        round(Document(str(tmp_path / n)).sections[0].page_width.mm) for n in ("letter.docx", "a4.docx")
    ]
    assert widths == [216, 210]
    (tmp_path / "drafter.toml").write_text('paper = "b5"\n')
    bad = cli("draft", example, "-o", "b5.docx")
    assert bad.code == 2 and "paper" in bad.err and "Traceback" not in bad.err
