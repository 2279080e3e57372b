"""The facts file contract, as pydantic v2 models.

A facts file has a ``report`` block (metadata), optional ``terms`` (names containing numerals that may be
used verbatim), ``facts`` (structured figures) and ``notes`` (qualitative facts, free text).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
)

Approx = Literal["exact", "more-than", "about", "nearly", "at-least", "at-most"]
Language = Literal["zh", "en"]
Sector = Literal[
    "government", "party", "school", "hospital", "enterprise", "ngo", "public-service", "charity", "company"
]

APPROX_VALUES: tuple[str, ...] = ("exact", "more-than", "about", "nearly", "at-least", "at-most")
SECTOR_VALUES: tuple[str, ...] = (
    "government",
    "party",
    "school",
    "hospital",
    "enterprise",
    "ngo",
    "public-service",
    "charity",
    "company",
)
# The slot of a fact's ``say`` template: the only placeholder the offline writer fills.
FIGURE_SLOT = "{figure}"

MAX_FIGURE = 10**18  # no report figure comes near a quintillion: beyond it a number is a typo or an attack
TOO_LARGE = "a figure has at most 18 digits"


def _bounded(value: int) -> int:
    # 10**400 is an int Python holds but no float can: the checker compares floats, so refuse it here.
    if abs(value) > MAX_FIGURE:
        raise ValueError(TOO_LARGE)
    return value


# A figure: an int of at most 18 digits or a finite float (YAML's .nan and .inf are not figures).
# Booleans are not numbers.
Number = Annotated[StrictInt, AfterValidator(_bounded)] | Annotated[StrictFloat, AllowInfNan(False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportMeta(_Strict):
    """What the report is: title, issuer, period, kind and language.

    Attributes:
        signatory: The issuer's full name as signed (发文机关署名); defaults to ``organization``.
        document_number: The document number (发文字号, 青教发〔2026〕3号), printed under the title.
        recipients: The addressees (主送机关, 县委、县政府), printed before the body.
    """

    title: str = Field(min_length=1)
    organization: str = Field(min_length=1)
    period: str = Field(min_length=1)
    next_period: str | None = None
    kind: str = "work-summary"
    language: Language = "zh"
    date: dt.date | None = None
    sector: Sector | None = None
    signatory: str | None = Field(default=None, min_length=1)
    document_number: str | None = Field(default=None, min_length=1)
    recipients: str | None = Field(default=None, min_length=1)

    # A bare YAML/TOML year (period: 2025) is a number; users mean the string "2025".
    @field_validator("period", "next_period", mode="before")
    @classmethod
    def _year_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Fact(_Strict):
    """One structured figure: what is counted, its value, unit and approximation."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    label: str = Field(min_length=1)
    aliases: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    value: Number
    unit: str | None = None
    approx: Approx = "exact"
    previous: Number | None = None
    section: str | None = None
    topic: str | None = None
    important: bool = True
    note: str | None = None
    say: str | None = None

    # ``say`` is fact text for the offline writer: one {figure} slot, nothing else is ever substituted.
    @field_validator("say")
    @classmethod
    def _say_has_one_figure(cls, value: str | None) -> str | None:
        if value is not None and value.count(FIGURE_SLOT) != 1:
            raise ValueError("say must contain {figure} exactly once, where the figure goes")
        return value


class Note(_Strict):
    """A qualitative fact: free text placed in a section (and topic). Numbers in it are sources too."""

    text: str = Field(min_length=1)
    section: str | None = None
    topic: str | None = None


class Facts(_Strict):
    """A whole facts file."""

    report: ReportMeta
    # Plain defaults (pydantic copies them per model): ``default_factory=list`` would make pydantic read
    # list's text signature, compiling the tokenizer's regexes at every start-up (about 6 ms).
    terms: list[str] = []
    facts: list[Fact] = []
    notes: list[Note] = []

    # A note may be written as a plain string: it then belongs to the kind's default section.
    @field_validator("notes", mode="before")
    @classmethod
    def _plain_notes(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    def fact(self, fact_id: str) -> Fact:
        """Return the fact with id ``fact_id``.

        Raises:
            KeyError: No fact has that id.
        """
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)
