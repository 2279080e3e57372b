"""A Chinese report with a date ends with its issuer and date (GB/T 9704-2012 署名 and 成文日期)."""

import io
from pathlib import Path

import pytest
from docx import Document

from drafter import check, draft, load_facts, render_markdown
from drafter.document.word import render_docx
from drafter.facts import parse_facts
from drafter.plan import signature_lines

BASE = "report: {{title: 某县图书馆2025年度工作总结, organization: 某县图书馆, period: '2025'{extra}}}\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (", date: 2026-01-09", ["某县图书馆", "2026年1月9日"]),  # no zero padding in 成文日期
        ("", []),  # nothing to sign off without a date
        (", date: 2026-01-09, language: en", []),  # English annual reports carry no signature block
    ],
)
def test_signature_lines(extra: str, expected: list[str]) -> None:
    facts = parse_facts(BASE.format(extra=extra), "yaml")
    assert signature_lines(facts) == expected


def test_markdown_ends_with_the_signature_and_the_checker_accepts_its_date() -> None:
    facts = parse_facts(BASE.format(extra=", date: 2026-01-09"), "yaml")
    text = render_markdown(draft(facts))
    assert text.endswith("某县图书馆\n\n2026年1月9日\n")
    assert check(text, facts).ok


def test_a_changed_date_in_the_signature_is_flagged() -> None:
    facts = parse_facts(BASE.format(extra=", date: 2026-01-09"), "yaml")
    text = render_markdown(draft(facts)).replace("2026年1月9日", "2026年1月19日")
    # The checker reads a full date as its year (2026年, still right) and its day (1月19日, now wrong).
    assert [m.text for m in check(text, facts).unsupported] == ["1月19日"]


def test_word_signature_is_right_aligned_with_the_date_four_characters_in() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    facts = load_facts(examples / "qingxi-education-2025.yaml")
    doc = Document(io.BytesIO(render_docx(draft(facts))))
    issuer, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (issuer.text, date.text.replace("\u2060", "")) == ("青溪县教育局", "2026年1月12日")
    assert issuer.alignment == date.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent.pt == 4 * 16
    # The issuer (6 characters) is centred over the date (10 characters): two characters further in.
    assert issuer.paragraph_format.right_indent.pt == 6 * 16
