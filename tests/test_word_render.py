"""The Word documents as LibreOffice lays them out, measured from the PDF's text positions.

Skipped without LibreOffice (``apt-get install libreoffice-writer-nogui fonts-noto-cjk``). Prints the measured
distances (``pytest -s``).
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter import draft, load_facts
from drafter.document.word import render_docx

pypdf = pytest.importorskip("pypdf")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MM = 72 / 25.4  # points per millimetre

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed"),
]


@dataclass
class Line:
    """One printed line: its baseline (pt from the page bottom), left edge (pt) and text."""

    y: float
    x: float
    text: str


# Plain body paragraphs appended to the Chinese example, so that full pages and full lines are certain
# whatever the offline writer's wording (a 。 hanging at a line end is not a 29th grid cell).
FILLER = (
    "为进一步提高教育教学质量，我局坚持统筹谋划，细化工作措施，压实工作责任，推动各项重点任务落地见效。"
    "各学校按照年初部署，结合实际制定工作方案，加强过程管理和督促检查，确保各项工作有序推进。"
) * 3


def _pdf(tmp: Path, example: str, pad: int = 0) -> Path:
    docx = tmp / example.replace(".yaml", ".docx")
    result = draft(load_facts(EXAMPLES / example))
    if pad:
        last = result.sections[-1]
        text = last.text + "".join(f"\n\n{FILLER}" for _ in range(pad))
        result = result.model_copy(
            update={"sections": [*result.sections[:-1], last.model_copy(update={"text": text})]}
        )
    docx.write_bytes(render_docx(result))
    profile = f"-env:UserInstallation=file://{tmp / 'profile'}"
    subprocess.run(
        [str(SOFFICE), profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return docx.with_suffix(".pdf")


def _pages(pdf: Path) -> list[tuple[list[Line], float, float]]:
    """Every page's lines (top to bottom), width and height in points."""
    pages = []
    for page in pypdf.PdfReader(str(pdf)).pages:
        pieces: dict[float, list[tuple[float, str]]] = {}
        page.extract_text(visitor_text=_collector(pieces))
        lines = [
            Line(y, min(x for x, _ in parts), "".join(t for _, t in sorted(parts)).replace("\n", ""))
            for y, parts in sorted(pieces.items(), reverse=True)
        ]
        pages.append((lines, float(page.mediabox.width), float(page.mediabox.height)))
    return pages


def _collector(pieces: dict[float, list[tuple[float, str]]]) -> Callable[..., None]:
    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.setdefault(round(tm[5], 1), []).append((tm[4], text))

    return visit


@pytest.fixture(scope="module")
def zh_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[Line], float, float]]:
    return _pages(_pdf(tmp_path_factory.mktemp("zh"), "qingxi-education-2025.yaml", pad=8))


@pytest.fixture(scope="module")
def en_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[Line], float, float]]:
    return _pages(_pdf(tmp_path_factory.mktemp("en"), "riverside-library-2025.yaml"))


def _split(lines: list[Line]) -> tuple[list[Line], Line]:
    """The body lines (above the 35 mm bottom margin) and the page number line."""
    body = [line for line in lines if line.y > 35 * MM]
    return body, next(line for line in lines if line.y <= 35 * MM)


HANGING = "，。、；：！？）」”"


def _cells(text: str) -> int:
    # LibreOffice hangs a closing mark past the right margin rather than start a line with it (禁则):
    # it stands outside the 28-cell grid.
    return len(text) - 1 if len(text) > 28 and text[-1] in HANGING else len(text)


def test_zh_full_lines_hold_28_characters(zh_pages: list[tuple[list[Line], float, float]]) -> None:
    left = 28 * MM
    # Lines of Chinese characters only, starting at the left margin (not a paragraph's first line).
    lengths = Counter(
        _cells(line.text)
        for lines, _, _ in zh_pages
        for line in _split(lines)[0]
        if line.text.isascii() is False
        and not any(ch.isascii() for ch in line.text)
        and abs(line.x - left) < 2
    )
    print(f"\nChinese lines of Chinese characters only, by length: {sorted(lengths.items())}")
    assert max(lengths) == 28
    assert lengths[28] >= 5 and lengths[28] == max(lengths.values())


def test_zh_22_lines_a_page_at_a_fixed_pitch(zh_pages: list[tuple[list[Line], float, float]]) -> None:
    counts = [len(_split(lines)[0]) for lines, _, _ in zh_pages]
    print(f"\nChinese body lines per page: {counts}")
    assert max(counts) == 22 and all(c <= 22 for c in counts)
    full = next(lines for lines, _, _ in zh_pages if len(_split(lines)[0]) == 22)
    body = _split(full)[0]
    pitches = {round(a.y - b.y, 1) for a, b in itertools.pairwise(body)}
    assert pitches <= {28.9, 29.0}  # 28.95 pt


def test_zh_page_number_is_7mm_below_the_text_block(zh_pages: list[tuple[list[Line], float, float]]) -> None:
    for number, (lines, width, _) in enumerate(zh_pages, start=1):
        body, footer = _split(lines)
        assert footer.text.replace(" ", "") == f"—{number}—"
        block_bottom = 35 * MM
        top_of_digits = footer.y + 0.7 * 14  # cap height of a 4号 (14 pt) figure
        gap_mm = (block_bottom - top_of_digits) / MM
        last_line_mm = (body[-1].y - footer.y) / MM
        print(
            f"\npage {number}: page number baseline {(block_bottom - footer.y) / MM:.1f} mm below the text"
            f" block, its figures' top {gap_mm:.1f} mm below; {last_line_mm:.1f} mm below the last line"
        )
        assert 6.0 <= gap_mm <= 8.0
        # 右空一字 on odd pages, 左空一字 on even pages: one 14 pt character from the text edge.
        if number % 2 == 0:
            assert footer.x - 28 * MM == pytest.approx(14, abs=1.5)
        else:
            assert footer.x > width / 2


def test_en_page_one_is_an_annual_report_on_letter(en_pages: list[tuple[list[Line], float, float]]) -> None:
    lines, width, height = en_pages[0]
    assert (round(width), round(height)) == (612, 792)  # US Letter for a dollar report
    texts = [line.text.replace(" ", "") for line in lines]  # pypdf may drop the spaces between pieces
    assert texts[:3] == ["RiversidePublicLibraryAnnual", "Report2025", "3February2026"]
    assert "Yearataglance" in texts
    assert any("$8.45million" in t for t in texts)
    assert texts[-1] == "1"
