"""Attribution rules that generalise beyond one facts file (table-driven): numerals inside names, headings
that name the section, close labels that differ in one word."""

from __future__ import annotations

from typing import Any

import pytest

from drafter import check
from drafter.facts import Facts
from drafter.numbers.bind import stem


def _facts(*facts: dict[str, Any], language: str = "zh") -> Facts:
    report = {"title": "某院2025年工作总结", "organization": "某院", "period": "2025", "language": language}
    return Facts.model_validate({"report": report, "facts": list(facts)})


def _assert_status(facts: Facts, text: str, figure: str, status: str) -> None:
    """The mention written ``figure`` in ``text`` has ``status``."""
    mention = next(m for m in check(text, facts).mentions if m.text.startswith(figure))
    assert mention.status == status, mention.reason


SURGERY = _facts(
    {"id": "surgeries", "label": "完成手术", "value": 2148, "unit": "台"},
    {"id": "level4", "label": "四级手术", "value": 312, "unit": "台"},
    {"id": "hotline", "label": "12345热线工单", "value": 5621, "unit": "件"},
    {"id": "petitions", "label": "受理信访事项", "value": 37, "unit": "件"},
)


A_NUMERAL_INSIDE_A_LABEL_IS_PART_OF_THE_NAME = [
    # 四级 is part of the name 四级手术, not a count that divides the clause
    ("完成各类手术2148台，其中四级手术312台。", "312台", "supported", "level4"),
    ("完成各类手术312台，其中四级手术2148台。", "2148台", "misattributed", "level4"),
    ("承接12345热线工单5621件，受理信访事项37件。", "5621件", "supported", "hotline"),
    ("承接12345热线工单37件，受理信访事项5621件。", "37件", "misattributed", "hotline"),
]


CIVILIZATION = _facts(
    {"id": "villages", "label": "市级以上文明村镇", "value": 42, "unit": "个"},
    {"id": "units", "label": "文明单位", "value": 87, "unit": "个"},
    {"id": "posts", "label": "新时代文明实践所", "value": 18, "unit": "个"},
    {"id": "stations", "label": "新时代文明实践站", "value": 246, "unit": "个"},
    {"id": "donations", "label": "募集善款", "value": 6843.5, "unit": "万元"},
    {
        "id": "target",
        "label": "力争募集善款",
        "value": 7000,
        "unit": "万元",
        "approx": "at-least",
        "section": "plans",
    },
)


LISTED_ITEMS_AND_SECTIONS = [
    # the words of one listed item are its own figure's, not its neighbour's
    ("新增市级以上文明村镇42个、文明单位87个。", "42个", "supported"),
    ("新增市级以上文明村镇87个、文明单位42个。", "87个", "misattributed"),
    ("新增市级以上文明村镇87个、文明单位42个。", "42个", "misattributed"),
    ("建成新时代文明实践所18个、实践站246个。", "246个", "supported"),
    ("建成新时代文明实践所246个、实践站18个。", "18个", "misattributed"),
    # a plain line 一、… / 三、… is a heading that names the section
    ("一、主要工作\n\n全年募集善款6843.5万元。", "6843.5万元", "supported"),
    ("一、主要工作\n\n全年募集善款不少于7000万元。", "不少于7000万元", "misattributed"),
    ("三、2026年工作打算\n\n力争全年募集善款不少于7000万元。", "不少于7000万元", "supported"),
]


TRUST = _facts(
    {"id": "income", "label": "total income", "value": 4.87, "unit": "$m", "previous": 4.12},
    {"id": "donations", "label": "public donations", "value": 2.31, "unit": "$m"},
    {"id": "grants", "label": "grants", "value": 1.74, "unit": "$m"},
    language="en",
)


ENGLISH_COLON_ENDS_A_CLAUSE = [
    # a colon before a space ends an English clause: the income is not said of the donations
    (
        "Income rose by 18.2% to $4.87 million: public donations brought in $2.31 million.",
        "$4.87 million",
        "supported",
    ),
    (
        "Income rose by 18.2% to $4.87 million: public donations brought in $1.74 million.",
        "$1.74 million",
        "misattributed",
    ),
]


CARE = _facts(
    {
        "id": "outpatients",
        "label": "outpatient appointments",
        "value": 498200,
        "unit": "appointments",
    },
    {
        "id": "virtual",
        "label": "virtual outpatient appointments",
        "value": 61300,
        "unit": "appointments",
    },
    {"id": "events", "label": "events and classes held", "value": 2145, "unit": "events"},
    {"id": "eloans", "label": "e-book loans", "value": 236500, "unit": "loans"},
    {"id": "surgeries", "label": "完成手术", "value": 2148, "unit": "台"},
    {"id": "day", "label": "日间手术", "value": 640, "unit": "台"},
    language="en",
)


