"""Read last year's report (.docx, .md, .txt) into blocks: title, headings, paragraphs and table rows.

Offices rarely use Word's heading styles, so a paragraph's role is read from the style when it has one and
otherwise from how it is written (一、… is a section heading, a short （一）… a sub-heading). A table row
becomes a sentence the figure extractor reads (举办培训班 | 109 | 期 → 举办培训班109期).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.facts.loader import decode

REPORT_SUFFIXES = (".docx", ".md", ".markdown", ".txt")
_ZH_NUM = "一二三四五六七八九十"
SECTION_HEADING = re.compile(rf"^[{_ZH_NUM}]+[、．.]\s*")
TOPIC_HEADING = re.compile(rf"^[（(][{_ZH_NUM}]+[）)]\s*")
EN_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_SENTENCE_STOP = re.compile(r"[。；;！？!?]")
_NUMBER_CELL = re.compile(r"^[约近超逾]?\s*[-+]?[\d,，]*\.?\d+\s*(%|％|[^\d\s]{0,4})$")
_CELL_WITH_UNIT = re.compile(r"[^\d.,，\s万亿千]$")  # 38万 with unit 小时 is 38万小时
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_SIGNS = ("$", "US$", "£", "€", "¥")
_RATE_HEADER = re.compile(r"增长|增幅|增减|同比|比上年|较上年|change|growth|increase|%\s*$", re.IGNORECASE)
_UNIT_HEADER = re.compile(r"^(单位|计量单位|unit|units)$", re.IGNORECASE)
_HEADER_UNIT = re.compile(r"[（(]([^（）()]{1,6})[）)]\s*$")


@dataclass(frozen=True)
class Block:
    """One piece of the report in reading order.

    Attributes:
        role: ``title``, ``section`` (a first-level heading), ``topic`` (a sub-heading), ``text`` or ``row``.
        text: The text (for a table row, the sentence made of its cells).
        where: Where it stands, as a user finds it: ``line 12``, ``paragraph 12``, ``table 1, row 3``.
        line: The line (text files) or paragraph number (.docx) the block starts at; for a row, its table's.
        source: What to quote in the skeleton's comment (for a row, its cells as written).
        label: For a table cell, its row's label (and column name): the figure's label as the table gives it.
    """

    role: str
    text: str
    where: str
    line: int
    source: str
    label: str = ""


def read_report(path: str | Path) -> list[Block]:
    """Return the blocks of the report at ``path``.

    Raises:
        InputError: The file is missing, unreadable, of an unknown type or not a Word document.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise InputError(
            f"unknown report type '{source.suffix or '(none)'}'",
            file=source,
            hint="give last year's report as .docx, .md or .txt",
        )
    if not source.is_file():
        raise InputError("no such file" if not source.exists() else "is not a file", file=source)
    if suffix == ".docx":
        return _read_docx(source)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=source) from exc
    return text_blocks(decode(raw, source), markdown=suffix != ".txt")


def text_blocks(text: str, *, markdown: bool = True) -> list[Block]:
    """Return the blocks of a plain-text or Markdown report (one block per non-empty line)."""
    blocks: list[Block] = []
    table: list[list[str]] = []
    table_line = 0
    tables = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if markdown and line.startswith("|") and line.endswith("|"):
            table_line = table_line or number
            if not re.fullmatch(r"\|[\s:|-]+\|", line):
                table.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        if table:
            tables += 1
            blocks += table_rows(table, tables, table_line)
            table, table_line = [], 0
        if not line:
            continue
        style = ""
        if markdown and line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            line = line.lstrip("#").strip()
            style = "title" if level == 1 else "section" if level == 2 else "topic"
        elif markdown and re.fullmatch(r"\*\*[^*]+\*\*", line):
            line, style = line.strip("*").strip(), "topic"
        role = style or _role(line, first=not blocks)
        blocks.append(Block(role, line, f"line {number}", number, line))
    if table:
        blocks += table_rows(table, tables + 1, table_line)
    return blocks


