"""Duration change verbs (缩短/延长) state a derived difference from `previous`, in the right direction."""

import pytest

from drafter import check
from drafter.facts import parse_facts

FACTS = parse_facts(
    """report: {title: t, organization: o, period: "2025"}
facts:
  - {id: stay, label: 平均住院日, value: 7.8, unit: 天, previous: 8.3}
  - {id: wait, label: 平均候诊时间, value: 26, unit: 分钟, previous: 20}
""",
    "yaml",
)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("平均住院日缩短0.5天。", "derived"),  # 8.3 → 7.8: shortened by 0.5
        ("平均住院日延长0.5天。", "unsupported"),  # the stay fell, so "lengthened" is wrong
        ("平均住院日缩短0.6天。", "unsupported"),  # wrong amount
        ("平均候诊时间延长6分钟。", "derived"),  # 20 → 26
        ("平均候诊时间缩短6分钟。", "unsupported"),  # it rose
    ],
)
def test_duration_change_verbs(sentence: str, status: str) -> None:
    (mention,) = check(sentence, FACTS).mentions
    assert mention.status == status, mention.reason