PARTS_AND_ENGLISH_COMMAS = [
    # a part (of which, 其中) is not the previous fact going on: matched by value only
    (
        "Clinics delivered 498,200 outpatient appointments, of which 61,300 were held by video.",
        "61,300",
        "supported",
    ),
    ("完成手术2148台，其中640台当日出院。", "640台", "supported"),
    # a thousands comma does not cut a clause; a comma or "and" between figures does
    ("The library held 2,145 events and classes, 236,500 e-book loans and more.", "236,500", "supported"),
    (
        "The library held 236,500 events and classes, 2,145 e-book loans and more.",
        "2,145",
        "unsupported",
    ),
]


FUND = _facts(
    {"id": "income", "label": "医保基金收入", "value": 12.84, "unit": "亿元", "topic": "基金"},
    {"id": "spending", "label": "医保基金支出", "value": 11.96, "unit": "亿元", "topic": "基金"},
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the difference of the only two facts of a topic is found (and 结余 announces it)
        ("基金收入12.84亿元，支出11.96亿元，收支结余0.88亿元。", "derived"),
        ("基金收入12.84亿元，支出11.96亿元，收支结余0.98亿元。", "unsupported"),
    ],
)
def test_a_balance_is_the_difference_of_two_facts(text: str, status: str) -> None:
    mention = next(m for m in check(text, FUND).mentions if "0.8" in m.text or "0.9" in m.text)
    assert mention.status == status, mention.reason


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("蔬菜、茶叶两大特色产业规模持续扩大。", "supported"),
        ("加快胸痛、卒中、创伤三大中心建设。", "supported"),
        ("蔬菜、茶叶三大特色产业规模持续扩大。", "unsupported"),
        ("发展两大特色产业。", "unsupported"),
    ],
)
def test_a_count_of_the_listed_items_is_stated_by_the_list(text: str, status: str) -> None:
    (mention,) = [m for m in check(text, FUND).mentions if "大" in m.text]
    assert mention.status == status, mention.reason


COLLEGE = _facts(
    {
        "id": "full_time",
        "label": "full-time students aged 16 to 18",
        "value": 3980,
        "unit": "students",
    },
    {"id": "adults", "label": "adult learners", "value": 6150, "unit": "students"},
    {"id": "income", "label": "total income", "value": 78.4, "unit": "$m"},
    {
        "id": "capital",
        "label": "capital spending on buildings and equipment",
        "value": 9.6,
        "unit": "$m",
    },
    {"id": "bursaries", "label": "bursaries paid to students", "value": 1.85, "unit": "$m"},
    language="en",
)


ENGLISH_CLAUSES_AND_NOUNS = [
    # another fact's noun is no contradiction in a clause that clearly speaks of this fact
    ("Our students included 3,980 full-time learners aged 16 to 18.", "3,980", "supported"),
    ("Our students included 3,980 adult learners.", "3,980", "misattributed"),
    # the clause runs to the last "and" before the next figure, not the first
    (
        "We spent $9.6 million on buildings and equipment and paid $1.85 million in bursaries.",
        "$9.6 million",
        "supported",
    ),
    (
        "We spent $78.4 million on buildings and equipment and paid $1.85 million in bursaries.",
        "$78.4 million",
        "misattributed",
    ),
]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("loans", "loan"),
        ("attendance", "attended"),
        ("enrolment", "enrolled"),
        ("digitisation", "digitised"),
        ("donations", "donated"),
        ("organisations", "organised"),
        ("participation", "participated"),
    ],
)
def test_english_words_of_one_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("station", "stated"), ("nation", "named"), ("visits", "visitors")])
def test_english_words_of_different_stems(a: str, b: str) -> None:
    assert stem(a) != stem(b)


STREET = _facts(
    {"id": "communities", "label": "下辖社区", "value": 9, "unit": "个"},
    {"id": "canteens", "label": "新建老年食堂", "value": 4, "unit": "个"},
    {"id": "events", "label": "社区文体活动", "value": 300, "unit": "场"},
    {"id": "grids", "label": "划分网格", "value": 126, "unit": "个"},
)


