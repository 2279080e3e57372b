"""This year's figures from a spreadsheet (.xlsx via openpyxl, .csv): one row a fact.

Headers are recognised in Chinese and English (sheets.yaml) or mapped with ``--map``; percent cells read as
12.5 (not 0.125), thousands separators and scale words (1.2万) as written; merged category cells and blank
category cells are carried down; total rows (合计) and empty rows are skipped. Every bad cell is reported
as ``file:sheet!B7: value: …`` and nothing is returned when any row is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.errors import ErrorList, InputError
from drafter.facts.models import APPROX_VALUES
from drafter.resources import load_yaml

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
FIELDS = ("label", "value", "unit", "previous", "topic", "section", "note", "important", "approx", "id")
_HEADER_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")


@dataclass
class SheetFact:
    """One row of the spreadsheet read as a fact.

    Attributes:
        label: The row's label.
        value: This year's figure as written (12.5 for a 12.5% cell).
        unit: The unit (from the unit column, the header's （万元）, or % for a percent cell).
        previous: Last year's figure, if the sheet has it.
        approx: The approximation (约5000 → about).
        topic: The category (merged or blank cells carried down).
        section: A section id, if the sheet says.
        note: The note column.
        important: The important column, ``None`` when the sheet has none.
        id: The id column, if any.
        where: ``file:sheet!B7`` of the row's value cell.
    """

    label: str
    value: int | float
    unit: str | None = None
    previous: int | float | None = None
    approx: str = "exact"
    topic: str | None = None
    section: str | None = None
    note: str | None = None
    important: bool | None = None
    id: str | None = None
    where: str = ""


class SheetErrors(ErrorList, InputError):
    """Every bad cell of a spreadsheet, one line each (nothing is written when there is any)."""

    summary = "{count} problems in the spreadsheet; nothing was written"


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("drafter.ingest", "sheets.yaml")
    return data


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", _HEADER_UNIT.sub("", text)).casefold()


def _col(index: int) -> str:
    """Return the spreadsheet column letter of a 0-based ``index`` (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheets(
    path: str | Path, sheets: Sequence[str] = (), mapping: dict[str, str] | None = None
) -> list[SheetFact]:
    """Return the facts of the spreadsheet at ``path`` (every sheet with a header row, or ``sheets``).

    Args:
        path: An .xlsx or .csv file.
        sheets: Names of the sheets to read; all sheets with a recognised header when empty.
        mapping: Header name or column letter → field, for headers drafter does not know.

    Raises:
        InputError: The file cannot be read, a sheet is missing or has no header row.
        SheetErrors: Cells that are wrong, each with its place.
    """
    source = Path(path)
    if source.suffix.lower() not in SHEET_SUFFIXES:
        raise InputError(
            f"unknown spreadsheet type '{source.suffix or '(none)'}'", file=source, hint="use .xlsx or .csv"
        )
    if not source.is_file():
        raise InputError("no such file" if not source.exists() else "is not a file", file=source)
    for name in (mapping or {}).values():
        if name not in FIELDS:
            raise InputError(f"unknown field '{name}' in --map", hint=f"fields: {', '.join(FIELDS)}")
    grids = _csv(source) if source.suffix.lower() == ".csv" else _xlsx(source, sheets)
    facts: list[SheetFact] = []
    errors: list[InputError] = []
    read = 0
    for name, grid in grids:
        place = f"{source}:{name}!" if name else f"{source}:"
        found = _read_grid(grid, place, mapping or {}, errors)
        if found is not None:
            read += 1
            facts += found
    if errors:
        raise SheetErrors(errors)
    if not read:
        raise InputError(
            "no header row with a label and a value column",
            file=source,
            hint="name the columns 指标/label and 数值/value, or map them: --map 'Column=label'",
        )
    return facts


Grid = list[list[Any]]  # rows of (value, number_format) cells


def _csv(source: Path) -> list[tuple[str, Grid]]:
    from drafter.facts.loader import decode

    try:
        text = decode(source.read_bytes(), source)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=source) from exc
    rows = [[(cell, "General") for cell in row] for row in csv.reader(io.StringIO(text))]
    return [("", rows)]


def _xlsx(source: Path, wanted: Sequence[str]) -> list[tuple[str, Grid]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(source, data_only=True)
        # A formula's result is stored only once Excel has saved the file; without it the cell reads as
        # empty, so the formulas are read too, to say so rather than skip the row.
        formulas = openpyxl.load_workbook(source, data_only=False)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException… for a bad file
        raise InputError(
            f"not an Excel workbook ({type(exc).__name__})", file=source, hint="save it from Excel as .xlsx"
        ) from exc
    missing = [name for name in wanted if name not in book.sheetnames]
    if missing:
        raise InputError(
            f"no sheet named '{missing[0]}'", file=source, hint=f"sheets: {', '.join(book.sheetnames)}"
        )
    grids = []
    for sheet in book.worksheets:
        if wanted and sheet.title not in wanted:
            continue
        written = formulas[sheet.title]
        grid: Grid = [
            [(c.value if c.value is not None else _formula(written, c), c.number_format) for c in row]
            for row in sheet.iter_rows()
        ]
        # A merged cell holds its value at the top left only: copy it to the cells it covers.
        for merged in sheet.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    grid[r - 1][c - 1] = top
        grids.append((sheet.title, grid))
    return grids


def _formula(sheet: Any, cell: Any) -> str | None:
    """Return the formula written in ``cell`` when it has no stored result, else ``None``."""
    if not hasattr(cell, "column_letter"):
        return None
    value = sheet[cell.coordinate].value
    return value if isinstance(value, str) and value.startswith("=") else None


def _columns(header: list[Any], mapping: dict[str, str]) -> dict[str, int] | None:
    """Return field → column index for a header row, or ``None`` when it has no label and value column."""
    names = {field_name: {_norm(str(w)) for w in words} for field_name, words in _table()["headers"].items()}
    columns: dict[str, int] = {}
    years: list[tuple[int, int]] = []
    for index, (cell, _) in enumerate(header):
        text = str(cell).strip() if cell is not None else ""
        mapped = mapping.get(text) or mapping.get(_col(index))
        key = _norm(text)
        if mapped:
            columns[mapped] = index
        elif key and (field_name := next((f for f, words in names.items() if key in words), None)):
            columns.setdefault(field_name, index)
        elif _YEAR.fullmatch(key.rstrip("年度")):
            years.append((int(key[:4]), index))
    years.sort()
    if years and "value" not in columns:
        columns["value"] = years[-1][1]
    if len(years) > 1 and "previous" not in columns:
        columns["previous"] = years[-2][1]
    return columns if "label" in columns and "value" in columns else None


def _read_grid(
    grid: Grid, place: str, mapping: dict[str, str], errors: list[InputError]
) -> list[SheetFact] | None:
    """Return the facts of one sheet (``None`` when it has no header row); bad cells go to ``errors``."""
    found = next(
        ((i, c) for i, row in enumerate(grid[:10]) if (c := _columns(row, mapping)) is not None), None
    )
    if found is None:
        return None
    start, columns = found
    header = grid[start]
    head_unit = _HEADER_UNIT.search(str(header[columns["value"]][0] or ""))
    totals = {_norm(str(w)) for w in _table()["totals"]}
    facts: list[SheetFact] = []
    carried: dict[str, str | None] = {"topic": None, "section": None}
    for number, row in enumerate(grid[start + 1 :], start + 2):
        cells = {f: (row[i] if i < len(row) else (None, "General")) for f, i in columns.items()}
        text = {f: _text(cell[0]) for f, cell in cells.items()}
        for key in carried:
            if key in cells:
                carried[key] = text[key] or carried[key]
        label = text["label"]
        if not any(_text(c[0]) for c in row) or (label and _norm(label) in totals):
            continue
        at = f"{place}{_col(columns['value'])}{number}"
        problems = len(errors)
        if not label:
            errors.append(
                InputError(
                    "empty",
                    file=f"{place}{_col(columns['label'])}{number}",
                    field="label",
                    hint="give the row a label or delete it",
                )
            )
            continue
        if not text["value"] and not text.get("previous"):
            # A category row (一、医疗服务) heads the rows below it that name no category of their own.
            carried["topic"] = re.sub(r"^[一二三四五六七八九十]+[、.．]\s*", "", label)
            continue
        value, unit, approx = _figure(cells["value"], at, "value", errors)
        previous = None
        if text.get("previous"):
            previous = _figure(
                cells["previous"], f"{place}{_col(columns['previous'])}{number}", "previous", errors
            )[0]
        named = text.get("unit") or (head_unit[1] if head_unit else None)
        unit = (unit + (named or "")) if unit and unit in _table()["scales"] else (named or unit)
        if text.get("approx"):
            approx = _approx_cell(text["approx"], f"{place}{_col(columns['approx'])}{number}", errors)
        important = None
        if "important" in columns:
            important = _yes_no(text["important"], f"{place}{_col(columns['important'])}{number}", errors)
        if len(errors) > problems or value is None:
            continue
        facts.append(
            SheetFact(
                label=label,
                value=value,
                unit=unit,
                previous=previous,
                approx=approx,
                topic=carried["topic"],
                section=carried["section"],
                note=text.get("note") or None,
                important=important,
                id=text.get("id") or None,
                where=at,
            )
        )
    return facts


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _figure(
    cell: tuple[Any, str], at: str, name: str, errors: list[InputError]
) -> tuple[int | float | None, str | None, str]:
    """Return (figure, unit, approx) of a value cell as the sheet shows it, or record why it is none."""
    value, number_format = cell
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        errors.append(
            InputError(
                f"a {type(value).__name__}, not a number",
                file=at,
                field=name,
                hint="write the figure in digits",
            )
        )
        return None, None, "exact"
    if isinstance(value, int | float):
        if "%" in str(number_format):  # Excel stores 12.5% as 0.125
            return _clean(value * 100), "%", "exact"
        return _clean(value), None, "exact"
    text = str(value).strip().replace("，", ",")
    if text.startswith("="):
        errors.append(
            InputError(
                "a formula without a saved result",
                file=at,
                field=name,
                hint="open the workbook in Excel and save it, so the result is stored",
            )
        )
        return None, None, "exact"
    found = _NUMBER.search(text)
    if found is None or re.search(r"\d", text[found.end() :] + text[: found.start()]):
        errors.append(
            InputError(
                f"not a number ('{text[:40]}')",
                file=at,
                field=name,
                hint="write one figure in digits, e.g. 1234.5, 12.5%, 约5000 or 1.2万",
            )
        )
        return None, None, "exact"
    figure = float(found[0].replace(",", ""))
    rest, before = text[found.end() :].strip(), text[: found.start()].strip()
    approx = "exact"
    for reading, words in _table()["approx_words"].items():
        for word in sorted(words, key=len, reverse=True):
            if before.lower().endswith(str(word)) or rest.lower().startswith(str(word)):
                approx = reading
                before = (
                    before[: len(before) - len(str(word))] if before.lower().endswith(str(word)) else before
                )
                rest = rest[len(str(word)) :] if rest.lower().startswith(str(word)) else rest
    if before:
        errors.append(
            InputError(
                f"not a number ('{text[:40]}')",
                file=at,
                field=name,
                hint="write the figure in digits, with the unit in the unit column",
            )
        )
        return None, None, "exact"
    unit = rest.strip() or None
    return _clean(figure), unit, approx


def _clean(value: float) -> int | float:
    rounded = round(float(value), 10)
    return int(rounded) if rounded.is_integer() else rounded


def _approx_cell(text: str, at: str, errors: list[InputError]) -> str:
    if text in APPROX_VALUES:
        return text
    for reading, words in _table()["approx_words"].items():
        if text.lower() in {str(w) for w in words}:
            return str(reading)
    errors.append(
        InputError(
            f"unknown approximation '{text}'",
            file=at,
            field="approx",
            hint=f"use {', '.join(APPROX_VALUES)} or 约/近/多/以上",
        )
    )
    return "exact"


def _yes_no(text: str, at: str, errors: list[InputError]) -> bool | None:
    if not text:
        return None
    if text.lower() in {str(w).lower() for w in _table()["yes_words"]}:
        return True
    if text.lower() in {str(w).lower() for w in _table()["no_words"]}:
        return False
    errors.append(
        InputError(
            f"not yes or no ('{text[:20]}')", file=at, field="important", hint="write 是 or 否 (yes or no)"
        )
    )
    return None


def sheet_fields(fact: SheetFact, fact_id: str, default_section: str = "achievements") -> dict[str, Any]:
    """Return the facts-file fields of ``fact`` in the order a facts file writes them."""
    from drafter.ingest.extract import section_of

    fields: dict[str, Any] = {"id": fact_id, "label": fact.label, "value": fact.value}
    if fact.unit:
        fields["unit"] = fact.unit
    if fact.approx != "exact":
        fields["approx"] = fact.approx
    if fact.previous is not None:
        fields["previous"] = fact.previous
    section = fact.section
    if section is not None and section not in ("overview", "achievements", "problems", "plans"):
        section = section_of(section) or default_section
    fields["section"] = section or default_section
    if fact.topic:
        fields["topic"] = fact.topic
    if fact.important is False:
        fields["important"] = False
    if fact.note:
        fields["note"] = fact.note
    return fields


def sheet_text(facts: list[SheetFact], report: dict[str, Any], source: str, language: str = "zh") -> str:
    """Return a facts file (commented YAML) holding the spreadsheet's ``facts``."""
    from drafter.facts.suggest import sanitize_id
    from drafter.ingest.writing import Entry, make_ids, render

    ids = make_ids([f.label for f in facts], language)
    taken: set[str] = set()
    entries = []
    for fact, made in zip(facts, ids, strict=True):
        fact_id = sanitize_id(fact.id) if fact.id and sanitize_id(fact.id) not in taken else made
        taken.add(fact_id)
        entries.append(Entry(sheet_fields(fact, fact_id), [fact.where]))
    header = [
        f"Facts imported by 'drafter facts import' from {source}: {len(entries)} facts, one per row.",
        "The comment above each fact names its cell. Fill in the report block, then: drafter validate FILE",
    ]
    return render(header, {**report, "kind": "work-summary", "language": language}, [], entries, [])
