"""Build Word reports and Excel workbooks for the facts-import tests, the way offices make them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# A report is a list of paragraphs; a paragraph is text, ("title", text), ("heading N", text), ("bold", text)
# or ("table", rows).
Paragraph = str | tuple[str, object]


def write_docx(path: Path, paragraphs: Sequence[Paragraph]) -> Path:
    """Write ``paragraphs`` as a .docx at ``path``."""
    import docx

    document = docx.Document()
    for item in paragraphs:
        kind, content = ("", item) if isinstance(item, str) else item
        if kind == "table":
            rows: list[list[str]] = content  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "title":
            document.add_paragraph(str(content), style="Title")
        elif kind.startswith("heading"):
            document.add_heading(str(content), level=int(kind.split()[1]))
        else:
            document.add_paragraph().add_run(str(content)).bold = kind == "bold"
    document.save(str(path))
    return path


# A sheet: rows of cells; a cell is a value or (value, number_format). merges: ranges like "A3:A5".
Cell = object


def write_xlsx(path: Path, sheets: dict[str, tuple[list[list[Cell]], list[str]]]) -> Path:
    """Write ``sheets`` (name → (rows, merged ranges)) as an .xlsx at ``path``."""
    import openpyxl

    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, (rows, merges) in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, cell in enumerate(row, 1):
                value, fmt = cell if isinstance(cell, tuple) else (cell, None)
                target = sheet.cell(row=r, column=c, value=value)
                if fmt:
                    target.number_format = fmt
        for merged in merges:
            sheet.merge_cells(merged)
    book.save(str(path))
    return path