def _role(line: str, *, first: bool) -> str:
    """Return the role of an unstyled paragraph from how it is written."""
    # A heading has no full stop: （二）在工作机制方面，…不够紧密。 is a numbered paragraph, no sub-heading.
    short = len(line) <= 40 and not _SENTENCE_STOP.search(line.rstrip("：:")) and not line.endswith("。")
    if SECTION_HEADING.match(line) and short:
        return "section"
    if TOPIC_HEADING.match(line) and short and len(line) <= 30:
        return "topic"
    if first and short:
        return "title"
    return "text"


def _read_docx(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError("not a Word .docx document", file=path, hint="save it from Word as .docx") from exc
    except Exception as exc:  # a corrupt zip or XML inside: lxml and zipfile raise their own types
        raise InputError(f"cannot read the Word document ({type(exc).__name__})", file=path) from exc
    return list(_docx_blocks(document))


def _docx_blocks(document: Any) -> Iterator[Block]:
    from docx.table import Table

    paragraph = tables = 0
    first = True
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            yield from table_rows(_cells(item), tables, paragraph + 1)
            continue
        paragraph += 1
        text = item.text.strip()
        if not text:
            continue
        role = _style_role(item.style.name if item.style is not None else "") or _role(text, first=first)
        first = False
        yield Block(role, text, f"paragraph {paragraph}", paragraph, text)


def _style_role(style: str) -> str:
    name = style.lower()
    if name == "title":
        return "title"
    if name == "heading 1":
        return "section"
    if name.startswith("heading"):
        return "topic"
    return ""


def _cells(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        # A horizontally merged cell is returned once per grid column: keep it once.
        rows.append([c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1] or not c])
    return rows


def table_rows(rows: list[list[str]], number: int, line: int) -> list[Block]:
    """Return one ``row`` block per figure of a table whose first row is the header.

    Each block is the figure of a row's current column (the latest year's; rate and earlier-year columns
    are left out) with the unit from a unit column or the header (金额（万元）), labelled by the row.
    """
    if len(rows) < 2:
        return []
    header = rows[0]
    unit_col = next((i for i, h in enumerate(header) if _UNIT_HEADER.match(h)), None)
    years = [int(y) for h in header for y in _YEAR.findall(h)]
    latest = max(years) if years else None
    blocks = []
    for index, row in enumerate(rows[1:], 2):
        at = next((i for i, c in enumerate(row) if c and not _NUMBER_CELL.match(c) and i != unit_col), None)
        if at is None:
            continue
        label = row[at]
        unit = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
        in_label = _HEADER_UNIT.search(label)  # 财政投入（万元）, Grants awarded ($): the row names its unit
        if in_label and not unit:
            unit, label = in_label[1], label[: in_label.start()].strip()
        values = [
            (header[i] if i < len(header) else "", cell)
            for i, cell in enumerate(row)
            if i > at
            and i != unit_col
            and _NUMBER_CELL.match(cell)
            and _wanted(header[i] if i < len(header) else "", latest)
        ]
        for head, cell in values:
            suffix = _HEADER_UNIT.search(head)
            written_unit = unit or (suffix[1] if suffix else "")
            name = _column_name(head) if len(values) > 1 else ""
            has_unit = _CELL_WITH_UNIT.search(cell) is not None
            if written_unit in _CURRENCY_SIGNS and not has_unit:  # $84,000, as English writes money
                text = f"{written_unit}{cell}"
            else:
                text = f"{cell}{'' if has_unit else written_unit}"
            where = f"table {number}, row {index}"
            blocks.append(Block("row", text, where, line, " | ".join(row), label=f"{label}{name}"))
    return blocks


def _wanted(head: str, latest: int | None) -> bool:
    """Return whether a numeric column holds the report's own figure (not a rate or an earlier year)."""
    if _RATE_HEADER.search(head) or re.search(r"上年|去年|同期|previous|last year", head, re.IGNORECASE):
        return False
    years = [int(y) for y in _YEAR.findall(head)]
    return not years or latest is None or max(years) == latest


def _column_name(head: str) -> str:
    name = _HEADER_UNIT.sub("", head).strip()
    return "" if _YEAR.search(name) or name in ("数量", "数值", "value", "Value") else name
