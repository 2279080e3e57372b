"""Attribution rules that generalise beyond one facts file (table-driven): numerals inside names, headings
that name the section, close labels that differ in one word."""

from __future__ import annotations

from typing import Any

import pytest

from drafter import check
from drafter.facts import Facts


def _facts(*facts: dict[str, Any]) -> Facts:
    return Facts.model_validate(
        {"report": {"title": "某院2025年工作总结", "organization": "某院", "period": "2025"}, "facts": list(facts)}
    )


SURGERY = _facts(
    {"id": "surgeries", "label": "完成手术", "value": 2148, "unit": "台"},
    {"id": "level4", "label": "四级手术", "value": 312, "unit": "台"},
    {"id": "hotline", "label": "12345热线工单", "value": 5621, "unit": "件"},
    {"id": "petitions", "label": "受理信访事项", "value": 37, "unit": "件"},
)


@pytest.mark.parametrize(
    ("text", "figure", "status", "claimed"),
    [
        # 四级 is part of the name 四级手术, not a count that divides the clause
        ("完成各类手术2148台，其中四级手术312台。", "312台", "supported", "level4"),
        ("完成各类手术312台，其中四级手术2148台。", "2148台", "misattributed", "level4"),
        ("承接12345热线工单5621件，受理信访事项37件。", "5621件", "supported", "hotline"),
        ("承接12345热线工单37件，受理信访事项5621件。", "37件", "misattributed", "hotline"),
    ],
)
def test_a_numeral_inside_a_label_is_part_of_the_name(
    text: str, figure: str, status: str, claimed: str | None
) -> None:
    mention = next(m for m in check(text, SURGERY).mentions if m.text == figure)
    assert (mention.status, mention.claimed) == (status, claimed), mention.reason
