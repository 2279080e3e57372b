"""Render page 1 of the Chinese and English examples as PNG images for the README.

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``):
``apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils``. Run from the repository root:
``PYTHONPATH=. python docs/render_pages.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from drafter import draft, load_facts
from drafter.document.word import render_docx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("qingxi-education-2025.yaml", "riverside-library-2025.yaml")


def main() -> int:
    """Write ``docs/images/<example>-page1.png`` for each example; return the exit code."""
    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = []
        for name in EXAMPLES:
            path = work / name.replace(".yaml", ".docx")
            path.write_bytes(render_docx(draft(load_facts(ROOT / "examples" / name))))
            docs.append(str(path))
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(work), *docs],
            check=True,
            capture_output=True,
        )
        for name in EXAMPLES:
            stem = name.removesuffix(".yaml")
            target = out / f"{stem}-page1"
            pdf = str(work / f"{stem}.pdf")
            page_one = ["-f", "1", "-l", "1", "-singlefile"]
            subprocess.run(["pdftoppm", "-png", "-r", "72", *page_one, pdf, str(target)], check=True)
            print(f"wrote {target}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
