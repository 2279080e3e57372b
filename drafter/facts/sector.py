"""The kind of organisation that issues a report (``report.sector``): stated, or inferred from its name.

The sector decides the register of the offline writer: a government or party report may use the political
formulas of its time; a hospital, school, company or charity writes about its own work in its trade's words.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.facts.models import ReportMeta
from drafter.resources import load_yaml

SECTORS: tuple[str, ...] = ("government", "party", "school", "hospital", "enterprise", "ngo")


def canonical_sector(name: str) -> str:
    """Return the sector whose phrase tables ``name`` uses (``company`` → ``enterprise``)."""
    table: dict[str, str] = _data()["canonical"]
    return table.get(name, name)


def infer_sector(organization: str, language: str) -> str:
    """Return the sector suggested by the organisation's name (the fallback, government, when none is).

    Chinese names are matched by their ending (青溪县教育局 → 局 → government; 青溪分公司 → 公司 →
    enterprise); English names by whole words (Riverside Clinic → clinic → hospital).
    """
    name = organization.strip()
    for rule in _data()["infer"][language]:
        if any(_names(name, word, language) for word in rule["words"]):
            return str(rule["sector"])
    return str(_data()["fallback"])


def report_sector(report: ReportMeta) -> str:
    """Return the report's sector: ``report.sector`` when given (canonical), else the inferred one."""
    if report.sector:
        return canonical_sector(report.sector)
    return infer_sector(report.organization, report.language)


def _names(name: str, word: str, language: str) -> bool:
    # A Chinese name says what kind of body it is in its last words (青溪县人民医院, 某某公司工会 is a union).
    if language == "zh":
        return name.endswith(word)
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", name, re.IGNORECASE) is not None


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("drafter.facts", "sectors.yaml")
    return data
