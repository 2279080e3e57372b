"""Report kinds: the sections of a kind of report, read from YAML data files in ``drafter/kinds/``."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from drafter.errors import KindError
from drafter.resources import list_files, load_yaml

KINDS_PACKAGE = "drafter.kinds"

SectionStyle = Literal["paragraph", "topics", "points"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionSpec(_Model):
    """One section of a kind: id, headings per language, purpose and shape.

    Attributes:
        heading: Heading template per language (``None``: no heading, as for a Chinese opening).
        fallback: Heading used when a placeholder in ``heading`` has no value.
        style: ``paragraph`` (running text), ``topics`` (sub-headed by topic) or ``points`` (numbered).
        default: Facts and notes with no ``section`` go here.
        length: Bounds on the section body's length in characters, per language.
    """

    id: str
    heading: dict[str, str | None]
    fallback: dict[str, str] = {}
    purpose: dict[str, str] = {}
    style: SectionStyle = "paragraph"
    default: bool = False
    length: dict[str, tuple[int, int]] = {}


class Kind(_Model):
    """A report kind: its id, names, title template and sections in order."""

    id: str
    name: dict[str, str]
    description: dict[str, str] = {}
    title: dict[str, str] = {}
    sections: list[SectionSpec]

    def section_ids(self) -> list[str]:
        """Return the section ids in order."""
        return [s.id for s in self.sections]

    def default_section(self) -> str:
        """Return the id of the section that takes facts with no ``section`` (the first marked default)."""
        for spec in self.sections:
            if spec.default:
                return spec.id
        return self.sections[0].id


def list_kinds() -> list[str]:
    """Return the ids of all shipped kinds, sorted."""
    return [name.removesuffix(".yaml") for name in list_files(KINDS_PACKAGE)]


@cache
def load_kind(kind_id: str) -> Kind:
    """Load the kind ``kind_id`` from its data file.

    Raises:
        KindError: No such kind, or its data file is invalid.
    """
    known = list_kinds()
    if kind_id not in known:
        raise KindError(
            f"unknown report kind '{kind_id}'", field="report.kind", hint=f"known kinds: {', '.join(known)}"
        )
    try:
        return Kind.model_validate(load_yaml(KINDS_PACKAGE, f"{kind_id}.yaml"))
    except ValidationError as exc:
        raise KindError(f"invalid kind file: {exc.errors()[0]['msg']}", file=f"{kind_id}.yaml") from exc