A_FIGURE_INSIDE_THE_LABEL_PHRASE = [
    # a figure inside the phrase: 辖9个社区 says 下辖社区, 新建4个老年食堂 says 新建老年食堂
    ("街道辖9个社区。", "9个", "supported"),
    ("街道辖126个社区。", "126个", "misattributed"),
    ("全年新建4个老年食堂。", "4个", "supported"),
    ("全年新建9个老年食堂。", "9个", "misattributed"),
]


LOANS = _facts(
    {"id": "loans", "label": "physical loans", "value": 986400, "unit": "loans"},
    {"id": "eloans", "label": "e-book loans", "value": 214700, "unit": "loans", "previous": 178900},
    language="en",
)

ROW = (
    "| Measure | This year | Previous year |\n|---|---:|---:|\n| E-book loans | 214,700 loans | {} loans |\n"
)


@pytest.mark.parametrize(
    ("previous", "status"),
    [
        # a table row's first cell speaks for each of its figures
        ("178,900", "supported"),
        ("986,400", "misattributed"),
    ],
)
def test_a_table_row_label_speaks_for_its_figures(previous: str, status: str) -> None:
    mention = next(m for m in check(ROW.format(previous), LOANS).mentions if m.text.startswith(previous))
    assert mention.status == status, mention.reason


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("12366热线全年解答纳税人咨询。", "supported"),  # a public service hotline is a name
        ("拨打12348公共法律服务热线。", "supported"),
        ("全年服务12345人次。", "unsupported"),  # not before 热线: a count
    ],
)
def test_service_hotlines_are_names(text: str, status: str) -> None:
    (mention,) = check(text, FUND).mentions
    assert mention.status == status, mention.reason


TAXES = _facts(
    {"id": "vat", "label": "增值税", "value": 15.8, "unit": "亿元"},
    {"id": "income_tax", "label": "企业所得税", "value": 7.3, "unit": "亿元"},
)


RESPECTIVELY_PAIRS_ITEMS_AND_FIGURES = [
    # 分别: each figure after it is the item of its rank in the list before it
    ("增值税、企业所得税分别入库15.8亿元、7.3亿元。", "15.8亿元", "supported", "vat"),
    ("增值税、企业所得税分别入库15.8亿元、7.3亿元。", "7.3亿元", "supported", "income_tax"),
    ("增值税、企业所得税分别入库7.3亿元、15.8亿元。", "15.8亿元", "misattributed", "income_tax"),
]


@pytest.mark.parametrize(
    ("facts", "text", "figure", "status"),
    [
        pytest.param(CIVILIZATION, *row, id=f"listed_items_and_sections-{i}")
        for i, row in enumerate(LISTED_ITEMS_AND_SECTIONS)
    ]
    + [
        pytest.param(TRUST, *row, id=f"english_colon_ends_a_clause-{i}")
        for i, row in enumerate(ENGLISH_COLON_ENDS_A_CLAUSE)
    ]
    + [
        pytest.param(CARE, *row, id=f"parts_and_english_commas-{i}")
        for i, row in enumerate(PARTS_AND_ENGLISH_COMMAS)
    ]
    + [
        pytest.param(COLLEGE, *row, id=f"english_clauses_and_nouns-{i}")
        for i, row in enumerate(ENGLISH_CLAUSES_AND_NOUNS)
    ]
    + [
        pytest.param(STREET, *row, id=f"a_figure_inside_the_label_phrase-{i}")
        for i, row in enumerate(A_FIGURE_INSIDE_THE_LABEL_PHRASE)
    ],
)
def test_attribution_rule(facts: Facts, text: str, figure: str, status: str) -> None:
    _assert_status(facts, text, figure, status)


@pytest.mark.parametrize(
    ("facts", "text", "figure", "status", "claimed"),
    [
        pytest.param(SURGERY, *row, id=f"a_numeral_inside_a_label_is_part_of_the_name-{i}")
        for i, row in enumerate(A_NUMERAL_INSIDE_A_LABEL_IS_PART_OF_THE_NAME)
    ]
    + [
        pytest.param(TAXES, *row, id=f"respectively_pairs_items_and_figures-{i}")
        for i, row in enumerate(RESPECTIVELY_PAIRS_ITEMS_AND_FIGURES)
    ],
)
def test_attribution_claim(facts: Facts, text: str, figure: str, status: str, claimed: str) -> None:
    mention = next(m for m in check(text, facts).mentions if m.text == figure)
    assert (mention.status, mention.claimed) == (status, claimed), mention.reason
