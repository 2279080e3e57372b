"""The commented starter facts file that ``drafter init`` writes, one per language."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from drafter.atomic import write_atomic
from drafter.errors import FactsError

STARTER_LANGUAGES = ("zh", "en")


def starter_text(language: str = "zh") -> str:
    """Return the starter facts file (YAML with comments) for ``language``.

    Raises:
        FactsError: ``language`` is not ``zh`` or ``en``.
    """
    if language not in STARTER_LANGUAGES:
        raise FactsError(f"unknown language '{language}'", field="--language", hint="use zh or en")
    return resources.files("drafter.facts").joinpath(f"starter_{language}.yaml").read_text(encoding="utf-8")


def write_starter(path: str | Path, language: str = "zh", *, force: bool = False) -> Path:
    """Write the starter facts file for ``language`` to ``path`` (a ``.yaml`` or ``.yml`` file).

    Raises:
        FactsError: The language is unknown or ``path`` is not a YAML file name.
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise FactsError("the starter file is YAML", file=target, hint="give a name ending in .yaml")
    return write_atomic(target, starter_text(language), force=force)
